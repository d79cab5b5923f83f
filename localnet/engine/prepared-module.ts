/** The engine's single entry to module preparation (see localnet/wasm). */
export { prepareModule, type PreparedModule } from './prepared-module-shim.ts';
