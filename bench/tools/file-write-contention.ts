/**
 * System CPU of writing one file from several positional writers at once
 * against one at a time (what the presigned download's `oneWriteAtATime`
 * is for): 512 MiB of writevs of 64 KiB chunks, in 1 MiB and 8 MiB batches,
 * 4 concurrent or serial, two rounds. No lakeFS needed.
 *
 *   node --import tsx bench/tools/file-write-contention.ts [DIR]   # DIR: where the file goes (default the temp dir)
 *
 * On the development machine (2 cores) 4 concurrent 1 MiB writevs spent 0.2–2.6 s of
 * system CPU per GiB (335–4,898 MiB/s), serial ones 0.19–0.26 (3,577–4,235 MiB/s): the writers of
 * one file contend in the kernel, and never write faster together.
 */
import { randomBytes } from "node:crypto";
import { open, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MiB = 1024 * 1024;
const SIZE = 512 * MiB;
const dir = process.argv[2] ?? tmpdir();
const chunks = Array.from({ length: 16 }, () => randomBytes(64 * 1024));

async function run(label: string, concurrency: number, batch: number): Promise<void> {
  const path = join(dir, `file-write-contention-${process.pid}.bin`);
  const fh = await open(path, "w");
  const bufs = Array.from({ length: batch / (64 * 1024) }, (_, i) => chunks[i % chunks.length]!);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < SIZE / batch) {
        const i = next++;
        await fh.writev(bufs, i * batch);
      }
    }),
  );
  const d = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  await fh.close();
  await unlink(path);
  const perGiB = (us: number): string => ((us / 1e6) * (1024 / (SIZE / MiB))).toFixed(2);
  process.stdout.write(`${label.padEnd(26)} user ${perGiB(d.user)} sys ${perGiB(d.system)} s/GiB, ${(SIZE / MiB / seconds).toFixed(0)} MiB/s\n`);
}

for (let round = 0; round < 2; round++) {
  await run("4 concurrent 1 MiB writev", 4, MiB);
  await run("serial 1 MiB writev", 1, MiB);
  await run("4 concurrent 8 MiB writev", 4, 8 * MiB);
  await run("serial 8 MiB writev", 1, 8 * MiB);
}
