import { vaultDomain } from './vault-domain.ts';

/** The backup canister's domain: protected canisters, backup versions, recovery plans. */
export default [vaultDomain];
