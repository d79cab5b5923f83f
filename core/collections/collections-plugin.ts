import { token, type Token } from '../di/container.ts';
import { definePlugin, type Plugin } from '../plugin.ts';
import type { CollectionSpec, RecordBase } from './collection-spec.ts';
import { ALL_INDEX, OwnedCollection, OWNER_INDEX } from './owned-collection.ts';

/** The token under which a collection's OwnedCollection is provided. */
export function collectionToken<R extends RecordBase, I extends object>(
  name: string,
): Token<OwnedCollection<R, I>> {
  return token<OwnedCollection<R, I>>(`collections/${name}`);
}

function indexesOf(spec: CollectionSpec): Record<string, (record: RecordBase) => unknown> {
  const indexes: Record<string, (record: RecordBase) => unknown> = {
    [OWNER_INDEX]: (record) => record.owner.toText(),
  };
  if (spec.visibility === 'public') indexes[ALL_INDEX] = () => 1;
  for (const name of spec.indexes) {
    const optional = spec.fields.find((field) => field.name === name)?.optional === true;
    indexes[name] = (record) => {
      const raw = (record as unknown as Record<string, unknown>)[name];
      const value = optional ? (raw as unknown[])[0] : raw;
      if (value === undefined) return undefined;
      return spec.visibility === 'public' ? value : [record.owner.toText(), value];
    };
  }
  return indexes;
}

/**
 * The plugin behind a YAML-only canister type: one stable store per
 * collection (with its indexes) and one shared counter store.
 */
export function collectionsPlugin(specs: CollectionSpec[]): Plugin {
  return definePlugin({
    name: 'collections',
    setup(ctx) {
      const counters = ctx.store<bigint>({ name: 'counters' });
      for (const spec of specs) {
        const records = ctx.store<RecordBase>({ name: spec.name, indexes: indexesOf(spec) });
        ctx.provideFactory(
          collectionToken(spec.name),
          () => new OwnedCollection(spec, records, counters, ctx.platform),
        );
      }
    },
  });
}
