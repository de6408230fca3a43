/**
 * Test support: a real Toxiproxy server (built from the Go module pinned in
 * tools/toxiproxy) on a loopback port, driven through its HTTP API. A proxy
 * listens on another loopback port and passes TCP to an upstream such as the
 * lakeFS test server; toxics added to it inject real network faults:
 * latency, a bandwidth limit, a reset (`reset_peer`), a connection cut after
 * N bytes (`limit_data`), and a peer that stops answering (`timeout`).
 *
 * Directions: `upstream` toxics act on bytes from the client to the server
 * (request bodies), `downstream` toxics on bytes from the server to the
 * client (responses).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
// @ts-expect-error: plain ESM helper without declarations
import { ensureToxiproxyBinary } from "../../tools/toxiproxy/build.mjs";
import { startDaemon, tail, type Daemon } from "./child-process.js";

/** Bytes from the client to the server (`upstream`) or back (`downstream`). */
export type ToxicStream = "upstream" | "downstream";

/** The toxics of Toxiproxy 2.x and their attributes (times in ms, rate in KB/s). */
export type ToxicSpec =
  | { readonly type: "latency"; readonly attributes: { readonly latency: number; readonly jitter?: number } }
  | { readonly type: "bandwidth"; readonly attributes: { readonly rate: number } }
  | { readonly type: "reset_peer"; readonly attributes: { readonly timeout: number } }
  | { readonly type: "limit_data"; readonly attributes: { readonly bytes: number } }
  | { readonly type: "timeout"; readonly attributes: { readonly timeout: number } }
  | { readonly type: "slow_close"; readonly attributes: { readonly delay: number } };

/** Options of {@link ToxiproxyProxy.addToxic}. */
export type AddToxicOptions = ToxicSpec & {
  /** Default `downstream`, as in Toxiproxy. */
  readonly stream?: ToxicStream;
  /** Probability (0–1) that a connection gets the toxic. Default 1. */
  readonly toxicity?: number;
  /** Default: `<type>_<stream>`. */
  readonly name?: string;
};

/** One proxy of a {@link Toxiproxy}. */
export interface ToxiproxyProxy {
  readonly name: string;
  /** `127.0.0.1:<port>` the proxy listens on. */
  readonly listen: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>`: an endpoint for clients. */
  readonly url: string;
  /** Adds a toxic; returns its name. */
  addToxic(toxic: AddToxicOptions): Promise<string>;
  removeToxic(name: string): Promise<void>;
  /** Removes every toxic of this proxy. */
  clearToxics(): Promise<void>;
  /** Enables or disables the proxy: disabled, it closes its connections and refuses new ones. */
  setEnabled(enabled: boolean): Promise<void>;
  delete(): Promise<void>;
}

/** A running Toxiproxy server. */
export interface Toxiproxy {
  /** `http://127.0.0.1:<port>`: the API. */
  readonly apiUrl: string;
  readonly version: string;
  /** Creates a proxy on a free loopback port in front of `upstream` (`host:port`). */
  createProxy(name: string, upstream: string): Promise<ToxiproxyProxy>;
  stop(): Promise<void>;
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Toxiproxy API ${method} ${path} answered ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Starts toxiproxy-server on a free loopback port (building it on first use). */
export async function startToxiproxy(): Promise<Toxiproxy> {
  const { server: binary } = ensureToxiproxyBinary() as { server: string };
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-toxiproxy-"));
  const output = join(dir, "toxiproxy.log");
  let daemon: Daemon;
  try {
    daemon = await startDaemon({
      name: "toxiproxy-server",
      portCount: 1,
      outputFile: output,
      launch: ([port]) => ({ command: binary, args: ["-host", "127.0.0.1", "-port", String(port)] }),
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const apiUrl = `http://127.0.0.1:${daemon.ports[0]}`;
  const { version } = (await api(apiUrl, "GET", "/version")) as { version: string };

  const proxyHandle = (name: string, listen: string): ToxiproxyProxy => {
    const port = Number(listen.slice(listen.lastIndexOf(":") + 1));
    const path = `/proxies/${encodeURIComponent(name)}`;
    return {
      name,
      listen,
      port,
      url: `http://127.0.0.1:${port}`,
      async addToxic(toxic) {
        const stream = toxic.stream ?? "downstream";
        const toxicName = toxic.name ?? `${toxic.type}_${stream}`;
        await api(apiUrl, "POST", `${path}/toxics`, {
          name: toxicName,
          type: toxic.type,
          stream,
          toxicity: toxic.toxicity ?? 1,
          attributes: toxic.attributes,
        });
        return toxicName;
      },
      async removeToxic(toxicName) {
        // Toxiproxy can hold a removal while a link of the toxic is still winding down (seen once
        // in CI: 10 s without an answer after the client had closed its sockets). Ask again; a
        // removal that completed meanwhile answers 404 the second time.
        for (let attempt = 1; ; attempt++) {
          try {
            await api(apiUrl, "DELETE", `${path}/toxics/${encodeURIComponent(toxicName)}`);
            return;
          } catch (err) {
            if (attempt > 1 && /answered 404/.test(String(err))) return;
            if (attempt >= 3 || (err as Error).name !== "TimeoutError") throw err;
          }
        }
      },
      async clearToxics() {
        const toxics = (await api(apiUrl, "GET", `${path}/toxics`)) as { name: string }[];
        for (const t of toxics) await api(apiUrl, "DELETE", `${path}/toxics/${encodeURIComponent(t.name)}`);
      },
      async setEnabled(enabled) {
        await api(apiUrl, "POST", path, { enabled });
      },
      async delete() {
        await api(apiUrl, "DELETE", path);
      },
    };
  };

  return {
    apiUrl,
    version,
    async createProxy(name, upstream) {
      // Port 0: the proxy binds a free port and reports it, so no port race.
      const created = (await api(apiUrl, "POST", "/proxies", { name, listen: "127.0.0.1:0", upstream, enabled: true })) as {
        listen: string;
      };
      return proxyHandle(name, created.listen);
    },
    async stop() {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    toString() {
      return `Toxiproxy ${version} at ${apiUrl} (log tail: ${tail(output, 5)})`;
    },
  } as Toxiproxy;
}

/**
 * Starts a Toxiproxy server before the file's tests and stops it after them.
 */
export function useToxiproxy(): { readonly toxiproxy: Toxiproxy } {
  const holder = {} as { toxiproxy: Toxiproxy };
  before(async () => {
    holder.toxiproxy = await startToxiproxy();
  });
  after(async () => {
    await holder.toxiproxy?.stop();
  });
  return holder;
}
