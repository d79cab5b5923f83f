import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeCbor } from '../cbor.ts';
import { HttpProblem } from '../http-problem.ts';
import { parseEnvelope, type RequestType } from './envelope.ts';

const types: RequestType[] = ['call', 'query', 'read_state'];

/** Parsing either succeeds or refuses with an HttpProblem; nothing else may escape. */
function parsesOrRefuses(bytes: Uint8Array): boolean {
  for (const type of types) {
    try {
      parseEnvelope(bytes, type as 'call');
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      expect(error.status).toBe(400);
      expect(error.body.length).toBeGreaterThan(10);
    }
  }
  return true;
}

const cborValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.uint8Array({ maxLength: 40 }),
    fc.string(),
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('content', 'request_type', 'sender', 'paths', 'arg', 'canister_id', 'x'),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value;

describe('envelope parser', () => {
  it('never throws anything but a 400 on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), parsesOrRefuses), { numRuns: 500 });
  });

  it('never throws anything but a 400 on random CBOR values shaped like envelopes', () => {
    const envelopeLike = fc.record(
      { content: cborValue, sender_pubkey: cborValue },
      { requiredKeys: ['content'] },
    );
    fc.assert(
      fc.property(fc.oneof(cborValue, envelopeLike), (value) => parsesOrRefuses(encodeCbor(value))),
      { numRuns: 500 },
    );
  });

  it('parses a well-formed call and computes its request id', () => {
    const content = {
      request_type: 'call',
      sender: Uint8Array.of(4),
      ingress_expiry: 1_685_570_400_000_000_000n,
      canister_id: Uint8Array.of(0, 0, 0, 0, 0, 0, 4, 0xd2),
      method_name: 'hello',
      arg: Uint8Array.of(0x44, 0x49, 0x44, 0x4c, 0x00, 0xfd, 0x2a),
    };
    const parsed = parseEnvelope(encodeCbor({ content }), 'call');
    expect(parsed.content.methodName).toBe('hello');
    expect(Buffer.from(parsed.requestId).toString('hex')).toBe(
      '1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101',
    );
  });
});
