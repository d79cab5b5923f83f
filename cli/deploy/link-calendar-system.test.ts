import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { linkCalendarSystem, type LinkActors } from './link-calendar-system.ts';

const id = (n: number) => Principal.fromUint8Array(new Uint8Array([9, n])).toText();

/** Canisters that keep what they are told, and count the writes. */
function fakeCanisters() {
  const userRegistryOf = new Map<string, Principal>();
  const calendarsOf = new Map<string, Principal[]>();
  let writes = 0;
  const actors: LinkActors = {
    calendar: (canister) => ({
      get_user_registry: async () => {
        const registry = userRegistryOf.get(canister);
        return registry ? [registry] : [];
      },
      set_user_registry: async (registry) => {
        writes += 1;
        userRegistryOf.set(canister, registry);
        return { Ok: registry };
      },
    }),
    userRegistry: (canister) => ({
      get_calendar_canisters: async () => calendarsOf.get(canister) ?? [],
      set_calendar_canisters: async (calendars) => {
        writes += 1;
        if (calendars.length > 2) {
          return { Err: { code: 'PROFILE_INVALID', message: 'too many calendar canisters' } };
        }
        calendarsOf.set(canister, calendars);
        return { Ok: calendars };
      },
    }),
  };
  return { actors, userRegistryOf, calendarsOf, writes: () => writes };
}

describe('linkCalendarSystem', () => {
  const deployment = [
    { id: id(1), type: 'registry' },
    { id: id(2), type: 'calendar' },
    { id: id(3), type: 'calendar' },
    { id: id(4), type: 'user_registry' },
  ];

  it('points each calendar at the user registry and lists the calendars there, once', async () => {
    const fake = fakeCanisters();
    const first = await linkCalendarSystem(deployment, fake.actors);
    expect(first.written).toHaveLength(3);
    expect(fake.userRegistryOf.get(id(2))?.toText()).toBe(id(4));
    expect(fake.userRegistryOf.get(id(3))?.toText()).toBe(id(4));
    expect(fake.calendarsOf.get(id(4))?.map((p) => p.toText())).toEqual([id(2), id(3)]);
    expect(fake.writes()).toBe(3);

    const second = await linkCalendarSystem(deployment, fake.actors);
    expect(second.written).toEqual([]);
    expect(fake.writes()).toBe(3);
  });

  it('rewrites the calendar list when a shard leaves the deployment', async () => {
    const fake = fakeCanisters();
    await linkCalendarSystem(deployment, fake.actors);
    const report = await linkCalendarSystem(
      deployment.filter((canister) => canister.id !== id(3)),
      fake.actors,
    );
    expect(report.written).toEqual([`user registry ${id(4)} → calendars ${id(2)}`]);
    expect(fake.calendarsOf.get(id(4))?.map((p) => p.toText())).toEqual([id(2)]);
  });

  it('skips, saying why, when there are several user registries; does nothing without one', async () => {
    const fake = fakeCanisters();
    const twoRegistries = [...deployment, { id: id(5), type: 'user_registry' }];
    const report = await linkCalendarSystem(twoRegistries, fake.actors);
    expect(report.skipped).toContain('from one user registry; this deployment has 2');
    expect(fake.writes()).toBe(0);
    expect(await linkCalendarSystem(deployment.slice(0, 3), fake.actors)).toEqual({ written: [] });
  });

  it('fails with the canister error code when a canister refuses', async () => {
    const fake = fakeCanisters();
    const crowded = [...deployment, { id: id(6), type: 'calendar' }];
    await expect(linkCalendarSystem(crowded, fake.actors)).rejects.toThrow(
      `PROFILE_INVALID: set_calendar_canisters on ${id(4)}: too many calendar canisters`,
    );
  });
});
