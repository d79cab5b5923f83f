import { IDL } from '../../core/index.ts';

/**
 * What a calendar shard sends in `sync_reminders`: each event with reminders (upsert) or an event
 * whose reminders are gone (remove, by event id). The calendar imports this file.
 */
export const SeriesOverride = IDL.Record({
  recurrence_id: IDL.Text,
  cancelled: IDL.Bool,
  start: IDL.Opt(IDL.Text),
  end: IDL.Opt(IDL.Text),
});
export const SeriesInput = IDL.Record({
  event_id: IDL.Text,
  owner: IDL.Principal,
  calendar_id: IDL.Text,
  uid: IDL.Text,
  title: IDL.Text,
  time_zone: IDL.Text,
  all_day: IDL.Bool,
  start: IDL.Text,
  end: IDL.Text,
  rrule: IDL.Opt(IDL.Text),
  exdates: IDL.Vec(IDL.Text),
  rdates: IDL.Vec(IDL.Text),
  overrides: IDL.Vec(SeriesOverride),
  minutes: IDL.Vec(IDL.Nat32),
});
export const ReminderChange = IDL.Variant({ upsert: SeriesInput, remove: IDL.Text });

export interface SeriesInputView {
  event_id: string;
  owner: { toText(): string };
  calendar_id: string;
  uid: string;
  title: string;
  time_zone: string;
  all_day: boolean;
  start: string;
  end: string;
  rrule: [] | [string];
  exdates: string[];
  rdates: string[];
  overrides: {
    recurrence_id: string;
    cancelled: boolean;
    start: [] | [string];
    end: [] | [string];
  }[];
  minutes: number[];
}
export type ReminderChangeView = { upsert: SeriesInputView } | { remove: string };
