import { CanisterError } from '../../core/index.ts';
import { canonicalTimeZoneName } from '../calendar/domain/index.ts';
import { KNOWN_LOCALES, PROFILE_LIMITS, type ProfileFields } from './profile-model.ts';

/** Checks every field (all problems in one message) and returns the normalised profile. */
export function validateProfile(fields: ProfileFields): ProfileFields {
  const problems: string[] = [];
  const name = fields.displayName.trim();
  if (name.length === 0 || [...name].length > PROFILE_LIMITS.displayNameMaxChars) {
    problems.push(
      `display_name: expected 1-${PROFILE_LIMITS.displayNameMaxChars} characters, found ${[...name].length}`,
    );
  }
  const zone = canonicalTimeZoneName(fields.timeZone);
  if (zone === undefined)
    problems.push(
      `time_zone: expected an IANA zone id, found ${JSON.stringify(fields.timeZone.slice(0, 60))}`,
    );
  const locale = KNOWN_LOCALES.find((l) => l.toLowerCase() === fields.locale.toLowerCase());
  if (locale === undefined)
    problems.push(
      `locale: expected one of ${KNOWN_LOCALES.join(', ')}, found ${JSON.stringify(fields.locale.slice(0, 20))}`,
    );
  if (!Number.isInteger(fields.weekStart) || fields.weekStart < 0 || fields.weekStart > 6) {
    problems.push(`week_start: expected 0 (Monday) to 6 (Sunday), found ${fields.weekStart}`);
  }
  if (
    fields.defaultCalendar !== undefined &&
    fields.defaultCalendar.length > PROFILE_LIMITS.calendarIdMaxChars
  ) {
    problems.push(
      `default_calendar: expected at most ${PROFILE_LIMITS.calendarIdMaxChars} characters`,
    );
  }
  if (problems.length > 0) throw new CanisterError('PROFILE_INVALID', problems.join('; '));
  return {
    displayName: name,
    timeZone: zone!,
    locale: locale!,
    weekStart: fields.weekStart,
    ...(fields.defaultCalendar === undefined ? {} : { defaultCalendar: fields.defaultCalendar }),
  };
}
