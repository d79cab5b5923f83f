// Resolved by cli/start/bundle-browser-script.ts to the git-ignored build/<name>/bindings/index.ts (or to
// `idlFactory = null` when that canister is not built), so the demo bundle is made after `icp-calendar build`.
declare module 'icp-calendar-bindings:calendar' {
  import type { IDL } from '@dfinity/candid';

  export const idlFactory: IDL.InterfaceFactory | null;
}
