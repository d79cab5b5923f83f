import { loadBalancerDomain } from './lb-domain.ts';

/** The load balancer canister's domain: one plugin value holding its stores, timers and endpoints. */
export default [loadBalancerDomain];
