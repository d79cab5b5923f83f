import { Actor, CanisterStatus, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import type { Reply } from './registry-actor.ts';

export interface AuditLine {
  at: bigint;
  actor: Principal;
  action: string;
  subject: string;
}

/** The auth plugin's admin methods deploy's configure step calls (see plugins/auth/README.md). */
export interface AuthService {
  auth_set_registry(registry: Principal): Promise<Reply<null>>;
  auth_audit_log(
    start: bigint,
    limit: number,
  ): Promise<Reply<{ entries: AuditLine[]; next: [] | [bigint] }>>;
}

const authIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Err = I.Record({ code: I.Text, message: I.Text });
  const Result = (ok: IDL.Type) => I.Variant({ Ok: ok, Err });
  const Line = I.Record({ at: I.Nat64, actor: I.Principal, action: I.Text, subject: I.Text });
  return I.Service({
    auth_set_registry: I.Func([I.Principal], [Result(I.Null)], []),
    auth_audit_log: I.Func(
      [I.Nat64, I.Nat32],
      [Result(I.Record({ entries: I.Vec(Line), next: I.Opt(I.Nat64) }))],
      ['query'],
    ),
  });
};

export function authActor(agent: HttpAgent, canisterId: Principal): ActorSubclass<AuthService> {
  return Actor.createActor<AuthService>(authIdl, { agent, canisterId });
}

/**
 * Whether the canister's public `candid:service` metadata declares `auth_set_registry`;
 * 'unknown' when the module carries no such metadata (the build could not embed it).
 */
export async function hasAuthPlugin(
  agent: HttpAgent,
  canisterId: Principal,
): Promise<boolean | 'unknown'> {
  const status = await CanisterStatus.request({ agent, canisterId, paths: ['candid'] });
  const candid = status.get('candid');
  if (typeof candid !== 'string') return 'unknown';
  return /\bauth_set_registry\s*:/.test(candid);
}

/** Page size auth accepts by default (`auditPageLimit`). */
const AUDIT_PAGE = 100;

/** The registry id the last `set_registry` audit entry recorded, if any. */
export async function registrySetByAudit(
  auth: ActorSubclass<AuthService>,
): Promise<string | undefined> {
  let start = 0n;
  let last: string | undefined;
  for (;;) {
    const reply = await auth.auth_audit_log(start, AUDIT_PAGE);
    if ('Err' in reply) {
      throw new Error(`${reply.Err.code}: reading auth_audit_log: ${reply.Err.message}`);
    }
    for (const entry of reply.Ok.entries) {
      if (entry.action === 'set_registry') last = entry.subject;
    }
    const next = reply.Ok.next[0];
    if (next === undefined) return last;
    start = next;
  }
}
