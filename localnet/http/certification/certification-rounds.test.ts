import { Certificate, lookupResultToBuffer } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';

import { deriveNetworkIdentity, generateNetworkKeys } from '../keys.ts';
import { RequestStatusStore } from '../request-status-store.ts';
import { FakeBackend } from '../testing/fake-backend.ts';
import { wallClockNs } from '../wall-clock.ts';
import { CertificationRounds } from './certification-rounds.ts';
import { Certifier } from './certifier.ts';

function setup(roundGapMs?: number) {
  const keys = generateNetworkKeys();
  const certifier = new Certifier(keys, deriveNetworkIdentity(keys));
  const backend = new FakeBackend();
  const canister = backend.addCanister({ certifiedData: new Uint8Array([1, 2, 3]) });
  const statuses = new RequestStatusStore();
  const rounds = new CertificationRounds(
    certifier,
    backend,
    statuses,
    wallClockNs,
    false,
    roundGapMs,
  );
  const verify = (bytes: Uint8Array) =>
    Certificate.create({
      certificate: bytes,
      rootKey: certifier.identity.rootKeyDer,
      canisterId: canister.id,
    });
  return { rounds, statuses, canister, verify };
}

/** Tracks request `n` (its id is 32 bytes of `n`), answered by `run`. */
function trackNumbered(
  statuses: RequestStatusStore,
  n: number,
  run: Parameters<RequestStatusStore['track']>[1],
) {
  const requestId = new Uint8Array(32).fill(n);
  const anonymous = Principal.anonymous();
  return statuses.track(
    { requestId, sender: anonymous, effectiveCanisterId: anonymous, expiryNs: 0n },
    run,
  );
}

/** The certified `/time` (unsigned LEB128). */
function timeOf(certificate: Certificate): bigint {
  const bytes = lookupResultToBuffer(certificate.lookup_path(['time']))!;
  let value = 0n;
  for (const [n, byte] of bytes.entries()) value |= BigInt(byte & 0x7f) << BigInt(7 * n);
  return value;
}

