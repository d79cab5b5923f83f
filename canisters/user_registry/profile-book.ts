import { CanisterError, type StableStore } from '../../core/index.ts';
import type { ProfileFields, ProfileRecord, ProfileVisibility } from './profile-model.ts';
import { validateProfile } from './validate-profile.ts';

const ANONYMOUS = '2vxsx-fae';

const notFound = (user: string) => new CanisterError('PROFILE_NOT_FOUND', `no profile for ${user}`);

/** Profiles keyed by principal: only the user writes their own. */
export class ProfileBook {
  constructor(
    private readonly profiles: StableStore<ProfileRecord>,
    private readonly now: () => bigint,
  ) {}

  register(user: string, fields: ProfileFields): ProfileRecord {
    this.requireSignedIn(user);
    if (this.profiles.has(user))
      throw new CanisterError('PROFILE_EXISTS', 'this principal is already registered');
    const now = this.now();
    const record: ProfileRecord = { ...validateProfile(fields), createdAt: now, updatedAt: now };
    this.profiles.set(user, record);
    return record;
  }

  update(user: string, fields: ProfileFields): ProfileRecord {
    const current = this.require(user);
    const record: ProfileRecord = {
      ...validateProfile(fields),
      ...(current.visibility === undefined ? {} : { visibility: current.visibility }),
      createdAt: current.createdAt,
      updatedAt: this.now(),
    };
    this.profiles.set(user, record);
    return record;
  }

  setVisibility(user: string, visibility: ProfileVisibility): ProfileRecord {
    const record: ProfileRecord = { ...this.require(user), visibility, updatedAt: this.now() };
    this.profiles.set(user, record);
    return record;
  }

  /**
   * The profile as `reader` may see it: its owner always, anyone else only when it is public. A
   * private profile is refused exactly as a principal that never registered, so the answer does
   * not tell whether the principal is a user.
   */
  readableBy(reader: string, user: string): ProfileRecord {
    const profile = this.profiles.get(user);
    if (profile === undefined || (reader !== user && profile.visibility !== 'public')) {
      throw notFound(user);
    }
    return profile;
  }

  require(user: string): ProfileRecord {
    const profile = this.profiles.get(user);
    if (profile === undefined) throw notFound(user);
    return profile;
  }

  remove(user: string): ProfileRecord {
    const removed = this.profiles.delete(user);
    if (removed === undefined) throw notFound(user);
    return removed;
  }

  private requireSignedIn(user: string): void {
    if (user === ANONYMOUS) throw new CanisterError('AUTH_ANONYMOUS', 'sign in to register');
  }
}
