/** Writes one line per build step: canister, step, duration and a note. */
export type ProgressLog = (line: string) => void;

const NAME_WIDTH = 16;
const STEP_WIDTH = 10;

/** Times `work` and logs `<canister>  <step>  <duration>  <note>` when it ends (or fails). */
export async function timedStep<T>(
  log: ProgressLog,
  canister: string,
  step: string,
  work: () => Promise<T> | T,
  note: (result: T) => string = () => '',
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    log(progressLine(canister, step, performance.now() - started, note(result)));
    return result;
  } catch (error) {
    log(progressLine(canister, step, performance.now() - started, 'FAILED'));
    throw error;
  }
}

export function progressLine(canister: string, step: string, milliseconds: number, note = ''): string {
  const duration = milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${Math.round(milliseconds)} ms`;
  return `${canister.padEnd(NAME_WIDTH)} ${step.padEnd(STEP_WIDTH)} ${duration.padStart(8)}${note === '' ? '' : `  ${note}`}`.trimEnd();
}
