import { encodeCbor } from '../cbor.ts';
import { cborReply, type HttpReply, type ServerContext } from '../server-context.ts';

/** `GET /api/v2/status`: the root key agents fetch with `shouldFetchRootKey`. */
export function handleStatus(ctx: ServerContext): HttpReply {
  return cborReply(
    200,
    encodeCbor({
      impl_version: ctx.implVersion,
      root_key: ctx.certifier.identity.rootKeyDer,
      replica_health_status: 'healthy',
    }),
  );
}
