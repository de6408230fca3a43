/**
 * Test support: one real lakeFS server per test file, started before the
 * file's tests and stopped after them, plus unique names for repositories
 * and storage namespaces.
 */
import { after, before } from "node:test";
import { randomBytes } from "node:crypto";
import { startLakeFS, type LakeFSServer } from "../../tools/lakefs/server.js";

export { TEST_CREDENTIALS } from "../../tools/lakefs/server.js";
export type { LakeFSServer };

/** A unique lower-case suffix for names. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

/** A repository name matching `^[a-z0-9][a-z0-9-]{2,62}$`, unique per call. */
export function uniqueRepoName(prefix = "repo"): string {
  return `${prefix}-${uniqueSuffix()}`.slice(0, 63);
}

/** A storage namespace on the local blockstore that no repository has used. */
export function uniqueNamespace(name = uniqueRepoName("ns")): string {
  return `local://${name}`;
}

/**
 * Starts a lakeFS server for the current test file. The returned object is
 * filled in by the time the first test runs.
 */
export function useLakeFS(): { readonly server: LakeFSServer } {
  const holder = {} as { server: LakeFSServer };
  before(async () => {
    holder.server = await startLakeFS();
  });
  after(async () => {
    await holder.server?.stop();
  });
  return holder;
}

/** Basic-auth header for the test server's admin credentials. */
export function basicAuth(server: LakeFSServer): string {
  return `Basic ${Buffer.from(`${server.accessKeyId}:${server.secretAccessKey}`).toString("base64")}`;
}

/**
 * Creates a repository straight over REST with `fetch`, independent of the
 * code under test. Returns its name.
 */
export async function createRepositoryRaw(server: LakeFSServer, name = uniqueRepoName()): Promise<string> {
  const res = await fetch(`${server.endpoint}/api/v1/repositories`, {
    method: "POST",
    headers: { authorization: basicAuth(server), "content-type": "application/json" },
    body: JSON.stringify({ name, storage_namespace: uniqueNamespace(name), default_branch: "main" }),
  });
  if (res.status !== 201) throw new Error(`creating repository ${name}: ${res.status} ${await res.text()}`);
  return name;
}
