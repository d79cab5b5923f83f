import { refuseOutcallUrl } from '../../core/index.ts';
import { NOTIFICATION_LIMITS } from './notification-model.ts';

/**
 * Why a webhook URL is refused, or undefined when it is acceptable (core's outcall URL rules:
 * HTTPS to a public host). `allowLoopback` (an admin setting, off by default) admits
 * http://127.0.0.1 for tests on a local network.
 */
export function refuseWebhookUrl(url: string, allowLoopback = false): string | undefined {
  return refuseOutcallUrl(url, { maxBytes: NOTIFICATION_LIMITS.maxUrlBytes, allowLoopback });
}
