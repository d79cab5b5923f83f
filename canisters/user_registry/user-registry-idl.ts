import { IDL, Result } from '../../core/index.ts';

/** Candid types of the user registry. */
export const ProfileInput = IDL.Record({
  display_name: IDL.Text,
  time_zone: IDL.Text,
  locale: IDL.Text,
  /** 0 = Monday … 6 = Sunday */
  week_start: IDL.Nat8,
  default_calendar: IDL.Opt(IDL.Text),
});
/** `private` (the default): get_profile answers others as if the principal never registered. */
export const ProfileVisibility = IDL.Variant({ private: IDL.Null, public: IDL.Null });
export const Profile = IDL.Record({
  user: IDL.Principal,
  display_name: IDL.Text,
  time_zone: IDL.Text,
  locale: IDL.Text,
  week_start: IDL.Nat8,
  default_calendar: IDL.Opt(IDL.Text),
  visibility: ProfileVisibility,
  created_at: IDL.Nat64,
  updated_at: IDL.Nat64,
});
export const PublicProfile = IDL.Record({
  user: IDL.Principal,
  display_name: IDL.Text,
  locale: IDL.Text,
});
export const AccountDeletion = IDL.Record({
  calendars_erased: IDL.Nat32,
  events_erased: IDL.Nat32,
  pending_canisters: IDL.Vec(IDL.Principal),
});
/** An account erasure still under way: the shards not done yet. */
export const AccountErasureView = IDL.Record({
  pending_canisters: IDL.Vec(IDL.Principal),
  requested_at: IDL.Nat64,
});

export const ProfileResult = Result(Profile);
export const PublicProfileResult = Result(PublicProfile);
export const AccountDeletionResult = Result(AccountDeletion);
export const PrincipalsResult = Result(IDL.Vec(IDL.Principal));
