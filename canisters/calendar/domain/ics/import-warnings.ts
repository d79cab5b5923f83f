/** Warnings of a lenient import: something was repaired or guessed, nothing was lost. */
export const IMPORT_WARNING_CODES = [
  'UID_SYNTHESIZED',
  'UTF8_INVALID',
  'COMPONENT_NESTED',
  'TIME_ZONE_DEFAULTED',
  'TIME_ZONE_MAPPED',
  'WARNINGS_TRUNCATED',
] as const;

export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

export interface ImportWarning {
  line: number;
  code: ImportWarningCode;
  message: string;
}

/** Most details kept in one error or one list of warnings; the rest are counted. */
export const MAX_REPORTED_DETAILS = 100;

/** The first `MAX_REPORTED_DETAILS` warnings, plus one that counts the rest. */
export function capWarnings(warnings: ImportWarning[]): ImportWarning[] {
  if (warnings.length <= MAX_REPORTED_DETAILS) return warnings;
  const rest = warnings.length - MAX_REPORTED_DETAILS;
  return [
    ...warnings.slice(0, MAX_REPORTED_DETAILS),
    {
      line: warnings[MAX_REPORTED_DETAILS]!.line,
      code: 'WARNINGS_TRUNCATED',
      message: `${rest} more warning${rest === 1 ? '' : 's'} not listed`,
    },
  ];
}
