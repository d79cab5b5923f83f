// The public API of the core runtime. Canister code imports from here only.
export { createCanister } from './create-canister.ts';
export { composeCanister } from './compose-canister.ts';
export type { CanisterDefinition, ComposedCanister, PluginEntry } from './compose-canister.ts';
export { definePlugin, HOOKS } from './plugin.ts';
export type { EndpointClass, HookKind, HookName, HookSpec, Plugin } from './plugin.ts';
export type {
  CallInfo,
  CallOutcome,
  Guard,
  Interceptor,
  PluginContext,
  TimerDeclaration,
} from './plugin-context.ts';
export { query, update } from './decorators/canister-methods.ts';
export { allow, limits, metered } from './decorators/access.ts';
export { ACCESS_LEVEL_KINDS, classMethods } from './decorators/metadata.ts';
export type { AccessLevel, MethodLimits, MethodMetadata } from './decorators/metadata.ts';
export { Container, token } from './di/container.ts';
export type { Token } from './di/container.ts';
export { caller, inject, injectOptional, platform } from './host/current-runtime.ts';
export { ingressArgumentRefusal } from './host/arg-decoding.ts';
export { HealthRegistry } from './host/health-registry.ts';
export { MonitorAccess } from './access/monitor-access.ts';
export type { HealthReport, RegisteredHealthCheck } from './host/health-registry.ts';
export * from './tokens.ts';
export { CanisterError, describeMismatch, isCanisterError } from './errors/canister-error.ts';
export type { ErrorDetails } from './errors/canister-error.ts';
export { CORE_ERROR_CODES } from './errors/codes.ts';
export type { CoreErrorCode } from './errors/codes.ts';
export { ErrorRecord, Result } from './errors/result.ts';
export type { ResultValue } from './errors/result.ts';
export type { InterCanisterCall, Platform, RawStableMap, TimerId } from './platform/platform.ts';
export {
  canisterStatus,
  clearChunkStore,
  createCanisterWithCycles,
  installChunked,
  installFromChunks,
  moduleHash,
  uploadChunk,
} from './platform/management-calls.ts';
export { StableStore } from './stores/stable-store.ts';
export { storeWrites } from './stores/write-counter.ts';
export { decodeValue, encodeValue } from './stores/codec.ts';
export { binaryString, utf8Text } from './stores/text-bytes.ts';
export type { IndexPage, RangePage, StorePage } from './stores/stable-store.ts';
export type { Migration, StoreDeclaration } from './stores/store-declaration.ts';
export type { ExportChunk, StoreExporter, StoreImporter } from './stores/store-registry.ts';
export type { StoreKey } from './stores/key-codec.ts';
export { IDL } from '@dfinity/candid';
export { Principal } from '@dfinity/principal';
export { collectionsPlugin, collectionToken } from './collections/collections-plugin.ts';
export { OwnedCollection } from './collections/owned-collection.ts';
export type {
  CollectionSpec,
  FieldKind,
  FieldSpec,
  Page,
  RecordBase,
} from './collections/collection-spec.ts';
export {
  HttpRequestArgs,
  HttpResult,
  outcallCycles,
  outcallRequestBytes,
  TransformArgs,
} from './outcalls/http-outcall.ts';
export type { HttpHeaderValue, HttpResultValue } from './outcalls/http-outcall.ts';
export { refuseOutcallUrl } from './outcalls/outcall-url.ts';
