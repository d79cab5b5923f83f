import { health } from './plugin.ts';

export type { HealthOptions } from './plugin.ts';
export type { HealthReply } from './health-endpoints.ts';
export type { CheckResult, HealthSummary, OverallStatus } from './health-service.ts';
export { HEALTH_ERROR_CODES } from './errors.ts';
export type { HealthErrorCode } from './errors.ts';
export default health;
