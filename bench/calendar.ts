/**
 * Instructions per create_event and per month-window list_events with 1 000 and with 100 000
 * stored events, and stable memory per event, on the real calendar Wasm run by localnet's engine
 * (metered; calls go to the engine directly, no HTTP). The month queried holds the same 30 events
 * at both sizes; the other events lie in other months of the same calendar, so the figures show
 * what the index costs as the calendar grows (target: 100k month query ≤ 2× the 1k one).
 * Events are seeded through import_ics batches of BENCH_BATCH (default 500) events, the production
 * path; progress goes to stderr. Figures only.
 * Run: npx tsx bench/calendar.ts            (BENCH_SIZES=1000,10000 to change the sizes)
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { LocalNetwork } from '../localnet/index.ts';
import { buildCalendarCanisters } from '../test/calendar/build-calendar-canisters.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const IN_WINDOW = 30;
const SAMPLES = 15;
const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(71)).getPrincipal();

type Reply = { Ok: unknown } | { Err: { code: string; message: string } };

const median = (values: bigint[]) =>
  [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor(values.length / 2)]!;
const pad = (n: number) => String(n).padStart(2, '0');

function ics(from: number, count: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  for (let i = from; i < from + count; i++) {
    // Spread over 1990-2024 (never March 2025): day i mod 12 775, hour i mod 20.
    const day = new Date(Date.UTC(1990, 0, 1) + (i % 12_775) * 86_400_000);
    const stamp = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}T${pad(i % 20)}0000Z`;
    const end = `${stamp.slice(0, 9)}${pad((i % 20) + 1)}0000Z`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:bench-${i}@example.org`,
      'DTSTAMP:20250101T000000Z',
      `DTSTART:${stamp}`,
      `DTEND:${end}`,
      `SUMMARY:Event ${i}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

/** Stable memory actually written: 64 KiB pages holding any non-zero byte (Azle reserves ~200 MB up front). */
function writtenStableBytes(stable: {
  size: number;
  read(offset: number, size: number): Uint8Array;
}): number {
  const PAGE = 65_536;
  let pages = 0;
  for (let offset = 0; offset < stable.size; offset += PAGE) {
    const page = stable.read(offset, Math.min(PAGE, stable.size - offset));
    if (page.some((byte) => byte !== 0)) pages++;
  }
  return pages * PAGE;
}

