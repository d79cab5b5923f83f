import type { HttpErrorCode } from './http-error-codes.ts';

/** A refusal the server answers with a plain-text body; never thrown past the request handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Array<[string, string]> = [],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }

  /** Body text: the message first (agents match on its prefix), then the stable code. */
  get body(): string {
    return `${this.message}\n[${this.code}]\n`;
  }
}

export const badRequest = (code: HttpErrorCode, message: string) =>
  new HttpProblem(400, code, message);
export const forbidden = (code: HttpErrorCode, message: string) =>
  new HttpProblem(403, code, message);
