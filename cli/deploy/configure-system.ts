import type { HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import { authActor, hasAuthPlugin, registrySetByAudit } from './auth-actor.ts';
import { agentLinkActors, linkCalendarSystem, type LinkReport } from './link-calendar-system.ts';
import { agentNotificationLinks, linkNotification } from './link-notification.ts';
import { registryActor, unwrap } from './registry-actor.ts';

/** The canister type that holds the groups; deploy installs it before the others. */
export const REGISTRY_TYPE = 'registry';

export interface ConfiguredCanister {
  id: string;
  type: string;
  group: string | undefined;
  shard: string | undefined;
}

export interface ConfigureRequest {
  agent: HttpAgent;
  /** Every group system.yaml declares. */
  groups: { name: string; description?: string }[];
  /** Every canister of this deployment; those without a group join none. */
  canisters: ConfiguredCanister[];
}

export interface ConfigureReport {
  registry: string;
  groupsRegistered: string[];
  membersAdded: number;
  membersRemoved: number;
  /** Canisters whose auth plugin was pointed at the registry by this run. */
  registrySetOn: string[];
  /** Canisters with the auth plugin (already pointed at the registry or set now). */
  authCanisters: string[];
  /** Canisters skipped because their module has no `candid:service` metadata to tell. */
  withoutCandid: string[];
  /** The calendar shards and the user registry, told about each other. */
  links: LinkReport;
}

/**
 * Brings the registry in line with the deployment, as its controller: registers missing groups,
 * adds each canister to its group with its type and shard, removes members this deployment no
 * longer has, points every auth-enabled canister at the registry, and links the calendar shards with
 * the user registry. Only differences are written, so a second run makes no update call.
 */
export async function configureSystem(request: ConfigureRequest): Promise<ConfigureReport> {
  const { agent } = request;
  const registryEntry = request.canisters.find((canister) => canister.type === REGISTRY_TYPE);
  if (registryEntry === undefined) {
    throw new Error(
      `DEPLOY_NO_REGISTRY: expected a "${REGISTRY_TYPE}" canister in the deployment; found none`,
    );
  }
  const registryId = Principal.fromText(registryEntry.id);
  const registry = registryActor(agent, registryId);

  const existing = new Set((await registry.list_groups()).map((group) => group.name));
  const groupsRegistered: string[] = [];
  for (const group of request.groups) {
    if (existing.has(group.name)) continue;
    unwrap(
      await registry.register_canister_group(group.name, group.description ?? ''),
      `registering group ${group.name}`,
    );
    groupsRegistered.push(group.name);
  }

  let membersAdded = 0;
  let membersRemoved = 0;
  for (const group of request.groups) {
    const wanted = new Map(
      request.canisters
        .filter((canister) => canister.group === group.name)
        .map((canister) => [canister.id, canister]),
    );
    const { members } = unwrap(await registry.list_group(group.name), `listing ${group.name}`);
    const present = new Set<string>();
    for (const member of members) {
      const id = member.canister.toText();
      const want = wanted.get(id);
      if (want !== undefined && member.kind === want.type && member.shard[0] === want.shard) {
        present.add(id);
        continue;
      }
      unwrap(
        await registry.remove_canister_from_group(group.name, member.canister),
        `removing ${id} from ${group.name}`,
      );
      membersRemoved += 1;
    }
    for (const [id, canister] of wanted) {
      if (present.has(id)) continue;
      unwrap(
        await registry.add_canister_to_group({
          group: group.name,
          canister: Principal.fromText(id),
          kind: canister.type,
          shard: canister.shard === undefined ? [] : [canister.shard],
        }),
        `adding ${id} (${canister.type}) to ${group.name}`,
      );
      membersAdded += 1;
    }
  }

  const registrySetOn: string[] = [];
  const authCanisters: string[] = [];
  const withoutCandid: string[] = [];
  for (const canister of request.canisters) {
    const canisterId = Principal.fromText(canister.id);
    const hasAuth = await hasAuthPlugin(agent, canisterId);
    if (hasAuth === 'unknown') withoutCandid.push(canister.id);
    if (hasAuth !== true) continue;
    authCanisters.push(canister.id);
    const auth = authActor(agent, canisterId);
    if ((await registrySetByAudit(auth)) === registryEntry.id) continue;
    unwrap(await auth.auth_set_registry(registryId), `auth_set_registry on ${canister.id}`);
    registrySetOn.push(canister.id);
  }

  const links = await linkCalendarSystem(request.canisters, agentLinkActors(agent));
  const reminders = await linkNotification(request.canisters, agentNotificationLinks(agent));
  links.written.push(...reminders.written);
  if (reminders.skipped)
    links.skipped = [links.skipped, reminders.skipped].filter(Boolean).join('; ');

  return {
    registry: registryEntry.id,
    groupsRegistered,
    membersAdded,
    membersRemoved,
    registrySetOn,
    authCanisters,
    withoutCandid,
    links,
  };
}
