/**
 * The shared frame of the `*-variants.ts` profiling tools: one lakeFS, one
 * repository, a lakefs-s3 client and a hand-configured raw S3 client, a
 * generated source file of SIZE MiB, and a loop that times each variant
 * (wall time, this process's CPU time and lakeFS's, from /proc) for ROUNDS rounds. Env: SIZE (MiB, default 512),
 * ROUNDS (3), C (parallel parts, 4), ONLY (run only variants whose name has it).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { LakeFS } from "../../src/index.js";
import { startLakeFS, type LakeFSServer } from "../../tools/lakefs/server.js";
import { rawS3Client } from "../clients/raw-s3-client.js";

export const MiB = 1024 * 1024;
export const SIZE = (Number(/^(\d+)/.exec(process.env.SIZE ?? "512")?.[1]) || 512) * MiB;
export const ROUNDS = Number(process.env.ROUNDS ?? 3);
export const PART = 8 * MiB;
export const C = Number(process.env.C ?? 4);

/** What a variant tool gets to work with. */
export interface VariantContext {
  readonly server: LakeFSServer;
  readonly lakefs: LakeFS;
  readonly raw: S3Client;
  readonly repository: string;
  readonly dir: string;
  /** A file of SIZE bytes. */
  readonly src: string;
}

async function writeSource(path: string): Promise<void> {
  const out = createWriteStream(path);
  const block = Buffer.alloc(MiB, 1);
  for (let i = 0; i < SIZE / MiB; i++) if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
  out.end();
  await new Promise<void>((r) => out.once("finish", () => r()));
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc (USER_HZ = 100). */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Sets everything up, lets `prepare` return the named variants, times them
 * round after round (calling `beforeEach` before every run), and cleans up.
 */
export async function runVariants(
  repository: string,
  prepare: (ctx: VariantContext) => Promise<Record<string, () => Promise<unknown>>>,
  beforeEach: () => void = () => {},
): Promise<void> {
  const server = await startLakeFS();
  const dir = mkdtempSync(join(tmpdir(), `${repository}-`));
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  const raw = rawS3Client(server, 16);
  try {
    await lakefs.repository(repository).create({ storageNamespace: `local://${repository}` });
    const src = join(dir, "src.bin");
    await writeSource(src);
    const variants = await prepare({ server, lakefs, raw, repository, dir, src });
    const only = process.env.ONLY;
    const chosen = Object.entries(variants).filter(([name]) => !only || name.includes(only));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of chosen) {
        beforeEach();
        const pid = server.process.pid;
        const l0 = processCpuSeconds(pid);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await run();
        const s = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(c0);
        const gib = SIZE / 1024 / MiB;
        const cpuPerGiB = (cpu.user + cpu.system) / 1e6 / gib;
        const lakefsPerGiB = (processCpuSeconds(pid) - l0) / gib;
        const rss = process.memoryUsage().rss / MiB;
        process.stdout.write(
          `${round} ${name.padEnd(44)} ${(SIZE / MiB / s).toFixed(0).padStart(5)} MiB/s  CPU ${cpuPerGiB.toFixed(2)} s/GiB (sys ${(cpu.system / 1e6 / gib).toFixed(2)})  lakeFS ${lakefsPerGiB.toFixed(2)} s/GiB  RSS ${rss.toFixed(0)} MiB\n`,
        );
      }
    }
  } finally {
    lakefs.destroy();
    raw.destroy();
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}
