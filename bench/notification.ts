/**
 * Notification canister figures on localnet's metered engine (real Wasm): instructions per
 * enqueued series (calendar shard → sync_reminders), per delivered reminder (drain), the most any
 * one message used, and the cycles one webhook outcall costs. Prints figures; never fails on them.
 *
 *   npm run bench -- notification [reminders=1000]
 */
import { Ed25519KeyIdentity } from '@dfinity/identity';

import {
  calendarInput,
  eventInput,
  remindersIcs,
} from '../test/notification/notification-events.ts';
import { ok, startNotificationSystem } from '../test/notification/notification-system.ts';
import { WebhookServer } from '../test/notification/webhook-server.ts';

const count = Number(process.argv[2] ?? 1000);
const MIN = 60_000;
const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(99));
const hooks = await new WebhookServer().start();
const sys = await startNotificationSystem(Date.parse('2027-06-01T00:00:00Z'));
const fees: bigint[] = [];
sys.network.engine.management.httpsOutcalls.onResult((_request, _result, fee) => fees.push(fee));
const stats = async () => ok(await sys.notification.get_notification_stats());
const calendarActor = sys.as('calendar', user);
const calendar = ok(await calendarActor.create_calendar(calendarInput('Bench'))).id;
let now = await sys.network.getTime();
const start = Math.ceil((now + 120 * MIN) / MIN) * MIN;

const syncs: bigint[] = [];
for (let first = 0; first < count; first += 500) {
  const size = Math.min(500, count - first);
  ok(
    await calendarActor.import_ics({
      calendar_id: calendar,
      ics: remindersIcs(size, start, `b${first}`),
      skip_invalid: false,
    }),
  );
  for (let i = 0; i < 10 && (await stats()).series < BigInt(first + size); i++)
    await sys.advance(1_000);
  const last = await stats(); // the last sync_reminders call of this import (100 series)
  syncs.push(BigInt(last.last_sync_instructions / (last.last_sync_changes || 1n)));
}
const drains: bigint[] = [];
let runs = 0;
await sys.network.advanceTime(start - 10 * MIN + MIN - (await sys.network.getTime()));
while ((await stats()).delivered < BigInt(count) && runs < 1000) {
  await sys.network.tick();
  runs++;
  const s = await stats();
  drains.push(BigInt(s.last_drain_instructions / (s.last_drain_fired || 1n)));
}
const s = await stats();

// One reminder with a webhook: the cycles its outcall is charged.
const hooked = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(98));
ok(await sys.as('notification', hooked).add_webhook({ url: `${hooks.url}/b`, calendar_id: [] }));
const own = ok(await sys.as('calendar', hooked).create_calendar(calendarInput('Hook'))).id;
now = await sys.network.getTime();
ok(await sys.as('calendar', hooked).create_event(own, eventInput('Hooked', now + 20 * MIN)));
await sys.advance(1_000);
await sys.advance(11 * MIN);
const after = await stats();
await hooks.stop();

const median = (values: bigint[]) =>
  [...values].sort((a, b) => (a < b ? -1 : 1))[values.length >> 1];
const m = (v: bigint | undefined) => `${(Number(v ?? 0n) / 1e6).toFixed(1)} M`;
console.log(`reminders due in the same minute: ${count}`);
console.log(
  `instructions per enqueue (sync_reminders, per series, last call of each of ${syncs.length} imports): ${m(median(syncs))}`,
);
console.log(
  `instructions per delivered reminder (drain, median of ${drains.length} runs): ${m(median(drains))}`,
);
console.log(
  `delivered ${s.delivered} in ${runs} tick(s); most instructions in one message: ${m(s.max_message_instructions)} (limit 5,000 M)`,
);
console.log(
  `queue depth after: ${s.queue_depth} (one entry per live series), max lag ${s.max_lag_ms} ms (the clock jumps 1 min past the first due)`,
);
console.log(
  `cycles per HTTPS outcall (webhook POST, max_response_bytes 4096): charged ${fees.at(-1) ?? 'none'}; attached by the canister ${after.outcall_cycles}`,
);
process.exit(0);
