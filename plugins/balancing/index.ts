import { balancing } from './plugin.ts';

export { BALANCING_SETTINGS } from './plugin.ts';
export { resolveSettings, seconds, STRATEGIES } from './settings.ts';
export type { BalancingOptions, BalancingSettings, Strategy } from './settings.ts';
export default balancing;
