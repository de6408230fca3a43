/**
 * What the Node client drivers share: the task they are given, the result they
 * print, the deterministic content of the small objects, and a bounded pool
 * of async workers. Each driver runs in its own child process
 * (`node --import tsx bench/clients/<client>.ts '<task JSON>'`), so the peak
 * RSS it reports is its own.
 */

/** Where a driver finds lakeFS and which branch it works on. */
export interface Target {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly repository: string;
  readonly branch: string;
  /**
   * Whether the client takes the presigned data path (bench --blockstore minio): lakefs-s3 with
   * `dataPath: "presigned"`, lakectl with `--pre-sign`, the Python SDK with `pre_sign=True`.
   * Otherwise REST without presign (lakectl, the Python SDK), and for lakefs-s3 see `gatewayOnly`.
   */
  readonly presign?: boolean;
  /**
   * lakefs-s3 pinned to `dataPath: "gateway"` (the gateway client of `--blockstore minio`, the
   * issue's gateway-vs-presigned comparison); otherwise it runs with its defaults (`"auto"`).
   */
  readonly gatewayOnly?: boolean;
}

/** Write `count` objects of `size` bytes under `prefix`, then read them all back. */
export interface SmallTask extends Target {
  readonly op: "small";
  readonly prefix: string;
  readonly count: number;
  readonly size: number;
  readonly concurrency: number;
  /** Indices whose content is compared after the clock stops. */
  readonly sample: readonly number[];
}

/**
 * Upload the file at `file` to `key`. `stream`: the way a user writes it first, from
 * `fs.createReadStream(file)` (Node drivers only; the raw SDK's lib-storage reads a stream either way).
 */
export interface LargePutTask extends Target {
  readonly op: "large-put";
  readonly key: string;
  readonly file: string;
  readonly stream?: boolean;
  readonly concurrency: number;
  readonly partSize: number;
}

/**
 * Download `key` to the file `dest`. `stream`: the way a user writes it first, one body stream
 * piped to the file with `stream/promises` `pipeline` (Node drivers only; the raw SDK's single
 * `GetObject` is that either way).
 */
export interface LargeGetTask extends Target {
  readonly op: "large-get";
  readonly key: string;
  readonly dest: string;
  readonly stream?: boolean;
  readonly concurrency: number;
  readonly partSize: number;
}

/** List every object under `prefix`. */
export interface ListTask extends Target {
  readonly op: "list";
  readonly prefix: string;
  readonly pageSize: number;
}

/**
 * Read `reads` ranges of `readSize` bytes of `key`, one after the other, at the offsets of
 * {@link randomOffsets}: lakefs-s3 through one `open()` reader, the raw SDK as ranged
 * `GetObject` calls by hand. The driver reports the SHA-256 of the bytes read, in order.
 */
export interface RandomReadTask extends Target {
  readonly op: "random-read";
  readonly key: string;
  readonly size: number;
  readonly reads: number;
  readonly readSize: number;
  readonly seed: number;
}

export type Task = SmallTask | LargePutTask | LargeGetTask | ListTask | RandomReadTask;

/** What a driver prints as its last stdout line (JSON). Seconds exclude process start-up. */
export interface DriverResult {
  readonly op: Task["op"];
  /** small: the write phase. */
  readonly putSeconds?: number;
  /** small: the read phase. */
  readonly getSeconds?: number;
  /** large-put, large-get, list, random-read. */
  readonly seconds?: number;
  /** random-read: SHA-256 of the bytes read, in order. */
  readonly digest?: string;
  /** large-get: bytes written; list: objects seen. */
  readonly count?: number;
  /** small: sampled objects whose content matched. */
  readonly verified?: number;
  /** small: sampled paths whose content did not match. */
  readonly mismatches?: readonly string[];
  /** Peak resident set of the driver process, KiB. */
  readonly maxRssKiB: number;
  /** CPU time (user + system) the driver process used, seconds, start-up included. */
  readonly cpuSeconds?: number;
  /** small: CPU seconds of the write phase alone. */
  readonly putCpuSeconds?: number;
  /** small: CPU seconds of the read phase alone. */
  readonly getCpuSeconds?: number;
  /** large-put, large-get, list, random-read: CPU seconds of the timed work alone. */
  readonly workCpuSeconds?: number;
}

/** The key of small object `i`: `<prefix><i, 6 digits>` (lakectl uploads files with these names). */
export function smallKey(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(6, "0")}`;
}

/**
 * The content of small object `i`: `"<i>|"` repeated to `size` bytes, so a
 * swapped or truncated object is caught. The Python drivers build the same.
 */
export function smallContent(i: number, size: number): Buffer {
  const unit = Buffer.from(`${i}|`, "latin1");
  const out = Buffer.allocUnsafe(size);
  for (let o = 0; o < size; o += unit.length) unit.copy(out, o, 0, Math.min(unit.length, size - o));
  return out;
}

/** Runs `work(0..count-1)` with at most `concurrency` calls in flight. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** The offsets of a random-read task: `reads` offsets in [0, size - readSize], the same for every client (a seeded xorshift). */
export function randomOffsets(task: Pick<RandomReadTask, "size" | "reads" | "readSize" | "seed">): number[] {
  let x = task.seed >>> 0 || 1;
  const span = Math.max(1, task.size - task.readSize + 1);
  return Array.from({ length: task.reads }, () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return Math.floor((x / 2 ** 32) * span);
  });
}

/** Seconds since `start` (a `performance.now()` value). */
export function since(start: number): number {
  return (performance.now() - start) / 1000;
}

/** CPU seconds (user + system, all threads) since `start` (a `process.cpuUsage()` value). */
export function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

/** The task from argv[2]. */
export function readTask(): Task {
  const raw = process.argv[2];
  if (!raw) throw new Error("usage: node --import tsx bench/clients/<client>.ts '<task JSON>'");
  return JSON.parse(raw) as Task;
}

/** Prints the result as the last stdout line, with the process's peak RSS. */
export function report(result: Omit<DriverResult, "maxRssKiB" | "cpuSeconds">): void {
  const usage = process.resourceUsage();
  const out: DriverResult = { ...result, maxRssKiB: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Compares the sampled bodies after the clock stopped. */
export function checkSample(task: SmallTask, bodies: Map<number, Uint8Array>): { verified: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let verified = 0;
  for (const i of task.sample) {
    const got = bodies.get(i);
    if (got && Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(smallContent(i, task.size))) verified++;
    else mismatches.push(smallKey(task.prefix, i));
  }
  return { verified, mismatches };
}

/** Runs a driver's main and exits non-zero with the message on failure. */
export function main(run: (task: Task) => Promise<void>): void {
  run(readTask()).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
