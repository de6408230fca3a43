/**
 * Test support: a real HTTP proxy (tinyproxy from Debian) on a loopback
 * port, optionally demanding Basic credentials, optionally behind a TLS front
 * to make it an `https://` proxy. Its log tells which requests went through.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { requireTools, startDaemon, type Daemon } from "./child-process.js";
import { startTlsFront, type TestPki, type TlsFront } from "./tls-front.js";

/** The Debian packages the proxy needs. */
export const PROXY_TOOLS = [{ command: "tinyproxy", debianPackage: "tinyproxy" }] as const;

/** A request line from the proxy's log, e.g. `CONNECT 127.0.0.1:40123` or `GET http://127.0.0.1:8000/…`. */
export type ProxyRequestLine = string;

/** A running tinyproxy. */
export interface HttpProxy {
  /** `http://127.0.0.1:<port>` (or `https://…` for a TLS proxy), without credentials. */
  readonly url: string;
  /** The URL with the credentials in it, for a proxy that demands them. */
  readonly urlWithCredentials: string;
  readonly port: number;
  readonly credentials: { readonly user: string; readonly password: string } | undefined;
  readonly logFile: string;
  /** Requests the proxy received so far, oldest first. */
  requests(): ProxyRequestLine[];
  stop(): Promise<void>;
}

/** Options of {@link startHttpProxy}. */
export interface HttpProxyOptions {
  /** Demand these Basic credentials (tinyproxy `BasicAuth`). */
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Ports the proxy may `CONNECT` to; default: every port. */
  readonly connectPorts?: readonly number[];
  /** Put an nginx TLS front with this PKI's server certificate before it: an `https://` proxy. */
  readonly tls?: TestPki;
}

function config(dir: string, port: number, options: HttpProxyOptions): string {
  return [
    `Port ${port}`,
    "Listen 127.0.0.1",
    "Timeout 60",
    `LogFile "${join(dir, "tinyproxy.log")}"`,
    // Connect level logs one "Request (file descriptor N): <request line>" per request.
    "LogLevel Connect",
    `PidFile "${join(dir, "tinyproxy.pid")}"`,
    "MaxClients 100",
    "Allow 127.0.0.1",
    "DisableViaHeader Yes",
    // Without ConnectPort lines tinyproxy allows CONNECT to every port.
    ...(options.connectPorts ?? []).map((p) => `ConnectPort ${p}`),
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
    "",
  ].join("\n");
}

/** Starts tinyproxy in the foreground (`-d`) with its config and log in a temporary directory. */
export async function startHttpProxy(options: HttpProxyOptions = {}): Promise<HttpProxy> {
  requireTools(PROXY_TOOLS);
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-tinyproxy-"));
  const logFile = join(dir, "tinyproxy.log");
  let front: TlsFront | undefined;
  let daemon: Daemon | undefined;
  try {
    daemon = await startDaemon({
      name: "tinyproxy",
      portCount: 1,
      outputFile: join(dir, "output.log"),
      logFiles: [logFile],
      launch: ([port]) => {
        const file = join(dir, "tinyproxy.conf");
        writeFileSync(file, config(dir, port!, options));
        return { command: "tinyproxy", args: ["-d", "-c", file] };
      },
    });
    if (options.tls) front = await startTlsFront({ pki: options.tls, mode: "stream", upstream: `127.0.0.1:${daemon.ports[0]}` });
  } catch (err) {
    await daemon?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = front ? front.port : daemon.ports[0]!;
  const url = `${front ? "https" : "http"}://127.0.0.1:${port}`;
  const { basicAuth } = options;
  const proxyDaemon: Daemon = daemon;
  return {
    url,
    urlWithCredentials: basicAuth
      ? `${front ? "https" : "http"}://${encodeURIComponent(basicAuth.user)}:${encodeURIComponent(basicAuth.password)}@127.0.0.1:${port}`
      : url,
    port,
    credentials: basicAuth,
    logFile,
    requests() {
      let text = "";
      try {
        text = readFileSync(logFile, "utf8");
      } catch {
        return [];
      }
      return [...text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((m) => m[1]!);
    },
    async stop() {
      await front?.stop();
      await proxyDaemon.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a proxy before the file's tests and stops it after them. Options
 * that depend on another hook (a PKI from `useTlsFront`) can be given as a
 * function that waits for it with `whenReady`.
 */
export function useHttpProxy(
  options: HttpProxyOptions | (() => HttpProxyOptions | Promise<HttpProxyOptions>) = {},
): { readonly proxy: HttpProxy } {
  const holder = {} as { proxy: HttpProxy };
  before(async () => {
    holder.proxy = await startHttpProxy(typeof options === "function" ? await options() : options);
  });
  after(async () => {
    await holder.proxy?.stop();
  });
  return holder;
}
