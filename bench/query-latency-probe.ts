/**
 * Issues one query every 5 ms for `seconds` and prints the latencies (ms) as JSON on stdout.
 * Run as its own process by localnet-durability.ts, so the writers' client work (signing,
 * certificate checks) in the bench process does not show up as query latency. Its agent is made
 * as the writers' are (createActors: signed through OpenSSL, sent through node:http), and it
 * checks node signatures as a default agent does.
 * Run: npx tsx bench/query-latency-probe.ts <url> <canister id> <seconds>
 */
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { createActors } from './concurrent-agents.ts';

const [url, canisterId, seconds] = process.argv.slice(2);
const idl: IDL.InterfaceFactory = ({ IDL }) =>
  IDL.Service({ get_message: IDL.Func([], [IDL.Text], ['query']) });

const [reader] = await createActors<{ get_message(): Promise<string> }>(
  url!,
  Principal.fromText(canisterId!),
  idl,
  1,
);
await reader.get_message(); // the subnet's node keys are fetched once, before timing
const latencies: number[] = [];
const deadline = performance.now() + Number(seconds) * 1000;
while (performance.now() < deadline) {
  const started = performance.now();
  await reader.get_message();
  latencies.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
process.stdout.write(JSON.stringify(latencies));
