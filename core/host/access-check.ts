import { CanisterError } from '../errors/canister-error.ts';
import type { Container } from '../di/container.ts';
import type { CallInfo } from '../plugin-context.ts';
import type { Platform } from '../platform/platform.ts';
import { ADMIN_CHECK, GROUP_CHECK } from '../tokens.ts';
import type { AccessLevel } from '../decorators/metadata.ts';

/** Enforces `@allow`: the call passes when any declared level admits the caller. */
export function checkAccess(
  call: CallInfo,
  platform: Platform,
  container: Container,
): CanisterError | undefined {
  const levels = call.metadata.access ?? [];
  const anonymous = call.caller.isAnonymous();
  let groupUnavailable: string | undefined;
  for (const level of levels) {
    const verdict = admits(level, call, platform, container);
    if (verdict === true) return undefined;
    if (verdict === 'no-group-provider') groupUnavailable = level;
  }
  const wanted = levels.join(' | ') || 'an @allow declaration';
  if (anonymous && !levels.includes('public')) {
    return new CanisterError('AUTH_ANONYMOUS', `${call.method} needs a signed-in caller`, {
      expected: wanted,
      found: 'the anonymous principal',
    });
  }
  if (groupUnavailable !== undefined) {
    return new CanisterError(
      'AUTH_GROUP_UNAVAILABLE',
      `${call.method} allows ${groupUnavailable}, but no plugin provides group membership`,
    );
  }
  return new CanisterError('AUTH_FORBIDDEN', `${call.method} is not open to this caller`, {
    expected: wanted,
    found: call.caller.toText(),
  });
}

function admits(
  level: AccessLevel,
  call: CallInfo,
  platform: Platform,
  container: Container,
): boolean | 'no-group-provider' {
  const signedIn = !call.caller.isAnonymous();
  if (level === 'public') return true;
  // 'owner': the record's owner is checked by the handler; here it means signed in.
  if (level === 'user' || level === 'owner') return signedIn;
  if (level === 'controller') return platform.isController(call.caller);
  if (level === 'admin') {
    if (platform.isController(call.caller)) return true;
    return container.resolveOptional(ADMIN_CHECK)?.isAdmin(call.caller) ?? false;
  }
  const groups = container.resolveOptional(GROUP_CHECK);
  if (groups === undefined) return 'no-group-provider';
  return groups.isMember(level.slice('group:'.length), call.caller);
}
