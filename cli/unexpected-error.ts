/**
 * What the user reads when a command fails in a way it did not report itself: one line,
 * without a stack trace unless ICP_CALENDAR_DEBUG=1.
 */
export function describeUnexpected(error: unknown, debug: boolean): string[] {
  const message = error instanceof Error ? error.message : String(error);
  if (debug) return [error instanceof Error && error.stack ? error.stack : message];
  const lines = [firstLine(message)];
  if (isUnreachable(error)) {
    lines[0] =
      'NETWORK_UNREACHABLE: expected an IC network to answer; nothing did ' +
      '(start the local one with "npm start" or "icp-calendar localnet start", or pass --host)';
  }
  lines.push('(set ICP_CALENDAR_DEBUG=1 to see the stack trace)');
  return lines;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** Connection refused, reset or a failed fetch, anywhere along the chain of causes. */
function isUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 8; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return true;
    if (/fetch failed|Failed to fetch/.test(cause.message)) return true;
    cause = cause.cause;
  }
  return false;
}
