import { deserialize, serialize } from 'node:v8';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { CallMessage, Engine } from '../engine.ts';
import { ErrorCode, RejectCode, RejectError, type CallOutcome } from '../errors.ts';
import {
  fetchOutcall,
  outcallReject,
  type OutcallRequest,
  type OutcallResult,
} from './https-outcall-fetch.ts';
import { httpRequestResult, transformArgs, type HttpResponseValue } from './https-outcall-idl.ts';
import {
  headerBytes,
  httpsOutcallFee,
  OutcallLimit,
  outcallRequestBytes,
} from './https-outcall-limits.ts';

type Args = Record<string, unknown>;
/** Answers an outcall instead of the network (as pic-js mocks do); undefined lets it through. */
export type OutcallStub = (
  request: OutcallRequest,
) => OutcallResult | undefined | Promise<OutcallResult | undefined>;
export type OutcallListener = (request: OutcallRequest, result: OutcallResult, fee: bigint) => void;

interface Transform {
  canister: Principal;
  method: string;
  context: Uint8Array;
}

/**
 * The management canister's `http_request`: validates against the IC's limits, charges the IC's
 * price from the attached cycles, performs the request (or asks the stub), runs the caller's
 * transform query and replies. Plain HTTP is refused except to loopback hosts (tests).
 */
export class HttpsOutcalls {
  timeoutMs = 30_000;
  private stub: OutcallStub | undefined;
  private readonly listeners: OutcallListener[] = [];

  constructor(private readonly engine: Engine) {}

  /** Stubs responses (undefined restores real requests). */
  mock(stub: OutcallStub | undefined): void {
    this.stub = stub;
  }

