/** The engine's single entry to module preparation (see localnet/wasm/README.md). */
export { prepareModule, InvalidModuleError, type PreparedModule } from '../wasm/prepare-module.ts';
