import { describe, expect, it } from 'vitest';
import { requestIdOf as agentRequestIdOf } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { encodeLeb128, hashOfMap, hashValue, requestIdOf } from './request-id.ts';
import { fromHex, toHex } from './bytes.ts';

const specCall = {
  request_type: 'call',
  sender: Uint8Array.of(0x04),
  ingress_expiry: 1_685_570_400_000_000_000n,
  canister_id: fromHex('00000000000004d2'),
  method_name: 'hello',
  arg: fromHex('4449444c00fd2a'), // "DIDL\x00\xFD*"
};

describe('request id (representation-independent hash)', () => {
  it('reproduces the spec example', () => {
    expect(toHex(requestIdOf(specCall))).toBe(
      '1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101',
    );
  });

  it('hashes the spec example parts as the spec shows', () => {
    expect(toHex(hashValue(1_685_570_400_000_000_000n))).toBe(
      'db8e57abc8cda1525d45fdd2637af091bc1f28b35819a40df71517d1501f2c76',
    );
    expect(toHex(hashValue(specCall.arg))).toBe(
      '6c0b2ae49718f6995c02ac5700c9c789d7b7862a0d53e6d40a73f1fcd2f70189',
    );
  });

  it('ignores absent fields and key order', () => {
    const shuffled = {
      nonce: undefined,
      ...Object.fromEntries(Object.entries(specCall).reverse()),
    };
    expect(toHex(hashOfMap(shuffled))).toBe(toHex(requestIdOf(specCall)));
  });

  it('agrees with the agent on nested arrays (read_state paths) and principals', () => {
    const content = {
      request_type: 'read_state',
      sender: Principal.anonymous(),
      ingress_expiry: 42n,
      paths: [[new TextEncoder().encode('request_status'), fromHex('01ff')], [new Uint8Array()]],
    };
    expect(toHex(requestIdOf(content))).toBe(toHex(agentRequestIdOf(content)));
  });

  it('encodes LEB128 in the shortest form', () => {
    expect(toHex(encodeLeb128(624_485))).toBe('e58e26');
    expect(toHex(encodeLeb128(0))).toBe('00');
    expect(toHex(encodeLeb128(127))).toBe('7f');
    expect(toHex(encodeLeb128(128))).toBe('8001');
  });
});
