/**
 * Test support: a throw-away PKI made with openssl, and a real TLS front
 * (nginx from Debian) on loopback ports in front of an HTTP server such as
 * the lakeFS test server, or in front of a TCP service such as a proxy.
 *
 * The front passes the Host header through unchanged (SigV4 signs it), does
 * not buffer or limit request bodies, and speaks HTTP/1.1 to the upstream.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import type { LakeFSServer } from "../../tools/lakefs/server.js";
import { requireTools, startDaemon, whenReady, type Daemon } from "./child-process.js";

/** A certificate and its key, as files. */
export interface CertFiles {
  readonly certPath: string;
  readonly keyPath: string;
}

/** A test CA and the server certificates the TLS front serves. */
export interface TestPki {
  /** Directory holding every file; removed by {@link TestPki.remove}. */
  readonly dir: string;
  /** The CA certificate file (PEM). */
  readonly caCertPath: string;
  /** The CA certificate as PEM text. */
  readonly caCertPem: string;
  /** Signed by the CA for `localhost` and `127.0.0.1`. */
  readonly server: CertFiles;
  /** Signed by the CA for `wrong.example.invalid` only: a hostname mismatch on 127.0.0.1. */
  readonly wrongHost: CertFiles;
  /** Self-signed for `localhost` and `127.0.0.1`, no CA involved. */
  readonly selfSigned: CertFiles;
  /** A second, unrelated CA (PEM text), to test bundles of several certificates. */
  readonly otherCaPem: string;
  remove(): void;
}

/** The Debian packages the TLS front needs. */
export const TLS_FRONT_TOOLS = [
  { command: "openssl", debianPackage: "openssl" },
  { command: "nginx", debianPackage: "nginx" },
] as const;

const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function makeCa(dir: string, name: string, cn: string): void {
  openssl(
    ["req", "-x509", ...EC_KEY, "-keyout", `${name}.key`, "-out", `${name}.pem`, "-days", "2", "-subj", `/CN=${cn}`,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    dir,
  );
}

function makeLeaf(dir: string, name: string, cn: string, san: string, serial: string): CertFiles {
  writeFileSync(
    join(dir, `${name}.ext`),
    `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(["req", ...EC_KEY, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${cn}`], dir);
  openssl(
    ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", serial, "-days", "2",
      "-out", `${name}.pem`, "-extfile", `${name}.ext`],
    dir,
  );
  return { certPath: join(dir, `${name}.pem`), keyPath: join(dir, `${name}.key`) };
}

