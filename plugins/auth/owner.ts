import type { Principal } from '@dfinity/principal';

import { caller, CanisterError } from '../../core/index.ts';

/** True when the caller of the current message is `recordOwner` (never for the anonymous caller). */
export function callerIsOwner(recordOwner: Principal): boolean {
  const who = caller();
  return !who.isAnonymous() && who.toText() === recordOwner.toText();
}

/** Throws core's `AUTH_NOT_OWNER` unless the caller owns the record. For `@allow('owner')` handlers. */
export function requireOwner(recordOwner: Principal, what = 'record'): void {
  if (callerIsOwner(recordOwner)) return;
  throw new CanisterError('AUTH_NOT_OWNER', `only the owner may use this ${what}`, {
    expected: recordOwner.toText(),
    found: caller().toText(),
  });
}
