/**
 * Test support: runs calls in a worker thread, with a deadline and a heap cap,
 * for calls that may never return. A call stuck in a synchronous endless loop
 * (a planner that adds `partSize: 0` to its offset forever) cannot be stopped
 * by any timer of the test's own thread, and one that allocates without end
 * takes the machine's memory with it; in a worker, the deadline terminates the
 * thread and the heap cap stops it early, and the test reports what happened.
 *
 * The worker loads `module` (a TypeScript file, through tsx) and calls its
 * exported `handle(input)` for each call; inputs and results cross by
 * structured clone (NaN, Infinity and negative numbers survive). One worker
 * serves calls one after another; after a call hangs or crashes it is replaced.
 */
import { Worker } from "node:worker_threads";

/** How an isolated call ended. */
export type IsolatedOutcome =
  | { readonly kind: "resolved"; readonly value: unknown }
  | {
      readonly kind: "rejected";
      /** The error's name, code, status and message (an error does not cross to this thread whole). */
      readonly error: { readonly name: string; readonly code?: string; readonly status?: number; readonly message: string };
    }
  /** Still running at the deadline: the worker was terminated. */
  | { readonly kind: "hung"; readonly ms: number }
  /** The worker died (heap cap reached: `ERR_WORKER_OUT_OF_MEMORY`). */
  | { readonly kind: "crashed"; readonly code: string; readonly message: string; readonly ms: number };

/** Options of {@link isolatedRunner}. */
export interface IsolatedRunnerOptions {
  /** Milliseconds one call may take. Default 10 000. */
  readonly timeoutMs?: number;
  /** Heap cap of the worker in MiB (`resourceLimits.maxOldGenerationSizeMb`). Default 192. */
  readonly heapMb?: number;
}

/** A worker that runs calls of one module. */
export interface IsolatedRunner {
  /** Starts the worker unless it runs (so that its own descriptors exist before a test counts them). */
  start(): Promise<void>;
  /** Runs `handle(input)` in the worker. */
  run(input: unknown): Promise<IsolatedOutcome>;
  /** How many times the worker was replaced after a hang or a crash. */
  readonly replaced: number;
  /** Terminates the worker (the next call starts a new one). */
  close(): Promise<void>;
}

interface Running {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  /** Settles the call in flight when the worker dies. */
  died?: (err: Error) => void;
}

/** A runner for `module` (a `file:` URL of a .ts file that exports `handle(input)`). */
export function isolatedRunner(module: URL, options: IsolatedRunnerOptions = {}): IsolatedRunner {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Running | undefined;
  let replaced = 0;
  let nextId = 1;

  const spawn = (): Running => {
    const worker = new Worker(new URL("./isolated-worker.mjs", import.meta.url), {
      workerData: { module: module.href },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 192 },
      stdout: false,
      stderr: false,
    });
    const state: Running = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        const onMessage = (m: { ready?: boolean }) => {
          if (m.ready) {
            worker.off("message", onMessage);
            resolve();
          }
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
      }),
    };
    worker.on("error", (err) => state.died?.(err));
    worker.on("exit", (code) => {
      state.died?.(Object.assign(new Error(`the worker exited with code ${code}`), { code: "WORKER_EXIT" }));
      if (running === state) running = undefined;
    });
    return state;
  };

  const stop = async (state: Running): Promise<void> => {
    if (running === state) running = undefined;
    await state.worker.terminate();
  };

  return {
    async start() {
      running ??= spawn();
      await running.ready;
    },
    async run(input) {
      running ??= spawn();
      const state = running;
      await state.ready;
      const id = nextId++;
      const started = Date.now();
      return new Promise<IsolatedOutcome>((resolve) => {
        const finish = (outcome: IsolatedOutcome) => {
          clearTimeout(timer);
          state.worker.off("message", onMessage);
          state.died = undefined;
          resolve(outcome);
        };
        const onMessage = (m: { id?: number; outcome?: IsolatedOutcome }) => {
          if (m.id === id && m.outcome) finish(m.outcome);
        };
        const timer = setTimeout(() => {
          replaced++;
          state.died = undefined; // the exit that follows is ours
          void stop(state).then(() => finish({ kind: "hung", ms: Date.now() - started }));
        }, timeoutMs);
        state.died = (err) => {
          replaced++;
          if (running === state) running = undefined;
          finish({ kind: "crashed", code: String((err as { code?: unknown }).code ?? err.name), message: err.message, ms: Date.now() - started });
        };
        state.worker.on("message", onMessage);
        state.worker.postMessage({ id, input });
      });
    },
    get replaced() {
      return replaced;
    },
    async close() {
      if (running) await stop(running);
    },
  };
}

/** One line for a test message: how an isolated call ended. */
export function describeOutcome(outcome: IsolatedOutcome): string {
  switch (outcome.kind) {
    case "resolved":
      return `resolved (${JSON.stringify(outcome.value)})`;
    case "rejected":
      return `${outcome.error.name}${outcome.error.code ? `/${outcome.error.code}` : ""}: ${outcome.error.message}`;
    case "hung":
      return `still running after ${outcome.ms} ms (worker terminated)`;
    case "crashed":
      return `worker died after ${outcome.ms} ms: ${outcome.code} ${outcome.message}`;
  }
}