async function main(): Promise<void> {
  const built = await buildCalendarCanisters();
  const network = await LocalNetwork.create();
  const { canisterId } = await network.setupCanister({
    idlFactory: () => IDL.Service({}),
    wasm: built.calendar.wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: owner,
  });
  const engine = network.engine;
  const canister = engine.getCanister(canisterId)!;
  const { idlFactory } = (await import(built.calendar.bindingsPath)) as {
    idlFactory: IDL.InterfaceFactory;
  };
  const methods = new Map((idlFactory({ IDL }) as IDL.ServiceClass)._fields);
  const call = async (method: string, args: unknown[], mode: 'update' | 'query' = 'update') => {
    const func = methods.get(method)!;
    const ret = func.retTypes[0]!;
    const request = {
      sender: owner,
      canisterId: canisterId as Principal,
      method,
      arg: new Uint8Array(IDL.encode(func.argTypes, args)),
    };
    const outcome = mode === 'update' ? await engine.update(request) : await engine.query(request);
    if (outcome.kind !== 'replied') throw new Error(`${method}: ${outcome.rejectMessage}`);
    const [reply] = IDL.decode([ret], outcome.reply) as [Reply];
    if ('Err' in reply) throw new Error(`${method}: ${reply.Err.code} ${reply.Err.message}`);
    return { value: reply.Ok, instructions: canister.lastInstructions };
  };

  const created = await call('create_calendar', [
    { name: 'Bench', description: [], color: [], time_zone: 'UTC', visibility: { private: null } },
  ]);
  const calendarId = (created.value as { id: string }).id;
  const event = (i: number) => ({
    title: `March ${i}`,
    description: [],
    location: [],
    color: [],
    time_zone: 'Europe/Berlin',
    all_day: false,
    start: `2025-03-${pad(1 + (i % 28))}T${pad(8 + (i % 10))}:00:00`,
    end: `2025-03-${pad(1 + (i % 28))}T${pad(9 + (i % 10))}:00:00`,
    rrule: [],
    exdates: [],
    rdates: [],
    reminders: [{ minutes_before: 10, action: [], description: [] }],
    transparent: false,
    overrides: [],
  });
  for (let i = 0; i < IN_WINDOW; i++) await call('create_event', [calendarId, event(i)]);
  const march = {
    calendar_ids: [calendarId],
    from_ms: BigInt(Date.UTC(2025, 2, 1)),
    to_ms: BigInt(Date.UTC(2025, 3, 1)),
    cursor: [],
    limit: [100],
  };

  let stored = IN_WINDOW;
  let extraCreates = 0;
  const rows: {
    size: number;
    create: bigint;
    list: bigint;
    listed: number;
    emptyList: bigint;
    stable: number;
    importPerEvent: bigint;
  }[] = [];
  for (const size of SIZES) {
    const importFigures: bigint[] = [];
    const started = Date.now();
    while (stored + extraCreates < size - SAMPLES) {
      const count = Math.min(BATCH, size - SAMPLES - stored - extraCreates);
      const result = await call('import_ics', [
        { calendar_id: calendarId, ics: ics(stored, count), skip_invalid: false },
      ]);
      const report = result.value as { created: number; rejected: unknown[] };
      if (report.created !== count)
        throw new Error(
          `import created ${report.created} of ${count}: ${JSON.stringify(report.rejected.slice(0, 2))}`,
        );
      // A timer message (auth's membership refresh) that runs right after the call overwrites
      // lastInstructions with a tiny figure; keep only readings that are the import's own.
      if (result.instructions > 1_000_000n) importFigures.push(result.instructions / BigInt(count));
      stored += count;
      if (stored % 10_000 < count) {
        console.error(
          `  ${stored} events seeded (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    }
    const creates: bigint[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // Creates land outside March 2025 (2030), so the month window keeps its 30 events.
      const e = {
        ...event(i),
        start: `2030-01-${pad(1 + i)}T10:00:00`,
        end: `2030-01-${pad(1 + i)}T11:00:00`,
      };
      creates.push((await call('create_event', [calendarId, e])).instructions);
      extraCreates++;
    }
    const lists: bigint[] = [];
    let listed = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const result = await call('list_events', [march], 'query');
      listed = (result.value as { occurrences: unknown[] }).occurrences.length;
      lists.push(result.instructions);
    }
    const empty = {
      ...march,
      from_ms: BigInt(Date.UTC(2040, 2, 1)),
      to_ms: BigInt(Date.UTC(2040, 3, 1)),
    };
    const emptyList = (await call('list_events', [empty], 'query')).instructions;
    const total = stored + extraCreates;
    rows.push({
      size: total,
      create: median(creates),
      list: median(lists),
      listed,
      emptyList,
      stable: writtenStableBytes(canister.stableMemory),
      importPerEvent: importFigures.length ? median(importFigures) : 0n,
    });
    console.log(`seeded ${total} events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log('\ncalendar canister (real Wasm on localnet, median of 15 calls):');
  console.log(
    'stored events | create_event instr | month list_events instr (occurrences) | empty-month list_events | import_ics instr/event | stable bytes',
  );
  for (const r of rows) {
    console.log(
      `${String(r.size).padStart(13)} | ${String(r.create).padStart(18)} | ${String(r.list).padStart(24)} (${r.listed}) | ${String(r.emptyList).padStart(21)} | ${String(r.importPerEvent).padStart(22)} | ${r.stable}`,
    );
  }
  const [small, large] = [rows[0]!, rows[rows.length - 1]!];
  if (rows.length > 1) {
    console.log(
      `month query ratio ${large.size} / ${small.size} events: ${(Number(large.list) / Number(small.list)).toFixed(3)} (target ≤ 2)`,
    );
    console.log(`create_event ratio: ${(Number(large.create) / Number(small.create)).toFixed(3)}`);
    console.log(
      `stable memory per event (growth ${small.size}→${large.size}): ${((large.stable - small.stable) / (large.size - small.size)).toFixed(0)} bytes`,
    );
  }
  await network.tearDown();
}

await main();