  /** Hears every outcall's request, result value and fee (a write-ahead log records these). */
  onResult(listener: OutcallListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  async handle(message: CallMessage, args: Args): Promise<void> {
    const { request, transform, fee } = this.plan(message.caller, args);
    if (message.cycles < fee) {
      throw new RejectError(
        RejectCode.CanisterReject,
        ErrorCode.InvalidManagementPayload,
        `http_request request sent with ${message.cycles} cycles, but ${fee} cycles are required.`,
      );
    }
    const result = await this.recorded(request);
    for (const listener of [...this.listeners]) listener(request, result, fee);
    message.respond(
      this.complete(result, transform, request.maxResponseBytes),
      message.cycles - fee,
    );
  }

  /**
   * The outcall's result through the engine's nondeterministic inputs: a durable network logs it
   * with the round, and a replay after a crash reads it back instead of calling the server again.
   */
  private async recorded(request: OutcallRequest): Promise<OutcallResult> {
    const bytes = await this.engine.inputs.external('https-outcall', async () =>
      Uint8Array.from(serialize(await this.perform(request))),
    );
    return deserialize(bytes) as OutcallResult;
  }

  private async perform(request: OutcallRequest): Promise<OutcallResult> {
    const stubbed = await this.stub?.(request);
    if (stubbed) return stubbed;
    const scheme = refusedScheme(request.url);
    if (scheme) return outcallReject(RejectCode.SysFatal, scheme);
    return fetchOutcall(request, this.timeoutMs);
  }

  /** Applies the transform to a response and encodes the reply, or turns a failure into a reject. */
  complete(result: OutcallResult, transform: Transform | undefined, limit: bigint): CallOutcome {
    if (result.kind === 'reject')
      return { kind: 'rejected', rejectCode: result.rejectCode, rejectMessage: result.message };
    let response: HttpResponseValue = result;
    if (transform) {
      const outcome = this.engine.querySync({
        sender: Principal.managementCanister(),
        canisterId: transform.canister,
        method: transform.method,
        arg: new Uint8Array(
          IDL.encode([transformArgs], [{ response, context: transform.context }]),
        ),
      });
      if (outcome.kind === 'rejected') {
        return {
          kind: 'rejected',
          rejectCode: RejectCode.CanisterError,
          errorCode: outcome.errorCode,
          rejectMessage: `Transform ${transform.method} failed: ${outcome.rejectMessage}`,
        };
      }
      try {
        response = IDL.decode(
          [httpRequestResult],
          outcome.reply,
        )[0] as unknown as HttpResponseValue;
      } catch (error) {
        return {
          kind: 'rejected',
          rejectCode: RejectCode.CanisterError,
          rejectMessage: `Transform ${transform.method} replied no http_request_result: ${(error as Error).message}`,
        };
      }
    }
    if (BigInt(response.body.length) + headerBytes(response.headers) > limit) {
      return {
        kind: 'rejected',
        rejectCode: RejectCode.SysFatal,
        rejectMessage: `Transformed http response exceeds limit: ${limit}`,
      };
    }
    return { kind: 'replied', reply: new Uint8Array(IDL.encode([httpRequestResult], [response])) };
  }

  private plan(caller: Principal, args: Args) {
    const refuse = (text: string) =>
      new RejectError(RejectCode.CanisterReject, ErrorCode.InvalidManagementPayload, text);
    const maxResponseBytes =
      (args.max_response_bytes as [bigint] | []).at(0) ?? OutcallLimit.maxResponseBytes;
    if (maxResponseBytes > OutcallLimit.maxResponseBytes)
      throw refuse(
        `max_response_bytes expected to be in the range [0..${OutcallLimit.maxResponseBytes}], got ${maxResponseBytes}`,
      );
    const url = args.url as string;
    if (url.length > OutcallLimit.maxUrlBytes)
      throw refuse(`url must be at most ${OutcallLimit.maxUrlBytes} bytes; got ${url.length}`);
    const headers = args.headers as { name: string; value: string }[];
    if (headers.length > OutcallLimit.maxHeaders)
      throw refuse(`at most ${OutcallLimit.maxHeaders} headers; got ${headers.length}`);
    if (headers.some((h) => h.name.length + h.value.length > OutcallLimit.maxHeaderNameValueBytes))
      throw refuse(
        `a header name and value hold at most ${OutcallLimit.maxHeaderNameValueBytes} bytes`,
      );
    if (headerBytes(headers) > BigInt(OutcallLimit.maxHeaderTotalBytes))
      throw refuse(`headers hold at most ${OutcallLimit.maxHeaderTotalBytes} bytes in total`);
    const body = (args.body as [Uint8Array] | []).at(0) ?? new Uint8Array(0);
    const spec = (
      args.transform as [{ function: [Principal, string]; context: Uint8Array }] | []
    ).at(0);
    const transform = spec && {
      canister: spec.function[0],
      method: spec.function[1],
      context: spec.context,
    };
    if (transform && transform.canister.toText() !== caller.toText())
      throw refuse(
        `the transform function must be a query of the calling canister ${caller.toText()}`,
      );
    const requestBytes = outcallRequestBytes({
      url,
      headers,
      body,
      transformMethod: transform?.method ?? '',
      transformContext: transform?.context ?? new Uint8Array(0),
    });
    if (requestBytes > BigInt(OutcallLimit.maxRequestBytes))
      throw refuse(
        `http_request request is ${requestBytes} bytes; the limit is ${OutcallLimit.maxRequestBytes}`,
      );
    const method = Object.keys(args.method as Args)[0]!.toUpperCase() as OutcallRequest['method'];
    const request: OutcallRequest = { url, method, headers, body, maxResponseBytes };
    return { request, transform, fee: httpsOutcallFee(requestBytes, maxResponseBytes) };
  }
}

/** The IC reaches HTTPS only; localnet also lets tests reach loopback hosts over plain HTTP. */
export function refusedScheme(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `Invalid url: ${url}`;
  }
  if (parsed.protocol === 'https:') return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (parsed.protocol === 'http:' && loopback) return undefined;
  return 'Url need to specify https scheme';
}
