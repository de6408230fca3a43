/**
 * Test support: nginx (Debian) as a plain-HTTP round-robin load balancer on a free loopback
 * port in front of several lakeFS servers, as production runs lakeFS scaled out. Each request
 * goes to the next server; the Host header passes through unchanged (SigV4 signs it).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { requireTools, startDaemonInTempDir } from "./child-process.js";
import { nginxProxyLocation } from "./tls-front.js";

/** A running round-robin front. */
export interface RoundRobin {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

function config(dir: string, port: number, upstreams: readonly string[]): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")} notice;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
  upstream lakefs {
${upstreams.map((u) => `    server ${u} max_fails=0;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
${nginxProxyLocation("http://lakefs", [
  // A request is never replayed on the other server: lakeFS writes are not idempotent.
  "proxy_next_upstream off;",
])}
  }
}
`;
}

/** Starts nginx in the foreground, round-robin over `upstreams` (`127.0.0.1:<port>` each). */
export async function startRoundRobin(upstreams: readonly string[]): Promise<RoundRobin> {
  requireTools([{ command: "nginx", debianPackage: "nginx" }]);
  return startDaemonInTempDir(
    "lakefs-s3-round-robin-",
    (dir) => ({
      name: "nginx round-robin",
      portCount: 1,
      outputFile: join(dir, "output.log"),
      logFiles: [join(dir, "error.log")],
      launch: ([port]) => {
        const file = join(dir, "nginx.conf");
        writeFileSync(file, config(dir, port!, upstreams));
        return { command: "nginx", args: ["-c", file, "-p", dir, "-e", join(dir, "error.log")] };
      },
    }),
    ({ daemon, stop }) => ({ url: `http://127.0.0.1:${daemon.ports[0]!}`, port: daemon.ports[0]!, stop }),
  );
}
