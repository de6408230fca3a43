import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import type { ResolvedLakeFSConfig } from "../../config/types.js";

/**
 * The `ca` list the library's agents use (see `src/http/create-agents.ts`):
 * Node's defaults when no `caCert` is given; otherwise Node's roots, the
 * `NODE_EXTRA_CA_CERTS` file and the given certificates, since an explicit
 * list replaces Node's defaults.
 */
export function trustedCas(config: ResolvedLakeFSConfig): string[] | undefined {
  if (config.caCerts.length === 0) return undefined;
  const extra: string[] = [];
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (file) {
    try {
      extra.push(readFileSync(file, "utf8"));
    } catch {
      // Node warned about it at start-up.
    }
  }
  return [...rootCertificates, ...extra, ...config.caCerts];
}
