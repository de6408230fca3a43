import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { assertBranch, isDataPath, validateBranchLocation, LakeFS, type DataPath } from "../../internal.js";
import { connectionFromFlags, parseCommandArgs, parseIntegerFlag } from "../args.js";
import type { Command } from "../command.js";
import { parseCpLocation, type CpLocation } from "../cp/locations.js";
import { planDownload } from "../cp/plan-download.js";
import { planUpload } from "../cp/plan-upload.js";
import { runPool } from "../cp/run-pool.js";
import type { Transfer, TransferResult } from "../cp/transfer.js";
import { EXIT } from "../exit-codes.js";
import { commandHelp } from "../help.js";
import type { Io } from "../io.js";
import { describeError, errorJson, formatBytes, formatDuration, writeJson, writeLine } from "../output.js";
import { createProgress, type ProgressDisplay } from "../progress.js";
import { UsageError } from "../usage-error.js";

const NAME = "cp";

const help = commandHelp({
  name: NAME,
  synopsis: "SRC DST [options]",
  description: `
Copies files between the local disk and lakeFS, through the S3 gateway or on
presigned URLs straight to the object store (--data-path), with the library's
object handles: multipart uploads and parallel
ranged downloads with bounded memory, a failed or interrupted upload aborted
(nothing left behind), a download written to a temporary file and renamed
into place only when complete. One of SRC and DST is a local path, the other
a lakefs://repository/ref/path URI.

  FILE        lakefs://repo/branch/path      writes the object "path"
  FILE        lakefs://repo/branch/dir/      writes "dir/<file name>"
  -r DIR      lakefs://repo/branch/prefix/   writes "prefix/<path under DIR>" for every file under DIR
  lakefs://repo/ref/path          FILE or DIR/   downloads one object
  -r lakefs://repo/ref/prefix/    DIR            downloads every object under "prefix/" to "DIR/<path under prefix>"

Uploads go to branches only: a tag, a commit id or an expression such as
main~1 is refused with ReadOnlyRefError before anything is written. Downloads
read any ref. Progress shows as a bar on stderr when it is a terminal, and as
one line per file on stdout otherwise.`,
  options: `  -r, --recursive           copy a directory, or every object under a prefix
  --concurrency N           files copied at once with --recursive; parts in flight for a
                            single file (default 4, from 1 to 64)
  --json                    print a JSON summary on stdout instead of per-file lines
  -q, --quiet               no progress bar and no per-file lines
  --data-path PATH          auto (default): bytes straight to and from the object store on
                            presigned URLs where the server supports it, else the gateway;
                            gateway: always through lakeFS; presigned: fail where unsupported`,
  examples: `  lakefs-s3 cp ./report.csv lakefs://analytics/etl-2026-11/reports/
  lakefs-s3 cp -r ./data lakefs://analytics/etl-2026-11/raw/
  lakefs-s3 cp -r lakefs://analytics/v1.2/raw/ ./snapshot --json
  lakefs-s3 cp lakefs://analytics/main~1/reports/report.csv ./old-report.csv`,
  exit: "Exit status: 0 everything copied, 1 a copy failed (the others are cancelled), 2 usage error, 130 interrupted.",
});

interface Plan {
  readonly direction: "upload" | "download";
  readonly source: CpLocation;
  readonly destination: CpLocation;
}

function planOf(source: CpLocation, destination: CpLocation): Plan {
  if (source.kind === "local" && destination.kind === "lakefs") return { direction: "upload", source, destination };
  if (source.kind === "lakefs" && destination.kind === "local") return { direction: "download", source, destination };
  if (source.kind === "local") {
    throw new UsageError("both SRC and DST are local paths: one of them must be a lakefs://repository/ref/path URI", NAME);
  }
  throw new UsageError("copies between two lakeFS locations are not supported: download and upload, or use the library's copyTo", NAME);
}

function parseDataPath(value: string | undefined): DataPath {
  if (value === undefined) return "auto";
  if (isDataPath(value)) return value;
  throw new UsageError(`--data-path must be auto, gateway or presigned, not ${JSON.stringify(value)}`, NAME);
}

