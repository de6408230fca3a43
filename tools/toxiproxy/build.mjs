#!/usr/bin/env node
// Builds toxiproxy-server from the Go module pinned in tools/toxiproxy/go.mod and caches
// the binary by version and module hash (see ../build-go-tool.mjs). Prints its path.
// Importable: `ensureToxiproxyBinary()`.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGoTool, requiredVersion } from "../build-go-tool.mjs";

const moduleDir = dirname(fileURLToPath(import.meta.url));
export const TOXIPROXY_VERSION = requiredVersion(moduleDir, "github.com/Shopify/toxiproxy/v2");

/** Builds toxiproxy-server unless it is cached; returns its path. */
export function ensureToxiproxyBinary({ quiet = false } = {}) {
  const { dir, paths, built } = ensureGoTool({
    moduleDir,
    name: "toxiproxy",
    version: TOXIPROXY_VERSION,
    hashFiles: ["go.mod", "go.sum", "cmd/toxiproxy-server/main.go"],
    binaries: [
      {
        name: "toxiproxy-server",
        pkg: "./cmd/toxiproxy-server",
        ldflags: `-X github.com/Shopify/toxiproxy/v2.Version=${TOXIPROXY_VERSION}`,
      },
    ],
    quiet,
  });
  return { dir, server: paths["toxiproxy-server"], built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureToxiproxyBinary().server}\n`);
}
