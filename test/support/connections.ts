/**
 * Test support: this process's TCP connections to a port, from
 * `/proc/self/fd` (its socket inodes) and `/proc/net/tcp{,6}` (Linux), to
 * prove how many connections a client holds.
 */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** The inodes of this process's sockets. */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // The fd closed while we looked.
    }
  }
  return inodes;
}

/**
 * The inodes of this process's TCP connections to `port` (any state but
 * LISTEN), from /proc/net/tcp and tcp6, less those in `exclude`.
 */
export function connectionsTo(port: number, exclude: ReadonlySet<string> = new Set()): Set<string> {
  const inodes = ownSocketInodes();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode
      if (cols.length < 10) continue;
      if (cols[2]!.endsWith(`:${hexPort}`) && cols[3] !== "0A" && inodes.has(cols[9]!) && !exclude.has(cols[9]!)) found.add(cols[9]!);
    }
  }
  return found;
}
