/**
 * One quick comparison of the gateway and the presigned data path on lakeFS
 * over MinIO (the presigned test leg's setup): upload and download MiB/s of
 * one object and lakeFS server CPU seconds per GiB moved (from /proc). Not
 * part of `npm run bench` yet; run by hand:
 *
 *   node --import tsx bench/presigned.ts [--mib 256]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LakeFS, type DataPath } from "../src/index.js";
import { startLakeFS } from "../tools/lakefs/server.js";
import { startMinio } from "../test/support/minio.js";

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function measure(pid: number, run: () => Promise<unknown>): Promise<{ seconds: number; cpu: number }> {
  const cpu0 = cpuSeconds(pid);
  const t0 = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, cpu: cpuSeconds(pid) - cpu0 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mib: { type: "string", default: "256" } } });
  const mib = Number(values.mib);
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-bench-presigned-"));
  const minio = await startMinio(["bench"]);
  const server = await startLakeFS({
    blockstore: { type: "s3", endpoint: minio.endpoint, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey },
  });
  try {
    const pid = server.process.pid!;
    const source = join(dir, "source.bin");
    writeFileSync(source, randomBytes(mib * 1024 * 1024));
    const base = { endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false as const, proxy: false as const };
    const repo = new LakeFS(base).repository("bench-presigned");
    await repo.create({ storageNamespace: "s3://bench/presigned" });
    const rows: string[] = [];
    for (const dataPath of ["gateway", "presigned"] as DataPath[]) {
      const lakefs = new LakeFS({ ...base, dataPath });
      const object = lakefs.repository("bench-presigned").branch("main").object(`${dataPath}.bin`);
      const up = await measure(pid, () => object.upload({ file: source }, { partSize: 16 * 1024 * 1024, queueSize: 4 }));
      const down = await measure(pid, () => object.download(join(dir, `${dataPath}.out`), { partSize: 16 * 1024 * 1024, concurrency: 4 }));
      const gib = mib / 1024;
      rows.push(
        `| ${dataPath} | ${(mib / up.seconds).toFixed(0)} | ${(mib / down.seconds).toFixed(0)} | ${(up.cpu / gib).toFixed(2)} | ${(down.cpu / gib).toFixed(2)} |`,
      );
      lakefs.destroy();
    }
    process.stdout.write(
      `${mib} MiB object, lakeFS ${server.endpoint} on MinIO, ${new Date().toISOString()}\n` +
        "| data path | upload MiB/s | download MiB/s | lakeFS CPU s/GiB up | lakeFS CPU s/GiB down |\n| --- | --- | --- | --- | --- |\n" +
        `${rows.join("\n")}\n`,
    );
  } finally {
    await server.stop();
    await minio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
