/**
 * Core's Azle stand-in plus the inspect_message APIs auth uses, for Node unit
 * tests (`vi.mock('azle', () => import(...))`). Never imported by canister code.
 */
export * from '../../../core/testing/azle-stub.ts';

let methodName = '';

/** Sets what `msgMethodName()` answers, as if an ingress message for `name` were inspected. */
export function inspecting(name: string): void {
  methodName = name;
}

export const msgMethodName = (): string => methodName;
export const inspectMessage = () => (): void => undefined;
