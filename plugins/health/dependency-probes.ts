import { type HealthReport, type Platform, Principal } from '../../core/index.ts';
import { durationSeconds } from './duration.ts';

export interface DependencyOption {
  name: string;
  canister: string;
  method?: string;
  every?: string;
  staleAfter?: string;
}

const NS_PER_SECOND = 1_000_000_000n;

/**
 * Probes one dependency from a timer (never from a call path: Azle calls
 * cannot time out) and judges reachability by the age of the last success.
 */
export class DependencyProbe {
  readonly everySeconds: number;
  private readonly staleNs: bigint;
  private since = 0n;
  private lastSuccess: bigint | undefined;
  private lastFailure: string | undefined;

  constructor(
    readonly option: DependencyOption,
    private readonly platform: Platform,
  ) {
    this.everySeconds = durationSeconds(option.every ?? 'every 5m');
    this.staleNs = BigInt(durationSeconds(option.staleAfter ?? '15m')) * NS_PER_SECOND;
  }

  /** Called at init and postUpgrade: staleness counts from then until the first success. */
  start(): void {
    this.since = this.platform.time();
    this.lastSuccess = undefined;
  }

  async probe(): Promise<void> {
    try {
      await this.platform.call(
        Principal.fromText(this.option.canister),
        this.option.method ?? 'health_check',
        {
          paramIdlTypes: [],
          args: [],
        },
      );
      this.lastSuccess = this.platform.time();
      this.lastFailure = undefined;
    } catch (error) {
      this.lastFailure = String(error);
    }
  }

  check(): HealthReport {
    const now = this.platform.time();
    const reference = this.lastSuccess ?? this.since;
    const ageSeconds = (now - reference) / NS_PER_SECOND;
    const healthy = now - reference <= this.staleNs;
    const seen = this.lastSuccess === undefined ? 'never reached' : `reached ${ageSeconds}s ago`;
    const failure =
      this.lastFailure === undefined ? '' : `; last probe failed: ${this.lastFailure}`;
    return { healthy, detail: `${this.option.canister} ${seen}${failure}` };
  }
}
