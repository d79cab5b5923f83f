import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { RejectCode } from '../errors.ts';
import type { HttpHeader, HttpResponseValue } from './https-outcall-idl.ts';

export interface OutcallRequest {
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  headers: HttpHeader[];
  body: Uint8Array;
  /** Headers plus body above this are refused, as the IC does (max_response_bytes). */
  maxResponseBytes: bigint;
}

/**
 * What the network brought back: a response, or the reject the IC gives for a failed fetch.
 * A plain value, so a write-ahead log can record it and replay the outcall without the network.
 */
export type OutcallResult =
  | ({ kind: 'response' } & HttpResponseValue)
  | { kind: 'reject'; rejectCode: RejectCode; message: string };

export function outcallReject(rejectCode: RejectCode, message: string): OutcallResult {
  return { kind: 'reject', rejectCode, message };
}

/** Performs one real HTTP(S) request from the network process. Never throws. */
export function fetchOutcall(request: OutcallRequest, timeoutMs: number): Promise<OutcallResult> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = {};
    for (const header of request.headers) headers[header.name] = header.value;
    if (request.body.length > 0) headers['content-length'] = String(request.body.length);
    let settled = false;
    const finish = (result: OutcallResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // No keep-alive pool: a connection the server closed while idle would fail the next outcall.
    const outgoing = send(url, { method: request.method, headers, agent: false }, (incoming) => {
      const responseHeaders: HttpHeader[] = [];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2)
        responseHeaders.push({ name: incoming.rawHeaders[i]!, value: incoming.rawHeaders[i + 1]! });
      let size = responseHeaders.reduce((n, h) => n + h.name.length + h.value.length, 0);
      const chunks: Buffer[] = [];
      const tooLarge = () =>
        finish(
          outcallReject(
            RejectCode.SysFatal,
            `Http body exceeds size limit of ${request.maxResponseBytes} bytes.`,
          ),
        );
      if (BigInt(size) > request.maxResponseBytes) {
        incoming.destroy();
        return tooLarge();
      }
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (BigInt(size) > request.maxResponseBytes) {
          incoming.destroy();
          return tooLarge();
        }
        chunks.push(chunk);
      });
      incoming.on('end', () =>
        finish({
          kind: 'response',
          status: BigInt(incoming.statusCode ?? 0),
          headers: responseHeaders,
          body: new Uint8Array(Buffer.concat(chunks)),
        }),
      );
      incoming.on('error', (error) =>
        finish(outcallReject(RejectCode.SysTransient, `Http response failed: ${error.message}`)),
      );
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish(outcallReject(RejectCode.SysTransient, `Timeout expired after ${timeoutMs} ms`));
    }, timeoutMs);
    outgoing.on('error', (error) =>
      finish(
        outcallReject(
          RejectCode.SysTransient,
          `Connecting to ${url.host} failed: ${error.message}`,
        ),
      ),
    );
    outgoing.end(request.body.length > 0 ? Buffer.from(request.body) : undefined);
  });
}
