/**
 * Core's Azle stand-in (with auth's inspect APIs) and a settable raw argument, for Node unit tests
 * (`vi.mock('azle', () => import(...))`). Never imported by canister code.
 */
export * from '../../auth/testing/azle-inspect-stub.ts';

let argument = new Uint8Array();

/** Sets what `msgArgData()` answers for the next calls. */
export function withArgBytes(length: number): void {
  argument = new Uint8Array(length);
}

export const msgArgData = (): Uint8Array => argument;
