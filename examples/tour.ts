/**
 * A guided tour of lakefs-s3 against a real lakeFS server.
 *
 *   npm run tour                 # starts an embedded local lakeFS, runs the tour, stops it
 *   LAKECTL_SERVER_ENDPOINT_URL=… npm run tour   # uses your lakeFS instead (needs a storage namespace: TOUR_STORAGE_NAMESPACE)
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LakeFS, MergeConflictError, ReadOnlyRefError, collect } from "../src/index.js";

/** Where the tour prints; the test captures it. */
export type Print = (line: string) => void;

function progressBar(loaded: number, total: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, loaded / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${(loaded / 2 ** 20).toFixed(1)}/${(total / 2 ** 20).toFixed(1)} MiB`;
}

/** Options of {@link runTour}. */
export interface TourOptions {
  /** A directory the server may import from (the embedded server's `importDir`); without it the import step is skipped. */
  readonly importDir?: string;
}

/**
 * Runs the tour with a client and a fresh storage namespace. Returns the
 * number of steps completed.
 */
export async function runTour(lakefs: LakeFS, storageNamespaceRoot: string, print: Print = console.log, options: TourOptions = {}): Promise<number> {
  let step = 0;
  const say = (title: string) => print(`\n${++step}. ${title}`);
  const detail = (line: string) => print(`   ${line}`);
  const suffix = randomBytes(3).toString("hex");
  const repoName = `tour-${suffix}`;

  say("Create a repository (a bucket on the S3 gateway)");
  const repo = await lakefs.repository(repoName).create({
    storageNamespace: `${storageNamespaceRoot.replace(/\/$/, "")}/${repoName}`,
    defaultBranch: "main",
    includeSamples: false,
  });
  const props = await repo.properties();
  detail(`id=${props.id} defaultBranch=${props.defaultBranch} storageNamespace=${props.storageNamespace}`);

  say("List repositories");
  for await (const r of lakefs.repositories({ prefix: "tour-" })) detail(`- ${r.id} (created ${r.creationDate.toISOString()})`);

  say("Create a branch from main and read its head commit");
  const main = repo.branch("main");
  const feature = await repo.branch("feature-1").create("main");
  const head = await feature.getCommit();
  detail(`feature-1 head ${head.id.slice(0, 12)} "${head.message}"`);

  say("List branches");
  for await (const b of repo.branches()) detail(`- ${b.id}`);

  say("Upload objects through the S3 gateway");
  await feature.object("data/2026/sales.csv").upload("region,amount\nnorth,10\nsouth,32\n", { contentType: "text/csv" });
  await feature.object("data/2026/notes.txt").upload("first draft", { metadata: { author: "tour" } });
  const bigSize = 24 * 2 ** 20;
  let lastPrinted = -1;
  await feature.object("data/2026/big.bin").upload(randomBytes(bigSize), {
    partSize: 8 * 2 ** 20,
    onProgress: ({ loaded }) => {
      const pct = Math.floor((loaded / bigSize) * 4);
      if (pct !== lastPrinted) {
        lastPrinted = pct;
        detail(progressBar(loaded, bigSize));
      }
    },
  });
  const stat = await feature.object("data/2026/big.bin").stat();
  detail(`big.bin: ${stat.size} bytes (multipart), etag ${stat.etag}`);

  say("List objects under data/ with a delimiter, then recursively");
  for await (const entry of feature.objects({ prefix: "data/", delimiter: "/" })) detail(`- ${entry.type} ${entry.path}`);
  for await (const entry of feature.objects({ prefix: "data/2026/" })) {
    if (entry.type === "object") detail(`- ${entry.path} (${entry.size} bytes)`);
  }

  say("Read back: whole text, a byte range, a stream");
  detail(`sales.csv: ${JSON.stringify(await feature.object("data/2026/sales.csv").text())}`);
  detail(`bytes 0-5 of sales.csv: ${JSON.stringify(await feature.object("data/2026/sales.csv").text({ range: { start: 0, end: 5 } }))}`);
  let streamed = 0;
  for await (const chunk of await feature.object("data/2026/big.bin").stream()) streamed += (chunk as Buffer).length;
  detail(`streamed big.bin: ${streamed} bytes`);

  say("See uncommitted changes, then commit");
  for await (const change of feature.uncommitted()) detail(`- ${change.type} ${change.path}`);
  const commit = await feature.commit({ message: "Add 2026 data", metadata: { source: "tour" } });
  detail(`commit ${commit.id.slice(0, 12)} by ${commit.committer}: "${commit.message}"`);

  say("Diff main against feature-1, then merge into main");
  for await (const change of main.diff(feature)) detail(`- ${change.type} ${change.path}`);
  const merged = await feature.mergeInto(main, { message: "Merge feature-1" });
  detail(`merge commit ${merged.reference.slice(0, 12)}`);
  detail(`main now has sales.csv: ${await main.object("data/2026/sales.csv").exists()}`);

  say("Tag the release and read through the tag and through main~1");
  const tag = await repo.tag(`v1-${suffix}`).create("main");
  detail(`tag ${tag.id} -> ${(await tag.getCommit()).id.slice(0, 12)}`);
  detail(`via tag: ${JSON.stringify(await tag.object("data/2026/notes.txt").text())}`);
  detail(`main~1 has sales.csv: ${await repo.ref("main~1").object("data/2026/sales.csv").exists()}`);
  try {
    repo.branch("main~1");
  } catch (err) {
    if (err instanceof ReadOnlyRefError) detail(`writing to main~1 is refused before sending: ${err.message}`);
    else throw err;
  }

  say("Import files already in the object store, without copying them");
  if (options.importDir) {
    const dir = join(options.importDir, repoName);
    mkdirSync(join(dir, "2025"), { recursive: true });
    writeFileSync(join(dir, "2025", "sales.csv"), "region,amount\nnorth,7\nsouth,21\n");
    writeFileSync(join(dir, "2025", "notes.txt"), "imported from the legacy store\n");
    const imported = await main.importData([{ prefix: `local://${dir}/2025/`, destination: "data/2025/" }], {
      message: "Import the 2025 data",
      pollIntervalMs: 250,
    });
    detail(`imported ${imported.ingestedObjects ?? 0} objects in commit ${imported.commit?.id.slice(0, 12)} "${imported.commit?.message}"`);
    detail(`data/2025/sales.csv: ${JSON.stringify(await main.object("data/2025/sales.csv").text())}`);
  } else {
    detail("skipped: the tour did not start this server, so it knows no directory the server may import from");
  }

  say("Copy between refs and presign a URL");
  await main.object("data/2026/sales.csv").copyTo(feature.object("archive/sales-2026.csv"));
  const url = await main.object("data/2026/sales.csv").presign({ expiresIn: 300 });
  const viaUrl = await fetch(url).then((r) => r.text());
  detail(`presigned GET returned ${viaUrl.length} bytes`);

  say("A transaction: all changes land on main together, or none");
  await main.transact(
    async (tx) => {
      await tx.object("data/2026/notes.txt").upload("final version");
      await tx.object("data/2026/summary.txt").upload("north 10, south 32");
    },
    { commitMessage: "Finalize notes" },
  );
  detail(`main notes.txt: ${JSON.stringify(await main.object("data/2026/notes.txt").text())}`);
  try {
    await main.transact(async (tx) => {
      await tx.object("data/2026/notes.txt").upload("half-done");
      throw new Error("something went wrong");
    });
  } catch (err) {
    detail(`failed transaction rolled back (${(err as Error).message}); main notes.txt still ${JSON.stringify(await main.object("data/2026/notes.txt").text())}`);
  }

  say("A conflicting merge is reported with its paths");
  const a = await repo.branch("conflict-a").create("main");
  await a.object("data/2026/summary.txt").upload("a");
  await a.commit({ message: "a" });
  await main.object("data/2026/summary.txt").upload("main");
  await main.commit({ message: "main" });
  try {
    await a.mergeInto(main);
  } catch (err) {
    if (err instanceof MergeConflictError) detail(`MergeConflictError on ${err.paths.join(", ")}`);
    else throw err;
  }

  say("The log of main");
  for (const c of await collect(main.log(), 5)) detail(`- ${c.id.slice(0, 12)} ${c.message}`);

  say("Clean up");
  await feature.delete();
  await a.delete();
  await tag.delete();
  await repo.delete();
  detail(`repository ${repoName} deleted`);
  return step;
}

async function main(): Promise<void> {
  const external = process.env.LAKECTL_SERVER_ENDPOINT_URL;
  if (external) {
    const root = process.env.TOUR_STORAGE_NAMESPACE;
    if (!root) throw new Error("Set TOUR_STORAGE_NAMESPACE (e.g. s3://my-bucket/tour) to run the tour against your own lakeFS");
    const lakefs = new LakeFS();
    try {
      await runTour(lakefs, root);
    } finally {
      lakefs.destroy();
    }
    return;
  }
  const { startLakeFS } = await import("../tools/lakefs/server.js");
  console.log("Starting an embedded lakeFS (local KV and blockstore in a temporary directory)…");
  const server = await startLakeFS();
  console.log(`lakeFS is up at ${server.endpoint}`);
  const lakefs = new LakeFS({
    endpoint: server.endpoint,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    lakectlConfigFile: false,
  });
  try {
    const steps = await runTour(lakefs, "local://tour", console.log, { importDir: server.importDir });
    console.log(`\nTour complete: ${steps} steps.`);
  } finally {
    lakefs.destroy();
    await server.stop();
    console.log("Embedded lakeFS stopped and its data removed.");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? `${err.name}: ${err.message}` : err);
    process.exitCode = 1;
  });
}
