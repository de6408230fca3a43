#!/usr/bin/env node
// Builds lakeFS and lakectl from the Go module pinned in tools/lakefs/go.mod and
// caches the binaries by version and module hash, so a warm machine never rebuilds.
// Prints the directory that holds the binaries. Importable: `ensureLakeFSBinaries()`.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGoTool, goToolDir, requiredVersion } from "../build-go-tool.mjs";

const moduleDir = dirname(fileURLToPath(import.meta.url));
export const LAKEFS_VERSION = requiredVersion(moduleDir, "github.com/treeverse/lakefs");

const spec = {
  moduleDir,
  name: "lakefs",
  version: LAKEFS_VERSION,
  hashFiles: ["go.mod", "go.sum", "cmd/lakefs/main.go", "cmd/lakectl/main.go"],
  binaries: ["lakefs", "lakectl"].map((name) => ({
    name,
    pkg: `./cmd/${name}`,
    ldflags: `-X github.com/treeverse/lakefs/pkg/version.Version=${LAKEFS_VERSION}`,
  })),
};

/** The directory the binaries of this exact module set live in. */
export function binaryDir() {
  return goToolDir(spec);
}

/** Builds the binaries unless they are cached; returns their paths. */
export function ensureLakeFSBinaries({ quiet = false } = {}) {
  const { dir, paths, built } = ensureGoTool({ ...spec, quiet });
  return { dir, lakefs: paths.lakefs, lakectl: paths.lakectl, built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dir } = ensureLakeFSBinaries();
  process.stdout.write(`${dir}\n`);
}
