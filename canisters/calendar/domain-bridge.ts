import { CanisterError } from '../../core/index.ts';
import {
  DomainError,
  localToUtcMs,
  parseDate,
  parseDateTime,
  type FieldIssue,
} from './domain/index.ts';

/** Runs a domain function; a DomainError becomes a CanisterError with the same code. */
export function domainCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new CanisterError(error.code, describeDomainError(error));
  }
}

function describeDomainError(error: DomainError): string {
  const details = error.details ?? [];
  const issues = details
    .slice(0, 10)
    .map((d) => {
      const issue = d as Partial<FieldIssue> & { line?: number };
      if (issue.field !== undefined) return `${issue.field}: ${issue.message}`;
      if (issue.line !== undefined) return `line ${issue.line}: ${issue.message}`;
      return undefined;
    })
    .filter((text): text is string => text !== undefined);
  return issues.length === 0 ? error.reason : `${error.reason} (${issues.join('; ')})`;
}

/** UTC ms of a local event time (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`) in `zone`. */
export function localTimeToUtcMs(text: string, allDay: boolean, zone: string): number {
  const civil = allDay
    ? { ...parseDate(text), hour: 0, minute: 0, second: 0 }
    : parseDateTime(text);
  return localToUtcMs(zone, civil);
}
