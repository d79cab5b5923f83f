import { userRegistryDomain } from './user-registry-domain.ts';

/** The user registry's domain: one plugin value holding its stores and endpoints. */
export default [userRegistryDomain];
