/** The IC HTTP interface of the local network: server, backend contract, keys, engine adapter. */
export { createHttpServer, type HttpServerOptions, type LocalnetHttpServer } from './server.ts';
export type {
  CallOutcome,
  CanisterCall,
  CanisterMetadata,
  CanisterView,
  IngressCall,
  InspectOutcome,
  NetworkBackend,
  RejectCode,
  Rejection,
} from './backend.ts';
export {
  deriveNetworkIdentity,
  deserializeNetworkKeys,
  generateNetworkKeys,
  serializeNetworkKeys,
  type NetworkIdentity,
  type NetworkKeys,
} from './keys.ts';
export { loadOrCreateNetworkKeys } from './key-file.ts';
export { engineBackend, provideDataCertificates } from './engine-backend.ts';
export { HTTP_ERROR_CODES, type HttpErrorCode } from './http-error-codes.ts';
