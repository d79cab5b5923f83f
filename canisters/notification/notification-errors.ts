/** Codes the notification canister returns in `Err` (README.md documents them; a test keeps both equal). */
export const NOTIFICATION_ERROR_CODES = {
  NOTIFY_INVALID:
    'An argument breaks its limit: too many changes, ids, reminders or an empty field.',
  NOTIFY_NOT_FOUND: 'No such webhook of the caller (or it was removed).',
  WEBHOOK_URL_REFUSED:
    'The webhook URL is not https, carries credentials, or names a private, loopback or internal host.',
  WEBHOOK_LIMIT: 'The user already has the most webhooks allowed.',
} as const;

export type NotificationErrorCode = keyof typeof NOTIFICATION_ERROR_CODES;
