/** Size and shape limits of calendar input (every limit gives EVENT_INVALID with the field named). */
export const EVENT_LIMITS = {
  titleMaxChars: 200,
  descriptionMaxBytes: 8 * 1024,
  locationMaxChars: 500,
  calendarNameMaxChars: 100,
  maxReminders: 50,
  /** four weeks */
  reminderMaxMinutes: 40_320,
  maxExdates: 1_000,
  maxRdates: 1_000,
  maxOverrides: 1_000,
  uidMaxChars: 255,
} as const;

export const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
