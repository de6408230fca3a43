/**
 * Test support: the test process's open file descriptors, read from
 * `/proc/self/fd` (Linux), to prove that a call left none behind: no file it
 * opened (an upload's source, a download's temporary file) and no socket
 * (sockets are links to `socket:[inode]`).
 *
 * A descriptor is identified by its number and what it links to, so a number
 * that was closed and reused for something else counts as new. Descriptors
 * that were open before and closed since (an idle keep-alive socket the server
 * closed) are not a leak; only new ones that stay open are.
 */
import { readdirSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** The open descriptors at one moment: `fd number → link target`. */
export type FdSnapshot = ReadonlyMap<number, string>;

/** Reads `/proc/self/fd`. A descriptor that closes while it is read is left out. */
export function openFds(): FdSnapshot {
  const fds = new Map<number, string>();
  for (const name of readdirSync("/proc/self/fd")) {
    try {
      fds.set(Number(name), readlinkSync(`/proc/self/fd/${name}`));
    } catch {
      // Closed between the listing and the readlink (including the listing's own descriptor).
    }
  }
  return fds;
}

/** Counts of a snapshot: every descriptor, and the sockets among them. */
export function fdCounts(fds: FdSnapshot): { fds: number; sockets: number } {
  let sockets = 0;
  for (const target of fds.values()) if (target.startsWith("socket:")) sockets++;
  return { fds: fds.size, sockets };
}

/** Descriptors open now that were not open (with the same target) in `before`, as `fd → target` lines. */
export function newFds(before: FdSnapshot, now: FdSnapshot = openFds()): string[] {
  const added: string[] = [];
  for (const [fd, target] of now) if (before.get(fd) !== target) added.push(`fd ${fd} → ${target}`);
  return added;
}

/**
 * Waits until every descriptor opened since `before` is closed again and the
 * counts (all descriptors, sockets) are at most what they were, polling every
 * 20 ms; a socket that is being closed needs a turn of the event loop or two.
 * Resolves `[]` when settled, else (at `timeoutMs`) what is still open, with
 * the counts before and after, for the test's message.
 */
export async function fdsSettled(before: FdSnapshot, timeoutMs = 2_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const was = fdCounts(before);
  for (;;) {
    const now = openFds();
    const added = newFds(before, now);
    const counts = fdCounts(now);
    if (added.length === 0 && counts.fds <= was.fds && counts.sockets <= was.sockets) return [];
    if (Date.now() >= deadline) {
      return [`${counts.fds} descriptors (${counts.sockets} sockets) open, ${was.fds} (${was.sockets}) before; still open since: ${added.join(", ") || "none"}`];
    }
    await sleep(20);
  }
}
