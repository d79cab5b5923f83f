/** A user's profile, keyed by the user's principal (text). */
export interface ProfileRecord {
  displayName: string;
  timeZone: string;
  locale: string;
  /** 0 = Monday … 6 = Sunday */
  weekStart: number;
  defaultCalendar?: string;
  /** Who may read the public fields with get_profile; absent (private) in records before it existed. */
  visibility?: ProfileVisibility;
  createdAt: bigint;
  updatedAt: bigint;
}

/** `private` (the default): get_profile answers strangers as for a principal never registered. */
export type ProfileVisibility = 'private' | 'public';

export interface ProfileFields {
  displayName: string;
  timeZone: string;
  locale: string;
  weekStart: number;
  defaultCalendar?: string;
}

/** An account deleted here whose calendar data is still being erased on some calendar shards. */
export interface PendingErasure {
  canisters: string[];
  requestedAt: bigint;
}

/** The locales the widget ships translations and formats for. */
export const KNOWN_LOCALES = [
  'en',
  'en-US',
  'en-GB',
  'de',
  'de-DE',
  'de-CH',
  'fr',
  'fr-FR',
  'es',
  'es-ES',
  'it',
  'pt',
  'pt-BR',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'ja',
  'zh-CN',
  'ko',
] as const;

export const PROFILE_LIMITS = {
  displayNameMaxChars: 100,
  calendarIdMaxChars: 200,
  maxCalendarCanisters: 64,
} as const;
