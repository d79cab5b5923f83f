import { Principal } from '@dfinity/principal';

import { composeCanister } from '../../core/index.ts';
import { activate, activeRuntime } from '../../core/host/current-runtime.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import auth from '../../plugins/auth/index.ts';
import metrics from '../../plugins/metrics/index.ts';
import { MetricsEndpoints } from '../../plugins/metrics/metrics-endpoints.ts';
import { CalendarEndpoints } from './calendar-endpoints.ts';
import { EventEndpoints } from './event-endpoints.ts';
import { MoveEndpoints } from './move-endpoints.ts';
import { FeedTokenEndpoints } from './feed-token-endpoints.ts';
import service from './service.ts';
import { SubscriptionEndpoints } from './subscription-endpoints.ts';
import { SystemEndpoints } from './system-endpoints.ts';

/** Test support (Node only): the calendar canister on core's memory platform, called as anyone. */
export type Reply<T = unknown> = { Ok: T } | { Err: { code: string; message: string } };
type Api = Record<string, (...args: unknown[]) => unknown>;

export const principal = (n: number) => Principal.fromUint8Array(new Uint8Array([31, n]));

export function calendarCanister() {
  const platform = new MemoryPlatform();
  const controller = principal(0);
  platform.controllers.push(controller);
  const canister = composeCanister(
    { name: 'calendar', plugins: [auth, metrics], endpoints: [service] },
    platform,
  );
  canister.init();
  // Several canisters may live in one test: each call runs in its own canister's runtime.
  const runtime = activeRuntime();
  const api = Object.assign(
    {},
    ...[
      CalendarEndpoints,
      EventEndpoints,
      FeedTokenEndpoints,
      SystemEndpoints,
      MoveEndpoints,
      SubscriptionEndpoints,
      MetricsEndpoints,
    ].map((C) => {
      const instance = new C() as unknown as Api;
      const methods: Api = {};
      for (const name of Object.getOwnPropertyNames(C.prototype)) {
        if (name !== 'constructor') methods[name] = (...args) => instance[name]!(...args);
      }
      return methods;
    }),
  ) as Api;
  const as = <T = unknown>(who: Principal, method: string, ...args: unknown[]) => {
    activate(runtime);
    return platform.as(who, () => api[method]!(...args)) as T;
  };
  return { platform, canister, controller, as };
}

export function ok<T>(reply: unknown): T {
  const r = reply as Reply<T>;
  if ('Err' in r) throw new Error(`expected Ok, got ${r.Err.code}: ${r.Err.message}`);
  return r.Ok;
}

export const errCode = (reply: unknown) => (reply as { Err?: { code: string } }).Err?.code;

export const calendarInput = (name: string, visibility: 'private' | 'public' = 'private') => ({
  name,
  description: [],
  color: ['#3366ff'],
  time_zone: 'Europe/Berlin',
  visibility: { [visibility]: null },
});

export function eventInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Standup',
    description: [],
    location: [],
    color: [],
    time_zone: 'Europe/Berlin',
    all_day: false,
    start: '2025-03-03T09:00:00',
    end: '2025-03-03T09:15:00',
    rrule: [],
    exdates: [],
    rdates: [],
    reminders: [],
    transparent: false,
    overrides: [],
    ...overrides,
  };
}

export const ms = (iso: string) => BigInt(Date.parse(iso));
