/**
 * Instructions of one ICS subscription refresh with a feed near the import limit (~990 000
 * characters, events with TZID, description and location), on the real calendar Wasm run by
 * localnet's metered engine, the feed served from 127.0.0.1: the first fetch (every event
 * created), a 304, and a fetch in which one event changed. Each message of the refresh is shown
 * (the outcall's transform query and the reply callback that parses and reconciles). Figures only.
 * Run: npx tsx bench/calendar-subscription.ts
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { LocalNetwork } from '../localnet/index.ts';
import { buildModules } from '../test/calendar/build-calendar-canisters.ts';
import { FeedServer } from '../test/calendar/feed-server.ts';

const LIMIT = 1_000_000;
const owner = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(72)).getPrincipal();
type Reply = { Ok: unknown } | { Err: { code: string; message: string } };
const pad = (n: number) => String(n).padStart(2, '0');

function feedText(changedTitle: string): { text: string; events: number } {
  const head = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  const events: string[] = [];
  let size = head.join('\r\n').length + 20;
  for (let i = 0; ; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000);
    const date = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1)}${pad(day.getUTCDate())}`;
    const lines = [
      'BEGIN:VEVENT',
      `UID:feed-${i}@example.org`,
      'DTSTAMP:20250101T000000Z',
      `DTSTART;TZID=Europe/Berlin:${date}T${pad(8 + (i % 10))}0000`,
      `DTEND;TZID=Europe/Berlin:${date}T${pad(9 + (i % 10))}0000`,
      `SUMMARY:${i === 0 ? changedTitle : `Event ${i}`}`,
      `DESCRIPTION:Agenda for meeting ${i}: review\\, plan and decide the next steps.`,
      `LOCATION:Room ${i % 40}\\, Building ${i % 7}`,
      'END:VEVENT',
    ].join('\r\n');
    if (size + lines.length + 2 > LIMIT - 10_000) break;
    events.push(lines);
    size += lines.length + 2;
  }
  return {
    text: [...head, ...events, 'END:VCALENDAR'].join('\r\n') + '\r\n',
    events: events.length,
  };
}

async function main(): Promise<void> {
  const feed = await new FeedServer().start();
  const { calendar } = await buildModules(['calendar']);
  const network = await LocalNetwork.create();
  const { canisterId } = await network.setupCanister({
    idlFactory: () => IDL.Service({}),
    wasm: calendar.wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: owner,
  });
  const engine = network.engine;
  const canister = engine.getCanister(canisterId)!;
  // Every message's instructions, in order (the engine keeps only the last one).
  const executions: bigint[] = [];
  let last = 0n;
  Object.defineProperty(canister, 'lastInstructions', {
    get: () => last,
    set: (value: bigint) => {
      last = value;
      executions.push(value);
    },
  });
  const { idlFactory } = (await import(calendar.bindingsPath)) as {
    idlFactory: IDL.InterfaceFactory;
  };
  const methods = new Map((idlFactory({ IDL }) as IDL.ServiceClass)._fields);
  const call = async (method: string, args: unknown[], mode: 'update' | 'query' = 'update') => {
    const func = methods.get(method)!;
    const request = {
      sender: owner,
      canisterId: canisterId as Principal,
      method,
      arg: new Uint8Array(IDL.encode(func.argTypes, args)),
    };
    const outcome = mode === 'update' ? await engine.update(request) : await engine.query(request);
    if (outcome.kind !== 'replied') throw new Error(`${method}: ${outcome.rejectMessage}`);
    const [reply] = IDL.decode([func.retTypes[0]!], outcome.reply) as [Reply];
    if ('Err' in reply) throw new Error(`${method}: ${reply.Err.code} ${reply.Err.message}`);
    return reply.Ok as Record<string, unknown>;
  };
  await call('set_allow_loopback_subscriptions', [true]);
  const calendarId = (
    await call('create_calendar', [
      { name: 'Feed', description: [], color: [], time_zone: 'UTC', visibility: { private: null } },
    ])
  ).id as string;
  await call('subscribe_calendar', [calendarId, `${feed.url}/feed.ics`]);

  const rows: [string, string][] = [];
  const measure = async (label: string, etag: string, title: string) => {
    const { text, events } = feedText(title);
    feed.serve(text, etag);
    await network.advanceTime(3_661_000);
    executions.length = 0;
    const started = performance.now();
    await call('refresh_subscription', [calendarId]);
    const seconds = (performance.now() - started) / 1000;
    const state = await call('get_subscription', [calendarId], 'query');
    executions.pop(); // the get_subscription query
    const big = executions.filter((n) => n > 1_000_000n);
    const total = big.reduce((a, b) => a + b, 0n);
    rows.push([
      `${label} (${text.length} chars, ${events} events; ${JSON.stringify(state.status)} ${JSON.stringify(state.last_error)})`,
      `${big.map((n) => `${(Number(n) / 1e9).toFixed(2)} B`).join(' + ')} = ${(Number(total) / 1e9).toFixed(2)} B instr; ${(Number(total) / events / 1e6).toFixed(2)} M per event; ${seconds.toFixed(1)} s`,
    ]);
  };
  await network.tick(1); // the first fetch the subscription armed (measured below instead)
  await measure('first fetch, all created', '"a"', 'Event 0');
  await measure('304, nothing changed', '"a"', 'Event 0');
  await measure('one event changed', '"b"', 'Event 0 moved');
  for (const [label, figure] of rows) console.log(`${label}: ${figure}`);
  await feed.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
