import type { Principal } from '@dfinity/principal';
import type { Engine } from '../engine/engine.ts';
import type { CallOutcome as EngineOutcome } from '../engine/errors.ts';
import type { CallOutcome, CanisterCall, CanisterView, NetworkBackend } from './backend.ts';
import type { LocalnetHttpServer } from './server.ts';

/** Adapts the execution engine to the HTTP interface's backend. */
export function engineBackend(engine: Engine): NetworkBackend {
  const request = (call: CanisterCall) => ({
    sender: call.sender,
    canisterId: call.canisterId,
    method: call.methodName,
    arg: call.arg,
  });
  return {
    submitIngress: async (call) => fromEngine(await engine.update(request(call))),
    query: async (call) => fromEngine(await engine.query(request(call))),
    inspectMessage: async (call) => {
      const refusal = await engine.inspectMessage(request(call));
      if (!refusal || refusal.kind === 'replied') return { accepted: true };
      return {
        accepted: false,
        ...(fromEngine(refusal) as Extract<CallOutcome, { status: 'rejected' }>),
      };
    },
    canister: (id: Principal) => {
      const canister = engine.getCanister(id);
      if (!canister)
        return engine.systemCanisters.has(id.toText()) ? systemCanisterView : undefined;
      return {
        moduleHash: canister.module?.moduleHash,
        controllers: canister.controllers,
        certifiedData: canister.certifiedData,
        metadataNames: () =>
          [...(canister.module?.customSections.keys() ?? [])]
            .filter((section) => /^icp:(public|private) /.test(section))
            .map((section) => section.replace(/^icp:(public|private) /, '')),
        metadata: (name) => {
          const sections = canister.module?.customSections;
          const open = sections?.get(`icp:public ${name}`);
          if (open) return { visibility: 'public', content: open };
          const closed = sections?.get(`icp:private ${name}`);
          return closed && { visibility: 'private', content: closed };
        },
      };
    },
    canisterIds: () => [...engine.canisters.values()].map((canister) => canister.id),
    timeNs: () => engine.time(),
  };
}

/** A system canister (e.g. the cycles ledger) has no module, controllers or metadata to certify. */
const systemCanisterView: CanisterView = {
  moduleHash: undefined,
  controllers: [],
  certifiedData: new Uint8Array(0),
  metadata: () => undefined,
};

/** Lets non-replicated queries read data certificates signed by the server's root key. */
export function provideDataCertificates(engine: Engine, server: LocalnetHttpServer): void {
  engine.setDataCertificateProvider((canister) =>
    server.dataCertificate(canister.id, canister.certifiedData),
  );
}

function fromEngine(outcome: EngineOutcome): CallOutcome {
  if (outcome.kind === 'replied') return { status: 'replied', reply: outcome.reply };
  const { rejectCode, rejectMessage, errorCode } = outcome;
  return { status: 'rejected', rejectCode, rejectMessage, errorCode };
}
