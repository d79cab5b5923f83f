import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { Result } from '../errors/result.ts';
import { encodeReply } from './reply-encoding.ts';

describe('encodeReply', () => {
  const Task = IDL.Record({
    id: IDL.Nat64,
    title: IDL.Text,
    owner: IDL.Principal,
    due: IDL.Opt(IDL.Nat64),
  });
  const type = Result(IDL.Vec(Task));
  const values = [
    { Ok: [{ id: 1n, title: 'a', owner: Principal.anonymous(), due: [] }] },
    { Err: { code: 'NOT_FOUND', message: 'no task with id 7' } },
    { Ok: [] },
    { Ok: [{ id: 2n, title: 'ünïcode', owner: Principal.fromText('aaaaa-aa'), due: [5n] }] },
  ];

  it('produces the same bytes as IDL.encode, before and after the prefix is cached', () => {
    for (const value of [...values, ...values]) {
      expect(encodeReply(type, value)).toEqual(new Uint8Array(IDL.encode([type], [value])));
    }
  });

  it('encodes an empty reply for methods without a return type, and refuses a wrong value', () => {
    expect(encodeReply(undefined, undefined)).toEqual(new Uint8Array(IDL.encode([], [])));
    expect(() => encodeReply(IDL.Nat32, 'seven')).toThrow();
  });
});
