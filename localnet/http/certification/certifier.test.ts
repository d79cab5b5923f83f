import { describe, expect, it } from 'vitest';
import { Certificate, lookupResultToBuffer } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { toHex } from '../bytes.ts';
import { deriveNetworkIdentity, generateNetworkKeys } from '../keys.ts';
import { Certifier } from './certifier.ts';

const keys = generateNetworkKeys();
const certifier = new Certifier(keys, deriveNetworkIdentity(keys));
const canisterId = Principal.fromText('lxzze-o7777-77777-aaaaa-cai');
const nowNs = () => BigInt(Date.now()) * 1_000_000n;

describe('certifier', () => {
  it('issues data certificates the agent verifies against the root key', async () => {
    const data = Uint8Array.from({ length: 32 }, (_, i) => i);
    const bytes = certifier.dataCertificate(canisterId, data, nowNs());
    const certificate = await Certificate.create({
      certificate: bytes,
      rootKey: certifier.identity.rootKeyDer,
      canisterId,
    });
    const found = lookupResultToBuffer(
      certificate.lookup_path(['canister', canisterId.toUint8Array(), 'certified_data']),
    );
    expect(toHex(found!)).toBe(toHex(data));
    expect(
      certificate.lookup_path(['canister', canisterId.toUint8Array(), 'controllers']).status,
    ).toBe('Unknown');
  });

  it('produces certificates another root key does not verify', async () => {
    const other = deriveNetworkIdentity(generateNetworkKeys());
    const bytes = certifier.dataCertificate(canisterId, new Uint8Array(), nowNs());
    await expect(
      Certificate.create({ certificate: bytes, rootKey: other.rootKeyDer, canisterId }),
    ).rejects.toThrow();
  });

  it('carries the time it is given, which agents check for freshness', async () => {
    const stale = certifier.dataCertificate(
      canisterId,
      new Uint8Array(),
      nowNs() - 10n * 60_000_000_000n,
    );
    await expect(
      Certificate.create({
        certificate: stale,
        rootKey: certifier.identity.rootKeyDer,
        canisterId,
      }),
    ).rejects.toThrow(/past|time/i);
  });
});
