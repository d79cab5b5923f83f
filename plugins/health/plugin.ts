import {
  ADMIN_CHECK,
  definePlugin,
  HEALTH_CHECKS,
  MonitorAccess,
  STORES,
} from '../../core/index.ts';
import { CyclesRunway } from './cycles-runway.ts';
import { type DependencyOption, DependencyProbe } from './dependency-probes.ts';
import { durationSeconds } from './duration.ts';
import { healthError } from './errors.ts';
import { HEALTH_READER, HealthEndpoints } from './health-endpoints.ts';
import { summarize, versionInfo } from './health-service.ts';

import { memoryCheck, storesCheck } from './store-checks.ts';

/** The options of canister.yaml `plugins.health` (see options.schema.json). */
export interface HealthOptions {
  monitors?: string[];
  critical?: string[];
  version?: string;
  cycles?: { minimum?: number; runwayDays?: number; sample?: string };
  memory?: { maxStoreEntries?: number };
  dependencies?: DependencyOption[];
}

const DEFAULT_CRITICAL = ['cycles-minimum', 'stores'];

/**
 * Health: registers checks for cycles (minimum, runway), stores, memory
 * headroom and dependencies, and serves health_check, which folds every
 * check in HEALTH_CHECKS (any plugin's, e.g. backup's 'last-backup').
 */
export const health = definePlugin<HealthOptions>({
  name: 'health',
  endpoints: [HealthEndpoints],
  setup(ctx) {
    const { options, platform } = ctx;
    const runway = new CyclesRunway(platform);
    const minimum = BigInt(options.cycles?.minimum ?? 100_000_000_000);
    ctx.healthCheck('cycles-minimum', () => runway.minimumCheck(minimum));
    ctx.healthCheck('cycles-runway', () => runway.runwayCheck(options.cycles?.runwayDays ?? 30));
    ctx.healthCheck('stores', () => storesCheck(ctx.resolve(STORES)));
    ctx.healthCheck('memory', () =>
      memoryCheck(ctx.resolve(STORES), options.memory?.maxStoreEntries),
    );
    ctx.timer({
      name: 'cycles-sample',
      everySeconds: durationSeconds(options.cycles?.sample ?? 'every 1h'),
      run: () => runway.sample(),
    });

    const probes = (options.dependencies ?? []).map((d) => new DependencyProbe(d, platform));
    const names = new Set<string>();
    for (const probe of probes) {
      const name = `dependency:${probe.option.name}`;
      if (names.has(name)) {
        throw healthError(
          'HEALTH_OPTIONS_INVALID',
          `dependency ${probe.option.name} is listed twice`,
          {
            expected: 'unique dependency names',
            found: probe.option.name,
          },
        );
      }
      names.add(name);
      ctx.healthCheck(name, () => probe.check());
      ctx.timer({
        name: `probe-${probe.option.name}`,
        everySeconds: probe.everySeconds,
        run: () => probe.probe(),
      });
    }

    const begin = () => {
      runway.sample();
      for (const probe of probes) probe.start();
    };
    ctx.onInit(begin);
    ctx.onPostUpgrade(begin);

    const access = new MonitorAccess(platform, options.monitors ?? [], () =>
      ctx.resolveOptional(ADMIN_CHECK),
    );
    const critical = new Set(options.critical ?? DEFAULT_CRITICAL);
    ctx.provide(HEALTH_READER, {
      summary: () => summarize(ctx.resolve(HEALTH_CHECKS), critical),
      admits: (principal) => access.admits(principal),
      version: () => versionInfo(platform, ctx.canisterName, options.version ?? 'unversioned'),
    });
  },
});
