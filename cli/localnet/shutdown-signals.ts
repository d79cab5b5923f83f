/**
 * Runs `stop` once on the first SIGINT or SIGTERM and resolves when it finished; a second
 * signal while stopping exits at once (the last checkpoint on disk stays loadable).
 */
export function untilSignalled(
  stop: (signal: NodeJS.Signals) => Promise<void>,
): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      stop(signal).then(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(signal);
      }, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
