#!/usr/bin/env node
// Builds s3-store (gofakes3) from the Go module pinned in tools/s3-store/go.mod and caches
// the binary by version and module hash (see ../build-go-tool.mjs). Prints its path.
// Importable: `ensureS3StoreBinary()`.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGoTool, requiredVersion } from "../build-go-tool.mjs";

const moduleDir = dirname(fileURLToPath(import.meta.url));
export const GOFAKES3_VERSION = requiredVersion(moduleDir, "github.com/johannesboyne/gofakes3");

/** Builds s3-store unless it is cached; returns its path. */
export function ensureS3StoreBinary({ quiet = false } = {}) {
  const { dir, paths, built } = ensureGoTool({
    moduleDir,
    name: "s3-store",
    version: GOFAKES3_VERSION,
    hashFiles: ["go.mod", "go.sum", "cmd/s3-store/main.go"],
    binaries: [{ name: "s3-store", pkg: "./cmd/s3-store" }],
    quiet,
  });
  return { dir, server: paths["s3-store"], built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureS3StoreBinary().server}\n`);
}
