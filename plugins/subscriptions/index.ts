import { subscriptions } from './plugin.ts';

export { SUBSCRIPTION_SETTINGS } from './plugin.ts';
export { MIN_REFRESH_SECONDS, resolveSubscriptionSettings } from './settings.ts';
export type { SubscriptionOptions, SubscriptionSettings } from './settings.ts';
export default subscriptions;
