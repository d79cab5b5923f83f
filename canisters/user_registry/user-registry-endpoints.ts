import {
  allow,
  AUDIT_TRAIL,
  caller,
  CanisterError,
  IDL,
  inject,
  injectOptional,
  Principal,
  query,
  token,
  update,
} from '../../core/index.ts';
import type { AccountErasure } from './account-erasure.ts';
import type { ProfileBook } from './profile-book.ts';
import {
  PROFILE_LIMITS,
  type ProfileFields,
  type ProfileRecord,
  type ProfileVisibility as Visibility,
} from './profile-model.ts';
import {
  AccountDeletionResult,
  AccountErasureView,
  PrincipalsResult,
  ProfileInput,
  ProfileResult,
  ProfileVisibility,
  PublicProfileResult,
} from './user-registry-idl.ts';

export const PROFILES = token<ProfileBook>('user_registry/profiles');
export const ACCOUNT_ERASURE = token<AccountErasure>('user_registry/erasure');

interface ProfileInputView {
  display_name: string;
  time_zone: string;
  locale: string;
  week_start: number;
  default_calendar: [] | [string];
}

const fields = (input: ProfileInputView): ProfileFields => ({
  displayName: input.display_name,
  timeZone: input.time_zone,
  locale: input.locale,
  weekStart: input.week_start,
  ...(input.default_calendar.length ? { defaultCalendar: input.default_calendar[0] } : {}),
});

const view = (user: string, p: ProfileRecord) => ({
  user: Principal.fromText(user),
  display_name: p.displayName,
  time_zone: p.timeZone,
  locale: p.locale,
  week_start: p.weekStart,
  default_calendar:
    p.defaultCalendar === undefined ? ([] as []) : ([p.defaultCalendar] as [string]),
  visibility: { [p.visibility ?? 'private']: null },
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

const me = () => caller().toText();

/** Profiles and settings; deleting an account erases its calendar data on every calendar shard. */
export class UserRegistryEndpoints {
  private readonly profiles = inject(PROFILES);
  private readonly erasure = inject(ACCOUNT_ERASURE);

  @update([ProfileInput], ProfileResult)
  @allow('user')
  register(input: ProfileInputView) {
    return view(me(), this.profiles.register(me(), fields(input)));
  }

  @query([], ProfileResult)
  @allow('user')
  get_my_profile() {
    return view(me(), this.profiles.require(me()));
  }

  @update([ProfileInput], ProfileResult)
  @allow('user')
  update_profile(input: ProfileInputView) {
    return view(me(), this.profiles.update(me(), fields(input)));
  }

  /** Who may read the profile's public fields with get_profile: `private` (default) or `public`. */
  @update([ProfileVisibility], ProfileResult)
  @allow('user')
  set_profile_visibility(visibility: Record<Visibility, null>) {
    const chosen: Visibility = 'public' in visibility ? 'public' : 'private';
    return view(me(), this.profiles.setVisibility(me(), chosen));
  }

  /**
   * Public fields only (display name and locale), of a public profile or the caller's own; a
   * private profile gets PROFILE_NOT_FOUND, the answer for a principal never registered.
   */
  @query([IDL.Principal], PublicProfileResult)
  @allow('public')
  get_profile(user: Principal) {
    const profile = this.profiles.readableBy(me(), user.toText());
    return { user, display_name: profile.displayName, locale: profile.locale };
  }

  /**
   * Removes the profile now, then asks each calendar shard to erase one batch of the user's data;
   * a timer runs each further batch as a message of its own (`get_my_account_erasure` follows it).
   */
  @update([], AccountDeletionResult)
  @allow('user')
  async delete_my_account() {
    const user = me();
    if (this.erasure.calendarCanisters().length === 0) {
      throw new CanisterError(
        'REGISTRY_NOT_CONFIGURED',
        'no calendar canister is configured (set_calendar_canisters)',
      );
    }
    this.profiles.remove(user);
    this.erasure.schedule(user);
    const outcome = await this.erasure.step(user);
    return {
      calendars_erased: outcome.calendars,
      events_erased: outcome.events,
      pending_canisters: outcome.pending,
    };
  }

  /** The shards still erasing the caller's deleted account (none: finished, or never deleted). */
  @query([], IDL.Opt(AccountErasureView))
  @allow('user')
  get_my_account_erasure() {
    const pending = this.erasure.progressOf(me());
    if (pending === undefined) return [];
    return [
      {
        pending_canisters: pending.canisters.map((c) => Principal.fromText(c)),
        requested_at: pending.requestedAt,
      },
    ];
  }

  /** Which calendar shards account deletion reaches: a change of trust, controllers only, audited. */
  @update([IDL.Vec(IDL.Principal)], PrincipalsResult)
  @allow('controller')
  set_calendar_canisters(canisters: Principal[]) {
    if (canisters.length > PROFILE_LIMITS.maxCalendarCanisters) {
      throw new CanisterError('PROFILE_INVALID', 'too many calendar canisters', {
        expected: `at most ${PROFILE_LIMITS.maxCalendarCanisters}`,
      });
    }
    const set = this.erasure.setCalendarCanisters(canisters.map((c) => c.toText()));
    injectOptional(AUDIT_TRAIL)?.record(caller(), 'set_calendar_canisters', set.join(' '));
    return set.map((c) => Principal.fromText(c));
  }

  @query([], IDL.Vec(IDL.Principal))
  @allow('public')
  get_calendar_canisters() {
    return this.erasure.calendarCanisters().map((c) => Principal.fromText(c));
  }
}
