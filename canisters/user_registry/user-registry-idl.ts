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
export const Profile = IDL.Record({
  user: IDL.Principal,
  display_name: IDL.Text,
  time_zone: IDL.Text,
  locale: IDL.Text,
  week_start: IDL.Nat8,
  default_calendar: IDL.Opt(IDL.Text),
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

export const ProfileResult = Result(Profile);
export const PublicProfileResult = Result(PublicProfile);
export const AccountDeletionResult = Result(AccountDeletion);
export const PrincipalsResult = Result(IDL.Vec(IDL.Principal));
