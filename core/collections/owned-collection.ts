import type { Principal } from '@dfinity/principal';

import { CanisterError } from '../errors/canister-error.ts';
import type { Platform } from '../platform/platform.ts';
import type { StableStore } from '../stores/stable-store.ts';
import {
  type CollectionSpec,
  DEFAULT_PAGE,
  MAX_PAGE,
  type Page,
  type RecordBase,
} from './collection-spec.ts';
import { validateFields } from './field-validation.ts';

/** Index every collection keeps: all records of one owner. */
export const OWNER_INDEX = 'owner';
/** Index of public collections: every record, for anonymous listing. */
export const ALL_INDEX = 'all';

/**
 * Authenticated CRUD over one collection: the caller owns what it creates,
 * only the owner changes or deletes it, and private records are read by their
 * owner only (others get NOT_FOUND, which hides whether the id exists).
 */
export class OwnedCollection<R extends RecordBase, I extends object> {
  constructor(
    readonly spec: CollectionSpec,
    private readonly records: StableStore<R>,
    private readonly counters: StableStore<bigint>,
    private readonly platform: Platform,
  ) {}

  create(owner: Principal, input: I): R {
    this.validate(input);
    const ownerKey = `owner:${this.spec.name}:${owner.toText()}`;
    const held = this.counters.get(ownerKey) ?? 0n;
    if (this.spec.maxPerOwner !== undefined && held >= BigInt(this.spec.maxPerOwner)) {
      throw new CanisterError(
        'LIMIT_PER_OWNER',
        `you already hold ${held} ${this.spec.name} records`,
        {
          expected: `at most ${this.spec.maxPerOwner}`,
          found: String(held),
        },
      );
    }
    const idKey = `next-id:${this.spec.name}`;
    const id = this.counters.get(idKey) ?? 1n;
    this.counters.set(idKey, id + 1n);
    this.counters.set(ownerKey, held + 1n);
    const now = this.platform.time();
    const record = { ...this.fieldsOf(input), id, owner, created_at: now, updated_at: now } as R;
    this.records.set(id, record);
    return record;
  }

  get(callerId: Principal, id: bigint): R {
    const record = this.records.get(id);
    if (record === undefined || !this.readable(callerId, record)) throw this.notFound(id);
    return record;
  }

  update(callerId: Principal, id: bigint, input: I): R {
    const record = this.owned(callerId, id);
    this.validate(input);
    const next = { ...record, ...this.fieldsOf(input), updated_at: this.platform.time() } as R;
    this.records.set(id, next);
    return next;
  }

  delete(callerId: Principal, id: bigint): R {
    const record = this.owned(callerId, id);
    this.records.delete(id);
    const ownerKey = `owner:${this.spec.name}:${record.owner.toText()}`;
    this.counters.set(ownerKey, (this.counters.get(ownerKey) ?? 1n) - 1n);
    return record;
  }

  listMine(callerId: Principal, cursor: [] | [bigint], limit: [] | [number]): Page<R> {
    return this.page(OWNER_INDEX, callerId.toText(), cursor, limit);
  }

  listBy(
    callerId: Principal,
    field: string,
    value: unknown,
    cursor: [] | [bigint],
    limit: [] | [number],
  ): Page<R> {
    const key = this.spec.visibility === 'public' ? value : [callerId.toText(), value];
    return this.page(field, key, cursor, limit);
  }

  listPublic(cursor: [] | [bigint], limit: [] | [number]): Page<R> {
    return this.page(ALL_INDEX, 1, cursor, limit);
  }

  private page(
    index: string,
    value: unknown,
    cursor: [] | [bigint],
    limit: [] | [number],
  ): Page<R> {
    const size = limit[0] ?? DEFAULT_PAGE;
    if (size < 1 || size > MAX_PAGE) {
      throw new CanisterError('INPUT_OUT_OF_RANGE', 'limit is out of range', {
        expected: `1 ≤ limit ≤ ${MAX_PAGE}`,
        found: String(size),
      });
    }
    const page = this.records.findBy(index, value, cursor[0], size);
    return {
      items: page.entries.map(([, record]) => record),
      next: page.next === undefined ? [] : [page.next as bigint],
    };
  }

  private owned(callerId: Principal, id: bigint): R {
    const record = this.records.get(id);
    if (record === undefined || !this.readable(callerId, record)) throw this.notFound(id);
    if (record.owner.toText() !== callerId.toText()) {
      throw new CanisterError(
        'AUTH_NOT_OWNER',
        `only the owner may change ${this.spec.name} ${id}`,
        {
          expected: record.owner.toText(),
          found: callerId.toText(),
        },
      );
    }
    return record;
  }

  private readable(callerId: Principal, record: R): boolean {
    return this.spec.visibility === 'public' || record.owner.toText() === callerId.toText();
  }

  private validate(input: I): void {
    const problem = validateFields(this.spec.fields, input as Record<string, unknown>);
    if (problem !== undefined) throw problem;
  }

  private fieldsOf(input: I): Record<string, unknown> {
    const source = input as Record<string, unknown>;
    return Object.fromEntries(this.spec.fields.map((field) => [field.name, source[field.name]]));
  }

  private notFound(id: bigint): CanisterError {
    return new CanisterError('NOT_FOUND', `no ${this.spec.name} with id ${id}`, {
      found: String(id),
    });
  }
}
