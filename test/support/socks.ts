/**
 * Test support: a real SOCKS5 proxy (Dante's `danted`, Debian package
 * `dante-server`) on a loopback port, in the foreground, with its config in a
 * temporary directory. It asks for no authentication (Dante's username
 * method checks system users); the client still offers the user and password
 * of its proxy URL, so errors have them to leak.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { requireTools, startDaemonInTempDir } from "./child-process.js";

/** The Debian package the SOCKS proxy needs. */
export const SOCKS_TOOLS = [{ command: "danted", debianPackage: "dante-server" }] as const;

/** A running danted. */
export interface SocksProxy {
  /** `socks5://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Options of {@link startSocksProxy}. */
export interface SocksProxyOptions {
  /** Destination ports on 127.0.0.1 the proxy refuses to connect to (SOCKS reply NotAllowed). */
  readonly blockPorts?: readonly number[];
}

function config(port: number, options: SocksProxyOptions): string {
  const root = process.getuid?.() === 0;
  return [
    "logoutput: stderr",
    `internal: 127.0.0.1 port = ${port}`,
    "external: 127.0.0.1",
    "clientmethod: none",
    "socksmethod: none",
    // Run as root, danted wants users to switch to; otherwise it runs as the current user.
    ...(root ? ["user.privileged: root", "user.unprivileged: nobody"] : []),
    "client pass { from: 127.0.0.1/32 to: 0.0.0.0/0 }",
    ...(options.blockPorts ?? []).map((p) => `socks block { from: 0.0.0.0/0 to: 127.0.0.1/32 port = ${p} }`),
    "socks pass { from: 0.0.0.0/0 to: 0.0.0.0/0 command: connect }",
    "",
  ].join("\n");
}

/** Starts danted with one process (`-N 1`) in the foreground. */
export async function startSocksProxy(options: SocksProxyOptions = {}): Promise<SocksProxy> {
  requireTools(SOCKS_TOOLS);
  return startDaemonInTempDir(
    "lakefs-s3-danted-",
    (dir) => ({
      name: "danted",
      portCount: 1,
      outputFile: join(dir, "output.log"),
      launch: ([port]) => {
        const file = join(dir, "danted.conf");
        writeFileSync(file, config(port!, options));
        return { command: "danted", args: ["-f", file, "-N", "1"] };
      },
    }),
    ({ daemon, stop }) => ({ url: `socks5://127.0.0.1:${daemon.ports[0]!}`, port: daemon.ports[0]!, stop }),
  );
}

/** Starts a SOCKS proxy before the file's tests and stops it after them. */
export function useSocksProxy(options: SocksProxyOptions | (() => SocksProxyOptions | Promise<SocksProxyOptions>) = {}): { readonly proxy: SocksProxy } {
  const holder = {} as { proxy: SocksProxy };
  before(async () => {
    holder.proxy = await startSocksProxy(typeof options === "function" ? await options() : options);
  });
  after(async () => {
    await holder.proxy?.stop();
  });
  return holder;
}
