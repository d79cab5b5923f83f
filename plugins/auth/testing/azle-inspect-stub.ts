/**
 * Core's Azle stand-in plus the inspect_message APIs auth uses, for Node unit
 * tests (`vi.mock('azle', () => import(...))`). Never imported by canister code.
 */
export * from '../../../core/testing/azle-stub.ts';

let methodName = '';
/** `DIDL`, no types, no arguments. */
const NO_ARGS = Uint8Array.of(0x44, 0x49, 0x44, 0x4c, 0, 0);
let argData: Uint8Array = NO_ARGS;

/**
 * Sets what `msgMethodName()` and `msgArgData()` answer, as if an ingress message for
 * `name` (carrying `arg`, by default no arguments) were inspected.
 */
export function inspecting(name: string, arg: Uint8Array = NO_ARGS): void {
  methodName = name;
  argData = arg;
}

export const msgMethodName = (): string => methodName;
export const msgArgData = (): Uint8Array => argData;
export const inspectMessage = () => (): void => undefined;
