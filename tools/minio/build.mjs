#!/usr/bin/env node
// Builds MinIO from the Go module pinned in tools/minio/go.mod and caches the binary by
// version and module hash (see ../build-go-tool.mjs). Prints its path. MinIO checks SigV4
// signatures on presigned URLs as S3 does, which the presigned data path tests need
// (gofakes3 accepts any signature). Importable: `ensureMinioBinary()`.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGoTool, requiredVersion } from "../build-go-tool.mjs";

const moduleDir = dirname(fileURLToPath(import.meta.url));
export const MINIO_VERSION = requiredVersion(moduleDir, "github.com/minio/minio");

/** Builds minio unless it is cached; returns its path. */
export function ensureMinioBinary({ quiet = false } = {}) {
  const { dir, paths, built } = ensureGoTool({
    moduleDir,
    name: "minio",
    version: MINIO_VERSION,
    hashFiles: ["go.mod", "go.sum", "cmd/minio/main.go"],
    binaries: [{ name: "minio", pkg: "./cmd/minio" }],
    quiet,
  });
  return { dir, server: paths.minio, built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureMinioBinary().server}\n`);
}
