import { registryDomain } from './registry-domain.ts';

/** The registry canister's domain: one plugin value holding its stores and endpoints. */
export default [registryDomain];
