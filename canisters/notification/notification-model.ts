import type { CalendarEvent, EventOverride } from '../calendar/domain/index.ts';

/** The part of a calendar event the notification canister needs to compute reminder times. */
export type SeriesEventData = Pick<
  CalendarEvent,
  'uid' | 'title' | 'timeZone' | 'allDay' | 'start' | 'end' | 'rrule' | 'exdates' | 'rdates'
> & { overrides?: EventOverride[] };

/** One event with reminders, as a calendar shard last described it; one queue entry at a time. */
export interface SeriesRecord {
  shard: string;
  eventId: string;
  owner: string;
  calendarId: string;
  event: SeriesEventData;
  /** minutes before each occurrence's start */
  minutes: number[];
  next?: NextReminder;
}

export interface NextReminder {
  /** UTC ms the reminder is due */
  due: number;
  /** UTC ms the occurrence starts */
  start: number;
  minutes: number;
}

export interface InboxRecord {
  seq: number;
  user: string;
  kind: 'reminder' | 'alert';
  title: string;
  body: string;
  /** when it was due (ms) and delivered (ms) */
  dueMs: number;
  deliveredMs: number;
  read: boolean;
  /** idempotency key: the same reminder never lands twice */
  key: string;
  calendarId?: string;
  eventUid?: string;
  startMs?: number;
}

export interface WebhookRecord {
  id: string;
  owner: string;
  /** undefined: every reminder of the owner; else only this calendar's */
  calendarId?: string;
  url: string;
  secret: string;
  createdMs: number;
}

export interface DeliveryRecord {
  id: string;
  hookId: string;
  /** the JSON body, signed when sent */
  body: string;
  idempotencyKey: string;
  attempts: number;
  nextAttemptMs: number;
  lastError?: string;
}

export const NOTIFICATION_LIMITS = {
  /** series changes per sync_reminders call */
  maxChanges: 500,
  maxReminders: 50,
  maxWebhooksPerUser: 10,
  maxUrlBytes: 2048,
  pageLimit: 100,
  /** a delivery is dead-lettered after this many failed attempts */
  maxAttempts: 5,
  backoffBaseMs: 30_000,
  backoffCapMs: 3_600_000,
  /** instructions one drain or delivery message may use before it yields to a follow-up timer */
  batchInstructions: 2_000_000_000n,
  deliveriesPerRun: 10,
  maxResponseBytes: 4_096n,
  eraseBatch: 500,
} as const;

export const pad = (n: number) => String(n).padStart(16, '0');
