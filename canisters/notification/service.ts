import { notificationDomain } from './notification-domain.ts';

/** The notification canister's domain: reminders queue, inbox, webhooks and alerts. */
export default [notificationDomain];
