import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import type { LocalNetwork } from '../../localnet/index.ts';
import type { ControllerAccess } from '../../cli/deploy/protect-with-backup.ts';

/** Test support for the recovery drill: seeding ICS, controller access on localnet, corruption. */
const pad = (n: number) => String(n).padStart(2, '0');

/** `count` one-hour events from `from`, spread over 2024, two of every ten in March 2025. */
export function drillIcs(from: number, count: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//drill//EN'];
  for (let i = from; i < from + count; i++) {
    const march = i % 10 < 2;
    const day = march
      ? new Date(Date.UTC(2025, 2, 1 + (i % 28)))
      : new Date(Date.UTC(2024, 0, 1) + (i % 360) * 86_400_000);
    const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    const hour = 6 + (i % 12);
    lines.push(
      'BEGIN:VEVENT',
      `UID:drill-${i}@example.org`,
      'DTSTAMP:20250101T000000Z',
      `DTSTART:${date}T${pad(hour)}0000Z`,
      `DTEND:${date}T${pad(hour + 1)}0000Z`,
      `SUMMARY:Drill event ${i}`,
      `DESCRIPTION:${'Agenda and notes. '.repeat(1 + (i % 4))}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

export function localControllerAccess(network: LocalNetwork, sender: Principal): ControllerAccess {
  return {
    controllers: (canister) => network.getControllers(canister),
    setControllers: (canister, controllers) =>
      network.updateCanisterSettings({ canisterId: canister, sender, controllers }),
  };
}

export async function uninstall(network: LocalNetwork, canister: Principal, sender: Principal) {
  const arg = IDL.Record({
    canister_id: IDL.Principal,
    sender_canister_version: IDL.Opt(IDL.Nat64),
  });
  await network.updateCall({
    canisterId: (await import('@dfinity/principal')).Principal.managementCanister(),
    method: 'uninstall_code',
    arg: new Uint8Array(
      IDL.encode([arg], [{ canister_id: canister, sender_canister_version: [] }]),
    ),
    sender,
  });
}

/** Flips one byte of the first occurrence of `marker` in a canister's stable memory. */
export function corruptStable(network: LocalNetwork, canister: Principal, marker: string): boolean {
  const stable = network.engine.getCanister(canister)!.stableMemory;
  const needle = Buffer.from(marker);
  const STEP = 1 << 20;
  for (let offset = 0; offset < stable.size; offset += STEP - needle.length) {
    const window = Buffer.from(stable.read(offset, Math.min(STEP, stable.size - offset)));
    const at = window.indexOf(needle);
    if (at >= 0) {
      stable.write(offset + at, Uint8Array.of(needle[0]! ^ 0x20));
      return true;
    }
  }
  return false;
}