/** Generates a fresh CA and server certificates with openssl (EC keys: milliseconds). */
export function createTestPki(): TestPki {
  requireTools([TLS_FRONT_TOOLS[0]]);
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-pki-"));
  makeCa(dir, "ca", "lakefs-s3 test CA");
  makeCa(dir, "other-ca", "lakefs-s3 unrelated CA");
  const server = makeLeaf(dir, "server", "localhost", "DNS:localhost,IP:127.0.0.1", "0x1001");
  const wrongHost = makeLeaf(dir, "wrong-host", "wrong.example.invalid", "DNS:wrong.example.invalid", "0x1002");
  openssl(
    ["req", "-x509", ...EC_KEY, "-keyout", "self-signed.key", "-out", "self-signed.pem", "-days", "2", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
    dir,
  );
  return {
    dir,
    caCertPath: join(dir, "ca.pem"),
    caCertPem: readFileSync(join(dir, "ca.pem"), "utf8"),
    server,
    wrongHost,
    selfSigned: { certPath: join(dir, "self-signed.pem"), keyPath: join(dir, "self-signed.key") },
    otherCaPem: readFileSync(join(dir, "other-ca.pem"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A running nginx TLS front. */
export interface TlsFront {
  /** `https://127.0.0.1:<port>`: the CA-signed certificate for localhost/127.0.0.1. */
  readonly url: string;
  readonly port: number;
  /** Same upstream, certificate for another host name (HTTP fronts only). */
  readonly wrongHostUrl: string;
  /** Same upstream, self-signed certificate (HTTP fronts only). */
  readonly selfSignedUrl: string;
  /** nginx's access log: one line per request it passed on (HTTP fronts only). */
  readonly accessLog: string;
  /** Lines of the access log so far. */
  accessLines(): string[];
  stop(): Promise<void>;
}

/** Options of {@link startTlsFront}. */
export interface TlsFrontOptions {
  readonly pki: TestPki;
  /**
   * `http` (default): terminate TLS and proxy HTTP to `upstream`
   * (`http://127.0.0.1:<port>`). `stream`: terminate TLS and pass the bytes
   * to `upstream` (`127.0.0.1:<port>`), e.g. to make an HTTPS proxy.
   */
  readonly mode?: "http" | "stream";
  readonly upstream: string;
}

/**
 * nginx's `location /` that streams requests and answers both ways to
 * `upstream` on kept-alive connections, with `extra` directives appended
 * (shared with the round-robin balancer of test/support/round-robin.ts).
 */
export function nginxProxyLocation(upstream: string, extra: readonly string[] = []): string {
  return `    location / {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_read_timeout 300s;${extra.map((line) => `\n      ${line}`).join("")}
    }`;
}

function httpConfig(dir: string, ports: readonly number[], pki: TestPki, upstream: string): string {
  const site = (port: number, cert: CertFiles) => `
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${cert.certPath};
    ssl_certificate_key ${cert.keyPath};
    client_max_body_size 0;
${nginxProxyLocation(upstream)}
  }`;
  return `
http {
  access_log ${join(dir, "access.log")};
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  uwsgi_temp_path ${join(dir, "uwsgi")};
  scgi_temp_path ${join(dir, "scgi")};
  ${site(ports[0]!, pki.server)}
  ${site(ports[1]!, pki.wrongHost)}
  ${site(ports[2]!, pki.selfSigned)}
}`;
}

function streamConfig(ports: readonly number[], pki: TestPki, upstream: string): string {
  return `
stream {
  server {
    listen 127.0.0.1:${ports[0]} ssl;
    ssl_certificate ${pki.server.certPath};
    ssl_certificate_key ${pki.server.keyPath};
    proxy_pass ${upstream};
  }
}`;
}

/** nginx builds its stream module as a dynamic module on Debian. */
function streamModule(): string {
  const path = "/usr/lib/nginx/modules/ngx_stream_module.so";
  try {
    readFileSync(path);
    return `load_module ${path};`;
  } catch {
    throw new Error(`The nginx stream module (${path}) is missing: apt-get install -y libnginx-mod-stream`);
  }
}

/**
 * Starts nginx in the foreground (no daemon, no master process, config and
 * logs in a temporary directory) as a TLS front on free loopback ports.
 */
export async function startTlsFront(options: TlsFrontOptions): Promise<TlsFront> {
  requireTools(TLS_FRONT_TOOLS);
  const mode = options.mode ?? "http";
  const dir = mkdtempSync(join(tmpdir(), "lakefs-s3-nginx-"));
  const configFile = join(dir, "nginx.conf");
  const errorLog = join(dir, "error.log");
  const accessLog = join(dir, "access.log");
  let daemon: Daemon;
  try {
    daemon = await startDaemon({
      name: "nginx",
      portCount: mode === "http" ? 3 : 1,
      outputFile: join(dir, "output.log"),
      logFiles: [errorLog],
      launch: (ports) => {
        writeFileSync(
          configFile,
          `${mode === "stream" ? streamModule() : ""}
daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${errorLog} notice;
events { worker_connections 256; }
${mode === "http" ? httpConfig(dir, ports, options.pki, options.upstream) : streamConfig(ports, options.pki, options.upstream)}
`,
        );
        return { command: "nginx", args: ["-c", configFile, "-p", dir, "-e", errorLog] };
      },
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const [port, wrongPort, selfPort] = daemon.ports;
  return {
    url: `https://127.0.0.1:${port}`,
    port: port!,
    wrongHostUrl: `https://127.0.0.1:${wrongPort}`,
    selfSignedUrl: `https://127.0.0.1:${selfPort}`,
    accessLog,
    accessLines() {
      try {
        return readFileSync(accessLog, "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
    async stop() {
      await daemon.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A test PKI and an nginx TLS front in front of the file's lakeFS server
 * (from `useLakeFS()`), started before the file's tests (once the server is
 * up) and stopped after them. The PKI is ready as soon as this hook starts.
 */
export function useTlsFront(lakefs: { readonly server: LakeFSServer }): { readonly front: TlsFront; readonly pki: TestPki } {
  const holder = {} as { front: TlsFront; pki: TestPki };
  before(async () => {
    holder.pki = createTestPki();
    const server = await whenReady(() => lakefs.server, "the lakeFS server of useLakeFS()");
    holder.front = await startTlsFront({ pki: holder.pki, upstream: server.endpoint });
  });
  after(async () => {
    await holder.front?.stop();
    holder.pki?.remove();
  });
  return holder;
}