/** Copies one file, reporting bytes as they move. */
async function copyOne(
  lakefs: LakeFS,
  direction: Plan["direction"],
  t: Transfer,
  { parts, dataPath }: { parts: number; dataPath: DataPath },
  progress: ProgressDisplay,
  signal: AbortSignal,
): Promise<TransferResult> {
  let reported = 0;
  const onProgress = ({ loaded }: { loaded: number }): void => {
    if (loaded > reported) {
      progress.add(loaded - reported);
      reported = loaded;
    }
  };
  let etag: string | undefined;
  if (direction === "upload") {
    const object = lakefs.repository(t.remote.repository).branch(t.remote.ref).object(t.remote.path);
    ({ etag } = await object.upload({ file: t.localPath }, { queueSize: parts, onProgress, signal, dataPath }));
  } else {
    await mkdir(dirname(t.localPath), { recursive: true });
    const object = lakefs.repository(t.remote.repository).ref(t.remote.ref).object(t.remote.path);
    ({ etag } = await object.download(t.localPath, { concurrency: parts, onProgress, signal, dataPath }));
  }
  if (t.size > reported) progress.add(t.size - reported);
  progress.fileDone(`${direction}: ${t.from} to ${t.to} (${formatBytes(t.size)})`);
  return { source: t.from, destination: t.to, size: t.size, ...(etag !== undefined ? { etag } : {}) };
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, argv, {
    recursive: { type: "boolean", short: "r" },
    concurrency: { type: "string" },
    json: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    "data-path": { type: "string" },
  } as const);
  if (positionals.length !== 2) {
    throw new UsageError(positionals.length < 2 ? "cp needs SRC and DST" : `cp takes SRC and DST only, got ${positionals.length} arguments`, NAME);
  }
  const concurrency = parseIntegerFlag(NAME, "concurrency", values.concurrency, 4, 1, 64);
  const recursive = values.recursive === true;
  const json = values.json === true;
  const quiet = values.quiet === true;
  const dataPath = parseDataPath(values["data-path"]);
  const plan = planOf(parseCpLocation(positionals[0]!, io.cwd, NAME), parseCpLocation(positionals[1]!, io.cwd, NAME));
  const connection = connectionFromFlags(NAME, values, io);

  const started = Date.now();
  const skipped: { path: string; reason: string }[] = [];
  const onSkip = (path: string, reason: string): void => {
    skipped.push({ path, reason });
    if (!quiet) writeLine(io.stderr, `skipped ${path}: ${reason}`);
  };
  const summary = { direction: plan.direction, source: plan.source.arg, destination: plan.destination.arg };
  const lakefs = new LakeFS(connection.config);
  try {
    let transfers: Transfer[];
    if (plan.direction === "upload" && plan.source.kind === "local" && plan.destination.kind === "lakefs") {
      const target = { repository: plan.destination.repository, ref: plan.destination.ref };
      // Refused before anything is read or sent: a malformed name, then a tag, a commit or a missing branch.
      validateBranchLocation(target);
      transfers = await planUpload(plan.source, plan.destination, recursive, NAME, onSkip);
      await assertBranch(lakefs.s3, target, "cp", io.signal);
    } else if (plan.source.kind === "lakefs" && plan.destination.kind === "local") {
      transfers = await planDownload(lakefs.s3, plan.source, plan.destination, recursive, NAME, io.signal, onSkip);
    } else {
      throw new Error("unreachable");
    }

    const totalBytes = transfers.reduce((n, t) => n + t.size, 0);
    const progress = createProgress({
      bar: io.stderr,
      lines: json || quiet ? undefined : io.stdout,
      showBar: !quiet,
      totalBytes,
      totalFiles: transfers.length,
    });
    // Many files: --concurrency files at once, each with the library's default parts in flight. One file: --concurrency parts.
    const files = transfers.length > 1 ? concurrency : 1;
    const parts = transfers.length > 1 ? 4 : concurrency;
    let results: TransferResult[];
    try {
      results = await runPool(transfers, files, io.signal, (t, signal) => copyOne(lakefs, plan.direction, t, { parts, dataPath }, progress, signal));
    } finally {
      progress.finish();
    }
    const durationMs = Date.now() - started;
    if (json) {
      writeJson(io.stdout, { ok: true, ...summary, files: results, fileCount: results.length, bytes: totalBytes, skipped, durationMs });
    } else if (!quiet) {
      writeLine(io.stdout, `Copied ${results.length} ${results.length === 1 ? "file" : "files"} (${formatBytes(totalBytes)}) in ${formatDuration(durationMs)}.`);
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (json) writeJson(io.stdout, { ok: false, ...summary, error: errorJson(err), skipped, durationMs: Date.now() - started });
    writeLine(io.stderr, `lakefs-s3 cp: ${describeError(err)}`);
    return io.signal.aborted ? EXIT.interrupted : EXIT.failure;
  } finally {
    lakefs.destroy();
  }
}

/** `lakefs-s3 cp`. */
export const cpCommand: Command = {
  name: NAME,
  synopsis: "SRC DST",
  summary: "copy files and directories to and from lakefs://repo/ref/path",
  help,
  run,
};
