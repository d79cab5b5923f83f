import { token } from '../../core/index.ts';
import type { GroupRegistry } from './group-registry.ts';

export const GROUP_REGISTRY = token<GroupRegistry>('registry/groups');
