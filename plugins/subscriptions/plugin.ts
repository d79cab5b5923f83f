import { definePlugin, token } from '../../core/index.ts';
import {
  resolveSubscriptionSettings,
  type SubscriptionOptions,
  type SubscriptionSettings,
} from './settings.ts';

export const SUBSCRIPTION_SETTINGS = token<SubscriptionSettings>('subscriptions/settings');

/**
 * Carries the calendar's ICS subscription settings from canister.yaml into the canister: the
 * calendar domain (canisters/calendar, subscription-*.ts) resolves SUBSCRIPTION_SETTINGS. No
 * endpoints, stores or hooks.
 */
export const subscriptions = definePlugin<SubscriptionOptions>({
  name: 'subscriptions',
  setup(ctx) {
    ctx.provide(SUBSCRIPTION_SETTINGS, resolveSubscriptionSettings(ctx.options));
  },
});
