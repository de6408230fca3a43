/**
 * A/B rounds on lakeFS over MinIO: the lakefs-s3 bench driver of two source
 * trees (this one and `BEFORE`, e.g. an export of the previous commit), and/or
 * both data paths, each run in a fresh process, rounds alternating the order,
 * medians of MiB/s and of CPU seconds per GiB of the client, lakeFS and MinIO.
 * For comparing a change to the presigned (or gateway) path on a machine that
 * runs other work: compare the CPU columns, MiB/s only as a second signal.
 *
 *   git archive HEAD~1 | (mkdir -p /tmp/before && tar -x -C /tmp/before) && ln -s "$PWD/node_modules" /tmp/before/
 *   BEFORE=/tmp/before SIZE=512 ROUNDS=5 PATHS=presigned OPS=put,get node --import tsx bench/tools/presigned-rounds.ts
 *
 * SIZE in MiB (256), ROUNDS (4), PATHS gateway,presigned (both), OPS put,get (both), PART_SIZE in
 * MiB (8), QUEUE parts in flight (4); without BEFORE only this tree runs.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LakeFS } from "../../src/index.js";
import { startBenchServers, type BenchServers } from "../blockstore.js";
import type { DriverResult, LargeGetTask, LargePutTask } from "../clients/common.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MiB = 1024 * 1024;
const size = Number(process.env.SIZE ?? 256) * MiB;
const rounds = Number(process.env.ROUNDS ?? 4);
const paths = (process.env.PATHS ?? "gateway,presigned").split(",");
const ops = (process.env.OPS ?? "put,get").split(",");
const partSize = Number(process.env.PART_SIZE ?? 8) * MiB;
const queue = Number(process.env.QUEUE ?? 4);
const trees: Record<string, string> = { after: ROOT, ...(process.env.BEFORE ? { before: resolve(process.env.BEFORE) } : {}) };

interface Sample {
  mibps: number;
  client: number;
  lakefs: number;
  minio: number;
}

async function driver(tree: string, task: LargePutTask | LargeGetTask): Promise<DriverResult> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ["--import", "tsx", "bench/clients/lakefs-s3.ts", JSON.stringify(task)], { cwd: tree, env, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  const [code] = (await once(child, "close")) as [number];
  if (code !== 0) throw new Error(`driver in ${tree} exited ${code}`);
  return JSON.parse(out.trim().split("\n").pop()!) as DriverResult;
}

async function measure(servers: BenchServers, tree: string, task: LargePutTask | LargeGetTask): Promise<Sample> {
  const before = servers.cpuSeconds();
  const r = await driver(tree, task);
  const after = servers.cpuSeconds();
  const gib = size / (1024 * MiB);
  return {
    mibps: size / MiB / r.seconds!,
    client: r.workCpuSeconds! / gib,
    lakefs: (after.lakefs! - before.lakefs!) / gib,
    minio: (after.minio! - before.minio!) / gib,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-presigned-rounds-"));
  const servers = await startBenchServers("minio");
  const { endpoint, accessKeyId, secretAccessKey } = servers.lakefs;
  const lakefs = new LakeFS({ endpoint, accessKeyId, secretAccessKey, lakectlConfigFile: false });
  try {
    await lakefs.repository("rounds").create({ storageNamespace: "s3://bench/rounds" });
    const file = join(dir, "source.bin");
    writeFileSync(file, randomBytes(size));
    const samples = new Map<string, Sample[]>();
    const variants = Object.keys(trees).flatMap((tree) => paths.map((path) => ({ tree, path })));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [...variants].reverse() : variants;
      for (const { tree, path } of order) {
        const base = { endpoint, accessKeyId, secretAccessKey, repository: "rounds", branch: "main", presign: path === "presigned", concurrency: queue, partSize };
        const key = `r${round}/${tree}-${path}.bin`;
        for (const op of ops) {
          const task = op === "put" ? ({ ...base, op: "large-put", key, file } as const) : ({ ...base, op: "large-get", key, dest: join(dir, "out.bin") } as const);
          if (op === "get" && !ops.includes("put")) await lakefs.repository("rounds").branch("main").object(key).upload({ file });
          const s = await measure(servers, trees[tree]!, task);
          const id = `${tree} ${path} ${op}`;
          samples.set(id, [...(samples.get(id) ?? []), s]);
          process.stderr.write(`round ${round + 1} ${id}: ${s.mibps.toFixed(0)} MiB/s, CPU s/GiB client ${s.client.toFixed(2)} lakeFS ${s.lakefs.toFixed(2)} MinIO ${s.minio.toFixed(2)}\n`);
        }
        await servers.purgeLargeObjects(0);
      }
    }
    process.stdout.write(`\n${size / MiB} MiB, ${rounds} rounds, part ${partSize / MiB} MiB × ${queue}; medians\n| variant | MiB/s | client CPU s/GiB | lakeFS CPU s/GiB | MinIO CPU s/GiB |\n| --- | ---: | ---: | ---: | ---: |\n`);
    for (const [id, xs] of samples) {
      const m = (k: keyof Sample) => median(xs.map((x) => x[k])).toFixed(k === "mibps" ? 0 : 2);
      process.stdout.write(`| ${id} | ${m("mibps")} | ${m("client")} | ${m("lakefs")} | ${m("minio")} |\n`);
    }
  } finally {
    lakefs.destroy();
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
