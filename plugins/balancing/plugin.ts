import { definePlugin, token } from '../../core/index.ts';
import { type BalancingOptions, type BalancingSettings, resolveSettings } from './settings.ts';

export const BALANCING_SETTINGS = token<BalancingSettings>('balancing/settings');

/**
 * Carries the load balancer's settings from canister.yaml into the canister: the load balancer's
 * domain (canisters/load_balancer) resolves BALANCING_SETTINGS. No endpoints, stores or hooks.
 */
export const balancing = definePlugin<BalancingOptions>({
  name: 'balancing',
  setup(ctx) {
    ctx.provide(BALANCING_SETTINGS, resolveSettings(ctx.options));
  },
});
