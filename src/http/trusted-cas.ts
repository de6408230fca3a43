import { readFile } from "node:fs/promises";
import { rootCertificates } from "node:tls";
import type { ResolvedLakeFSConfig } from "../config/types.js";

/**
 * `NODE_EXTRA_CA_CERTS` extends Node's default roots, but an explicit `ca`
 * list replaces them: read it again so that `caCert` adds to it too.
 */
async function extraCaCertsFromEnv(): Promise<string[]> {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [await readFile(file, "utf8")];
  } catch {
    return []; // Node already warned about it at start-up.
  }
}

/**
 * The `ca` list a client's TLS connections use: `undefined` (Node's defaults)
 * when no `caCert` is given; otherwise Node's roots, the `NODE_EXTRA_CA_CERTS`
 * file and the given certificates. Shared by the agents and `doctor`.
 *
 * @internal
 */
export async function trustedCas(config: ResolvedLakeFSConfig): Promise<string[] | undefined> {
  if (config.caCerts.length === 0) return undefined;
  return [...rootCertificates, ...(await extraCaCertsFromEnv()), ...config.caCerts];
}
