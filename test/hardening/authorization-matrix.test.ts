import { vi } from 'vitest';

vi.mock('azle', () => import('../../plugins/auth/testing/azle-inspect-stub.ts'));

import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';

import { ACCESS_LEVEL_KINDS, type AccessLevel, isCanisterError } from '../../core/index.ts';
import { methodArgTypes } from '../../core/host/arg-decoding.ts';
import { placeholder } from '../../core/host/candid-placeholder.ts';
import {
  type ComposedType,
  systemTypeComposers,
  YAML_ONLY_FIXTURES,
} from './system-composition.ts';

// Generated from the code: every endpoint of every type config/system.yaml deploys, and of the
// YAML-only types (endpoints generated from `collections`, as the build does), with its
// @allow levels, called as each identity below. A call passes the access check or is refused
// with an AUTH_* code, exactly as the matrix says for its levels.
const controller = Principal.fromUint8Array(new Uint8Array([7, 1]));
const admin = Principal.fromUint8Array(new Uint8Array([7, 2]));
const stranger = Principal.fromUint8Array(new Uint8Array([7, 3]));
const IDENTITIES = {
  anonymous: Principal.anonymous(),
  stranger,
  admin,
  controller,
} as const;
type Who = keyof typeof IDENTITIES;

type Kind = (typeof ACCESS_LEVEL_KINDS)[number];
/** Who each level kind admits (none of these identities is a member of any group). */
const MATRIX: Record<Kind, readonly Who[]> = {
  public: ['anonymous', 'stranger', 'admin', 'controller'],
  user: ['stranger', 'admin', 'controller'],
  owner: ['stranger', 'admin', 'controller'],
  admin: ['admin', 'controller'],
  controller: ['controller'],
  group: [],
};
const kindOf = (level: AccessLevel): string => (level.startsWith('group:') ? 'group' : level);
const ACCESS_CODES = new Set(['AUTH_ANONYMOUS', 'AUTH_FORBIDDEN', 'AUTH_GROUP_UNAVAILABLE']);

function accessRefused(outcome: unknown): boolean {
  const code = isCanisterError(outcome)
    ? outcome.code
    : (outcome as { Err?: { code?: string } } | null)?.Err?.code;
  return code !== undefined && ACCESS_CODES.has(code);
}

function callAs(type: ComposedType, method: string, who: Who): unknown {
  const endpoint = type.endpoints.get(method)!;
  const args = (methodArgTypes(method) ?? []).map((t) => placeholder(t));
  try {
    const result = endpoint.call(IDENTITIES[who], args);
    // Async handlers: the access verdict is given before the first await; later failures don't matter.
    if (result instanceof Promise) result.catch(() => undefined);
    return result;
  } catch (error) {
    return error;
  }
}

let composers: Awaited<ReturnType<typeof systemTypeComposers>>;
beforeAll(async () => {
  composers = [
    ...(await systemTypeComposers(controller)),
    ...(await systemTypeComposers(controller, YAML_ONLY_FIXTURES)),
  ];
}, 120_000);

/** Composes each type in turn (each becomes the active canister) with `admin` granted. */
function* eachType(): Generator<ComposedType> {
  for (const { compose } of composers) {
    const type = compose();
    const grant = type.endpoints.get('auth_grant_admin');
    if (grant) expect(grant.call(controller, [admin])).toEqual({ Ok: true });
    yield type;
  }
}

describe('authorization matrix', () => {
  it('covers every type config/system.yaml deploys and the YAML-only ones, each with endpoints', () => {
    expect(composers.length).toBeGreaterThanOrEqual(4);
    let yamlOnly = 0;
    for (const type of eachType()) {
      expect(type.endpoints.size, type.name).toBeGreaterThan(0);
      if (type.yamlOnly) yamlOnly++;
    }
    expect(yamlOnly).toBeGreaterThan(0);
  });

  it('knows the @allow level of every endpoint', () => {
    for (const type of eachType()) {
      for (const [method, { metadata }] of type.endpoints) {
        const levels = metadata.access ?? [];
        expect(levels.length, `${type.name}.${method} has no @allow`).toBeGreaterThan(0);
        for (const level of levels) {
          expect(Object.keys(MATRIX), `${type.name}.${method}: @allow('${level}')`).toContain(
            kindOf(level),
          );
        }
      }
    }
  });

  it('admits exactly whom each endpoint’s levels admit, refusing the rest with AUTH_*', () => {
    let cells = 0;
    const wrong: string[] = [];
    for (const type of eachType()) {
      for (const [method, { metadata }] of type.endpoints) {
        const admitted = new Set(
          (metadata.access ?? []).flatMap((level) => MATRIX[kindOf(level) as Kind] ?? []),
        );
        for (const who of Object.keys(IDENTITIES) as Who[]) {
          cells++;
          const refused = accessRefused(callAs(type, method, who));
          if (refused === admitted.has(who)) {
            wrong.push(`${type.name}.${method} as ${who}: ${refused ? 'refused' : 'admitted'}`);
          }
        }
      }
    }
    console.log(`authorization matrix: ${cells} cells over ${composers.length} canister types`);
    expect(wrong).toEqual([]);
  });
});
