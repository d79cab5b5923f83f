import { HttpProblem } from './http-problem.ts';

/**
 * Counts the IC-interface requests in flight. Past the limit a request is answered at once, as
 * the replica does when it sheds load: 429 for calls (its ingress pool is full), 503 for queries
 * and read_state, with `retry-after`, never by dropping the connection.
 */
export class LoadLimit {
  private inFlight = 0;

  constructor(readonly maxInFlight: number) {}

  /** Runs `work` if there is room, else throws the refusal. */
  async run<T>(isCall: boolean, work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.maxInFlight) {
      throw new HttpProblem(
        isCall ? 429 : 503,
        'LOCALNET_HTTP_OVERLOADED',
        `Service is overloaded, try again later: ${this.inFlight} requests are in flight (limit ${this.maxInFlight}).`,
        [['retry-after', '1']],
      );
    }
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}
