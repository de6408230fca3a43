/**
 * Cold start by CPU, not only by the clock: bundles cold-start handlers as
 * `bench/run.ts` does, then spawns each in a fresh `node` process that loads
 * the bundle, reads one 4 KiB object and prints its own CPU time (user+system,
 * bootstrap included) and the time since the process started. Handlers
 * alternate round by round; medians are printed with the bytes loaded at import.
 *
 *   ROUNDS=15 npx tsx bench/tools/cold-cpu.ts [name=handler.ts ...]
 *
 * Default handlers: bench/cold-start/lakefs-s3.ts and bench/cold-start/aws-sdk.ts.
 * `before=/tmp/old-tree/bench/cold-start/lakefs-s3.ts` compares another source tree's handler.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleHandler } from "../bundle-handler.js";
import { LakeFS } from "../../src/index.js";
import { startLakeFS } from "../../tools/lakefs/server.js";

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const args = process.argv.slice(2);
const handlers = (args.length > 0 ? args : ["lakefs-s3=bench/cold-start/lakefs-s3.ts", "aws-sdk=bench/cold-start/aws-sdk.ts"]).map((a) => {
  const [name, file] = a.split("=") as [string, string];
  return { name, file: resolve(file) };
});
const work = mkdtempSync(join(tmpdir(), "cold-cpu-"));

async function bundle(name: string, file: string): Promise<{ entry: string; initialKiB: number }> {
  const built = await bundleHandler(file, join(work, name));
  return { entry: built.entry, initialKiB: built.initialBytes / 1024 };
}

const INVOKE = `
import { pathToFileURL } from "node:url";
const [bundle, event] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
await handler(JSON.parse(event));
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, ms: performance.now() }));
`;

const server = await startLakeFS();
try {
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false });
  await lakefs.repository("coldcpu").create({ storageNamespace: "local://coldcpu" });
  await lakefs.repository("coldcpu").branch("main").object("cold.bin").upload(Buffer.alloc(4096, 3));
  lakefs.destroy();
  const invoke = join(work, "invoke.mjs");
  writeFileSync(invoke, INVOKE);
  const built = await Promise.all(handlers.map(async (h) => ({ ...h, ...(await bundle(h.name, h.file)) })));
  const event = JSON.stringify({ repository: "coldcpu", ref: "main", path: "cold.bin" });
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    LAKECTL_SERVER_ENDPOINT_URL: server.endpoint,
    LAKECTL_CREDENTIALS_ACCESS_KEY_ID: server.accessKeyId,
    LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY: server.secretAccessKey,
  };
  const samples = new Map<string, { cpuMs: number; ms: number }[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const h of r % 2 === 0 ? built : [...built].reverse()) {
      const out = spawnSync(process.execPath, [invoke, h.entry, event], { env, encoding: "utf8", timeout: 60_000 });
      if (out.status !== 0) throw new Error(`${h.name} exited ${out.status}: ${out.stderr}`);
      const list = samples.get(h.name) ?? [];
      list.push(JSON.parse(out.stdout) as { cpuMs: number; ms: number });
      samples.set(h.name, list);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const h of built) {
    const s = samples.get(h.name)!;
    process.stdout.write(
      `${h.name.padEnd(12)} ${h.initialKiB.toFixed(0).padStart(4)} KiB at import  CPU ${median(s.map((x) => x.cpuMs)).toFixed(1).padStart(6)} ms  start→first read ${median(s.map((x) => x.ms)).toFixed(1).padStart(6)} ms (median of ${s.length})\n`,
    );
  }
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
