import { decodeValue } from '../../core/index.ts';
import type { MoveItem } from './user-move-export.ts';
import { moveInvalid } from './user-moves.ts';

/** Where an export page starts: calendar `c` (in source-number order), phase `p`, after index entry `a`. */
export interface MoveCursor {
  c: number;
  p: 0 | 1 | 2;
  a?: string;
}

const MAX_CURSOR_CHARS = 1_000;

/** A cursor this shard handed out with a page; anything else is MOVE_INVALID, never a trap. */
export function parseMoveCursor(text: string | undefined): MoveCursor {
  if (text === undefined) return { c: 0, p: 0 };
  const refuse = () =>
    moveInvalid(
      'the cursor is not one export_user_data returned',
      'the next cursor of the previous page',
      text.slice(0, 80),
    );
  if (text.length > MAX_CURSOR_CHARS) throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse();
  }
  if (typeof value !== 'object' || value === null) throw refuse();
  const { c, p, a } = value as Record<string, unknown>;
  const valid =
    Number.isSafeInteger(c) &&
    (c as number) >= 0 &&
    (p === 0 || p === 1 || p === 2) &&
    (a === undefined || typeof a === 'string');
  if (!valid) throw refuse();
  return a === undefined ? { c: c as number, p } : { c: c as number, p, a: a as string };
}

/**
 * Every item of an imported page, decoded and checked for its shape before anything is
 * written, so a page that is not the source's export changes nothing and gets MOVE_INVALID.
 */
export function readMoveItems(pages: readonly Uint8Array[]): MoveItem[] {
  return pages.map((bytes, index) => {
    let item: unknown;
    try {
      item = decodeValue(Uint8Array.from(bytes));
    } catch (error) {
      throw moveInvalid(
        `page item ${index} could not be decoded`,
        'an item of export_user_data',
        error instanceof Error ? error.message.slice(0, 120) : 'undecodable bytes',
      );
    }
    if (!isMoveItem(item)) {
      throw moveInvalid(
        `page item ${index} is not a calendar, a subscription, an event or settings`,
        'an item of export_user_data',
        describe(item),
      );
    }
    return item;
  });
}

function isMoveItem(item: unknown): item is MoveItem {
  if (typeof item !== 'object' || item === null) return false;
  const keys = Object.keys(item);
  if (keys.length !== 1) return false;
  const value = (item as Record<string, unknown>)[keys[0]!];
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  switch (keys[0]) {
    case 'calendar':
      return typeof record.id === 'string' && Array.isArray(record.shares);
    case 'subscription':
      return (
        typeof record.calendarId === 'string' &&
        typeof record.owner === 'string' &&
        typeof record.url === 'string'
      );
    case 'event':
      return typeof record.id === 'string' && Number.isSafeInteger(record.calendarNumber);
    case 'settings':
      return true;
    default:
      return false;
  }
}

function describe(item: unknown): string {
  if (typeof item !== 'object' || item === null) return typeof item;
  return `an object with ${Object.keys(item).slice(0, 5).join(', ') || 'no fields'}`;
}
