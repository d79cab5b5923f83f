import type { HealthReport, Platform } from '../../core/index.ts';

const NS_PER_DAY = 86_400n * 1_000_000_000n;

/** Samples the cycles balance (heap; restarts after an upgrade) to measure the burn rate. */
export class CyclesRunway {
  private first: { at: bigint; balance: bigint } | undefined;
  private last: { at: bigint; balance: bigint } | undefined;

  constructor(private readonly platform: Platform) {}

  sample(): void {
    const point = { at: this.platform.time(), balance: this.platform.cycleBalance() };
    this.first ??= point;
    this.last = point;
  }

  /** Days until the balance runs out at the burn rate seen between the first and last sample. */
  runwayDays(): number | undefined {
    if (this.first === undefined || this.last === undefined || this.last.at === this.first.at)
      return undefined;
    const burned = this.first.balance - this.last.balance;
    if (burned <= 0n) return Infinity;
    const perDay = (burned * NS_PER_DAY) / (this.last.at - this.first.at);
    return perDay === 0n ? Infinity : Number(this.platform.cycleBalance()) / Number(perDay);
  }

  minimumCheck(minimum: bigint): HealthReport {
    const balance = this.platform.cycleBalance();
    return {
      healthy: balance >= minimum,
      detail: `balance ${balance} cycles (minimum ${minimum})`,
    };
  }

  runwayCheck(days: number): HealthReport {
    const runway = this.runwayDays();
    if (runway === undefined)
      return { healthy: true, detail: 'burn rate unknown until two samples' };
    if (runway === Infinity) return { healthy: true, detail: 'no cycles burned between samples' };
    return { healthy: runway >= days, detail: `runway ${runway.toFixed(1)} days (wanted ${days})` };
  }
}
