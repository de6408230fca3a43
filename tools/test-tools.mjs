// The Go-built servers the integration tests start, and which test files need which.
// `npm test` (scripts/test.mjs) and .ci/run build every needed one before the first test,
// so no test's timeout ever includes a build: while a test runs, LAKEFS_S3_NO_BUILD=1 makes
// a missing binary an immediate error instead of a build (tools/build-go-tool.mjs).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureLakeFSBinaries, assertLakeFSVersion, selectedLakeFSVersion } from "./lakefs/build.mjs";
import { ensureMinioBinary } from "./minio/build.mjs";
import { ensureS3StoreBinary } from "./s3-store/build.mjs";
import { ensureToxiproxyBinary } from "./toxiproxy/build.mjs";

/**
 * Each tool: how to build it, a rough cold build time on 2 cores (measured with empty Go
 * caches; it is what a newcomer waits for once), and which test files need it: those whose
 * text names it, or every integration file when the blockstore leg runs on it.
 */
export const TEST_TOOLS = [
  {
    name: "lakeFS",
    coldMinutes: "4-6",
    build: () => {
      const r = ensureLakeFSBinaries({ version: selectedLakeFSVersion() });
      assertLakeFSVersion(r.lakefs, r.version);
      return { dir: r.dir, built: r.built, version: r.version };
    },
    neededBy: () => true,
  },
  {
    name: "Toxiproxy",
    coldMinutes: "1",
    build: () => ensureToxiproxyBinary(),
    neededBy: (text) => /toxiproxy/i.test(text),
  },
  {
    name: "gofakes3 (s3-store)",
    coldMinutes: "1",
    build: () => ensureS3StoreBinary(),
    neededBy: (text, blockstore) => blockstore === "s3" || /s3-store|gofakes3/i.test(text),
  },
  {
    name: "MinIO",
    coldMinutes: "4-7",
    build: () => ensureMinioBinary(),
    neededBy: (text, blockstore) => blockstore === "minio" || /\bminio\b/i.test(text),
  },
];

/** The tools these integration test files need under `blockstore` (LAKEFS_S3_TEST_BLOCKSTORE). */
export function toolsFor(files, blockstore = process.env.LAKEFS_S3_TEST_BLOCKSTORE ?? "local") {
  const texts = files.map((f) => readFileSync(f, "utf8"));
  return TEST_TOOLS.filter((tool) => texts.some((text) => tool.neededBy(text, blockstore)));
}

/**
 * Builds (or finds cached) every tool given, one after another, and says what it did with
 * each. A first build says first how long it roughly takes.
 */
export function buildTools(tools, say = (line) => process.stdout.write(`${line}\n`)) {
  const estimate = tools.map((t) => `${t.name} ~${t.coldMinutes} min`).join(", ");
  say(`── test servers: ${tools.map((t) => t.name).join(", ")} (built once per machine from the Go module proxy, then cached; first builds on 2 cores: ${estimate})`);
  for (const tool of tools) {
    const t0 = Date.now();
    const { dir, built } = tool.build();
    say(`── ${tool.name}: ${dir} (${built ? `built in ${((Date.now() - t0) / 1000).toFixed(1)} s` : "cached"})`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node tools/test-tools.mjs`: every tool, as .ci/run builds them before the first test.
  buildTools(TEST_TOOLS);
}
