import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds a live process has used (Linux /proc), or NaN elsewhere. Unlike
 * wall time, the load of other processes on a shared machine does not inflate it.
 */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