describe('certification rounds', () => {
  it('signs once for requests that arrive together, and each reveals its own path', async () => {
    const { rounds, statuses, verify } = setup();
    const ids = Array.from({ length: 20 }, (_, n) => new Uint8Array(32).fill(n));
    const records = ids.map((requestId) =>
      statuses.track(
        {
          requestId,
          sender: Principal.anonymous(),
          effectiveCanisterId: Principal.anonymous(),
          expiryNs: 0n,
        },
        async () => ({ status: 'replied', reply: requestId.slice(0, 1) }),
      ),
    );
    await Promise.all(records.map((r) => r.outcome));
    const certificates = await Promise.all(
      ids.map((id) => rounds.certificate([[utf8ToBytes('request_status'), id]])),
    );
    expect(rounds.signatures).toBe(1);
    for (const [n, bytes] of certificates.entries()) {
      const certificate = await verify(bytes);
      const reply = certificate.lookup_path(['request_status', ids[n]!, 'reply']);
      expect(lookupResultToBuffer(reply)).toEqual(new Uint8Array([n]));
    }
  });

  it('reuses the latest round while nothing changes, and signs a later time after a change', async () => {
    const { rounds, statuses, canister, verify } = setup();
    const first = await rounds.certificate([]);
    expect(await rounds.certificate([])).toEqual(first);
    const data = rounds.dataCertificate(canister.id, canister.certifiedData);
    expect(rounds.signatures).toBe(1);
    expect(
      (await verify(data)).lookup_path(['canister', canister.id.toUint8Array(), 'certified_data'])
        .status,
    ).toBe('Found');

    statuses.track(
      {
        requestId: new Uint8Array(32),
        sender: Principal.anonymous(),
        effectiveCanisterId: Principal.anonymous(),
        expiryNs: 0n,
      },
      async () => ({ status: 'replied', reply: new Uint8Array() }),
    );
    const second = await rounds.certificate([]);
    expect(rounds.signatures).toBe(2);
    const [a, b] = [await verify(first), await verify(second)];
    expect(timeOf(b)).toBeGreaterThan(timeOf(a));

    canister.certifiedData = new Uint8Array([9]);
    rounds.dataCertificate(canister.id, canister.certifiedData);
    expect(rounds.signatures).toBe(3);
  });

  it('answers a settled request from the latest round that holds it, not a newer one', async () => {
    const { rounds, statuses, verify } = setup();
    const track = (n: number) =>
      trackNumbered(statuses, n, async () => ({ status: 'replied', reply: Uint8Array.of(n) }));
    const path = (n: number) => [utf8ToBytes('request_status'), new Uint8Array(32).fill(n)];
    const first = track(1);
    await first.outcome;
    await rounds.statusCertificate(path(1), first.settledVersion!);
    expect(rounds.signatures).toBe(1);

    // A later request changes the state, but the first one's status is already certified.
    await track(2).outcome;
    const again = await verify(await rounds.statusCertificate(path(1), first.settledVersion!));
    expect(rounds.signatures).toBe(1);
    expect(lookupResultToBuffer(again.lookup_path([...path(1), 'reply']))).toEqual(
      Uint8Array.of(1),
    );

    // The second one settled after that round: it needs a new one.
    const second = statuses.get(new Uint8Array(32).fill(2))!;
    const certificate = await verify(
      await rounds.statusCertificate(path(2), second.settledVersion!),
    );
    expect(rounds.signatures).toBe(2);
    expect(lookupResultToBuffer(certificate.lookup_path([...path(2), 'reply']))).toEqual(
      Uint8Array.of(2),
    );
  });

  it('while other requests are in progress, a settled one waits for them and they share a round', async () => {
    // Spaced far apart, so only the last request settling can start the round.
    const { rounds, statuses, verify } = setup(60_000);
    const path = (n: number) => [utf8ToBytes('request_status'), new Uint8Array(32).fill(n)];
    const finish: Array<() => void> = [];
    const track = (n: number) =>
      trackNumbered(
        statuses,
        n,
        () =>
          new Promise((resolve) =>
            finish.push(() => resolve({ status: 'replied', reply: Uint8Array.of(n) })),
          ),
      );
    const finishNext = async () => {
      await new Promise((resolve) => setImmediate(resolve)); // the calls have started
      finish.shift()!();
    };
    // A first round, so the next ones are spaced after it.
    const first = track(1);
    await finishNext();
    await first.outcome;
    await rounds.statusCertificate(path(1), first.settledVersion!);
    expect(rounds.signatures).toBe(1);

    const [second, third] = [track(2), track(3)];
    await finishNext();
    await second.outcome;
    const secondCertificate = rounds.statusCertificate(path(2), second.settledVersion!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rounds.signatures).toBe(1); // the third is still in progress
    await finishNext();
    await third.outcome;
    const thirdCertificate = rounds.statusCertificate(path(3), third.settledVersion!);
    const [two, three] = await Promise.all([secondCertificate, thirdCertificate]);
    expect(rounds.signatures).toBe(2);
    expect(two).not.toEqual(three); // each reveals its own status, under one signature
    const [a, b] = await Promise.all([verify(two), verify(three)]);
    expect(lookupResultToBuffer(a.lookup_path([...path(2), 'reply']))).toEqual(Uint8Array.of(2));
    expect(lookupResultToBuffer(b.lookup_path([...path(3), 'reply']))).toEqual(Uint8Array.of(3));

    // Two waited for that round, so the next waits for two as well (or for the spacing).
    const fourth = track(4);
    await finishNext();
    await fourth.outcome;
    const fourthCertificate = rounds.statusCertificate(path(4), fourth.settledVersion!);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rounds.signatures).toBe(2);
    const fifth = track(5);
    await finishNext();
    await fifth.outcome;
    await Promise.all([
      fourthCertificate,
      rounds.statusCertificate(path(5), fifth.settledVersion!),
    ]);
    expect(rounds.signatures).toBe(3);
  });

  it('signs a request that waits for others once the spacing passed', async () => {
    const { rounds, statuses } = setup(1_000);
    const path = (n: number) => [utf8ToBytes('request_status'), new Uint8Array(32).fill(n)];
    const reply = (n: number) => async () =>
      ({ status: 'replied', reply: Uint8Array.of(n) }) as const;
    const [first, second] = [
      trackNumbered(statuses, 1, reply(1)),
      trackNumbered(statuses, 2, reply(2)),
    ];
    await Promise.all([first.outcome, second.outcome]);
    await Promise.all([
      rounds.statusCertificate(path(1), first.settledVersion!),
      rounds.statusCertificate(path(2), second.settledVersion!),
    ]);
    expect(rounds.signatures).toBe(1);

    // Two waited for that round: one alone waits for a second, which never comes, until the
    // spacing passed.
    const third = trackNumbered(statuses, 3, reply(3));
    await third.outcome;
    const certificate = rounds.statusCertificate(path(3), third.settledVersion!);
    for (let n = 0; n < 3; n++) await new Promise((resolve) => setImmediate(resolve));
    expect(rounds.signatures).toBe(1);
    await certificate;
    expect(rounds.signatures).toBe(2);

    // The estimate shrinks by one per round: one waited, so one alone is signed at once.
    const fourth = trackNumbered(statuses, 4, reply(4));
    await fourth.outcome;
    void rounds.statusCertificate(path(4), fourth.settledVersion!);
    for (let n = 0; n < 3; n++) await new Promise((resolve) => setImmediate(resolve));
    expect(rounds.signatures).toBe(3);
  });
});
