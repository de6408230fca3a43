import { constants } from "node:os";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `cleanup` (stopping the bench's servers, removing its files) when the
 * process is told to stop before `release()` is called, then exits as the
 * signal would have. The servers are the bench's children, but a signal sent
 * to the bench alone (`kill`, a supervisor) never reaches them: without this
 * they outlived it. A second signal during the cleanup is ignored.
 */
export function cleanupOnSignal(cleanup: () => Promise<void>): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`bench: ${signal}, stopping the servers`);
    void cleanup()
      .catch((err: unknown) => console.error(err))
      .finally(() => process.exit(128 + constants.signals[signal]));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
