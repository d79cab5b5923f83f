import { allow, IDL, inject, Principal, query, update } from '../../core/index.ts';
import { MigrationResult, MigrationView } from './lb-idl.ts';
import { migrationView } from './lb-views.ts';
import { LOAD_BALANCER } from './lb-token.ts';
import type { Migration } from './user-migrations.ts';

const optView = (work: Migration | undefined) =>
  work === undefined ? ([] as []) : ([migrationView(work)] as const);

/** Moving a user to another shard (user-migrations.ts): controllers and auth's admins only. */
export class MigrationEndpoints {
  private readonly lb = inject(LOAD_BALANCER);

  /** Starts moving `user` to the shard `to`; the timer runs a step every `stepEvery`. */
  @update([IDL.Principal, IDL.Principal], MigrationResult)
  @allow('admin')
  migrate_user(user: Principal, to: Principal) {
    return optView(this.lb.migrations.start(user.toText(), to.toText()));
  }

  /** Runs the next step now; retries a paused migration. None once it has finished. */
  @update([IDL.Principal], MigrationResult)
  @allow('admin')
  async advance_migration(user: Principal) {
    this.lb.migrations.require(user.toText());
    return optView(await this.lb.migrations.step(user.toText()));
  }

  /** Gives a migration up before its switch: the user stays on (and writes to) the source. */
  @update([IDL.Principal], MigrationResult)
  @allow('admin')
  async abort_migration(user: Principal) {
    await this.lb.migrations.abort(user.toText());
    return [] as [];
  }

  /** Public, as `route` is: it names users and shards, nothing of their data. */
  @query([], IDL.Vec(MigrationView))
  @allow('public')
  get_migrations() {
    return this.lb.migrations.list().map(migrationView);
  }
}
