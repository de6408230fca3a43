/**
 * An access key id as doctor shows it: only its last four characters, e.g.
 * `****MPLES` → `****PLES`. Ids shorter than 8 characters are hidden entirely.
 * Secrets are never shown at all.
 */
export function maskKeyId(id: string): string {
  return id.length >= 8 ? `****${id.slice(-4)}` : "****";
}
