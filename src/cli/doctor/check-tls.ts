import { isIP } from "node:net";
import { connect as tlsConnect, TLSSocket, type ConnectionOptions } from "node:tls";
import type { DoctorContext } from "./context.js";
import { inspectCertificate, type CertificateReport } from "./inspect-certificate.js";
import { openTunnel } from "./open-tunnel.js";
import { fail, pass, skip, warn, type StepResult } from "./step.js";
import { trustedCas } from "../../internal.js";

const NOT_TLS = /wrong version number|packet length too long|unknown protocol|http request/i;
const UNTRUSTED = /SELF_SIGNED|UNABLE_TO|CERT_UNTRUSTED|CERT_REJECTED|CERT_SIGNATURE_FAILURE|INVALID_CA/;
const EXPIRED = /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID/;
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i;
const DAY_MS = 86_400_000;

function handshake(options: ConnectionOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(options);
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function details(report: CertificateReport, trust: string): string[] {
  const days = Math.floor((report.validTo.getTime() - Date.now()) / DAY_MS);
  return [
    `certificate: "${report.subject}", issued by "${report.issuer}"`,
    `names: ${report.altNames}`,
    `valid: ${report.validFrom.toISOString()} to ${report.validTo.toISOString()} (${days >= 0 ? `${days} days left` : `expired ${-days} days ago`})`,
    `chain sent: ${report.chain.map((s) => `"${s}"`).join(" <- ")}`,
    `trust: ${trust}${report.issuedByGivenCa ? `; issued by "${report.issuedByGivenCa}" from --ca-cert` : ""}`,
    `protocol: ${report.protocol}`,
  ];
}

/** What the checks below need to know about the connection. */
interface TlsTarget {
  readonly ctx: DoctorContext;
  readonly host: string;
  readonly port: number;
  /** Where the endpoint was set, for the fixes. */
  readonly endpointSetting: string;
}

/** A result when there is no TLS to inspect: plain http://, or a proxy kind the doctor cannot tunnel through. */
function nothingToInspect(t: TlsTarget, protocol: string): StepResult | undefined {
  if (protocol === "http:") {
    if (LOOPBACK.test(t.host)) return skip("http:// endpoint on this machine: no TLS to check");
    return warn(`http:// endpoint: requests to ${t.host}, credentials included, are not encrypted`, {
      fix: `Use https:// in the endpoint (set by ${t.endpointSetting}) if the server offers it`,
      setting: t.endpointSetting,
    });
  }
  const proxy = t.ctx.route!.proxy;
  if (proxy && !/^https?:$/.test(proxy.protocol)) {
    return skip(`not inspected through a ${proxy.protocol.replace(/:$/, "")} proxy; the lakeFS API check below uses it`);
  }
  return undefined;
}

/** The TLS handshake with lakeFS, directly or through the proxy's CONNECT tunnel; a failure becomes the step's result. */
async function connectTls(t: TlsTarget): Promise<TLSSocket | StepResult> {
  const { ctx, host, port, endpointSetting } = t;
  const config = ctx.config!;
  const route = ctx.route!;
  const ca = await trustedCas(config);
  const timeoutMs = config.connectionTimeout;
  const options: ConnectionOptions = {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: false,
    // Checked separately, against the endpoint's host rather than the address connected to.
    checkServerIdentity: () => undefined,
    ...(isIP(host) ? {} : { servername: host }),
    ALPNProtocols: ["http/1.1"],
  };
  try {
    if (!route.proxy) return await handshake({ ...options, host: ctx.addresses?.[0]?.address ?? host, port }, timeoutMs);
    let tunnel;
    try {
      tunnel = await openTunnel(route.proxy, { host, port }, { ca, rejectUnauthorized: !config.insecure, timeoutMs });
    } catch (err) {
      return fail(`no tunnel through the proxy to ${host}:${port}: ${(err as Error).message}`, {
        fix: `Check the proxy (set by ${route.proxySource}) allows CONNECT to port ${port}, or add ${host} to NO_PROXY to connect directly`,
        setting: route.proxySource ?? "--proxy",
      });
    }
    return await handshake({ ...options, socket: tunnel }, timeoutMs);
  } catch (err) {
    const message = `${(err as NodeJS.ErrnoException).code ?? ""} ${(err as Error).message}`;
    if (NOT_TLS.test(message)) {
      const reason = NOT_TLS.exec(message)?.[0] ?? "not TLS";
      return fail(`${host}:${port} does not speak TLS (the handshake got: ${reason}): it looks like a plain HTTP port`, {
        fix: `Use http:// in the endpoint (set by ${endpointSetting}), or the port where lakeFS serves HTTPS`,
        setting: endpointSetting,
      });
    }
    return fail(`TLS handshake with ${host}:${port} failed: ${(err as Error).message}`, {
      fix: `Check that the endpoint (set by ${endpointSetting}) is lakeFS's HTTPS port`,
      setting: endpointSetting,
    });
  }
}

/** The report's lines and JSON data, shown with every verdict. */
function reportDetails(report: CertificateReport, caCerts: readonly string[]): { details: string[]; data: Record<string, unknown> } {
  const trust = caCerts.length > 0 ? `Node's default roots + ${caCerts.length} from --ca-cert` : "Node's default roots (no --ca-cert)";
  const data = {
    subject: report.subject,
    issuer: report.issuer,
    altNames: report.altNames,
    validTo: report.validTo.toISOString(),
    chain: report.chain,
    protocol: report.protocol,
    verifyError: report.verifyError ?? null,
    hostnameError: report.hostnameError ?? null,
    customCa: caCerts.length > 0,
    issuedByGivenCa: report.issuedByGivenCa ?? null,
  };
  return { details: details(report, trust), data };
}

/** The certificate's failure (expired, untrusted, wrong name), a warning under --insecure, or undefined when it verifies. */
function certificateProblem(report: CertificateReport, t: TlsTarget, more: ReturnType<typeof reportDetails>): StepResult | undefined {
  const config = t.ctx.config!;
  if (report.verifyError && EXPIRED.test(report.verifyError)) {
    const result = `certificate "${report.subject}" is ${report.verifyError === "CERT_NOT_YET_VALID" ? "not valid yet" : `expired since ${report.validTo.toISOString()}`} (${report.verifyError})`;
    const fix = "Renew the server's certificate, or check this machine's clock";
    if (config.insecure) return warn(`${result}; accepted only because of --insecure`, { ...more, fix });
    return fail(result, { ...more, fix, setting: "server certificate" });
  }
  if (report.verifyError) {
    const untrusted = `certificate "${report.subject}" is not trusted (${report.verifyError}): its issuer "${report.issuer}" is not among the trusted CAs`;
    const caFix =
      config.caCerts.length > 0
        ? `The CA given with --ca-cert did not issue it: pass the certificate of "${report.issuer}" with --ca-cert <file.pem> (library option caCert)`
        : `Trust the issuing CA: pass its certificate with --ca-cert <file.pem> (library option caCert)${UNTRUSTED.test(report.verifyError) ? "; for a test server only, --insecure" : ""}`;
    if (config.insecure) return warn(`${untrusted}; accepted only because of --insecure`, { ...more, fix: `${caFix}, and drop --insecure`, setting: "--ca-cert" });
    return fail(untrusted, { ...more, fix: caFix, setting: "--ca-cert" });
  }
  if (report.hostnameError) {
    const mismatch = `certificate does not name ${t.host}: it is for ${report.altNames} (${report.hostnameError.replace(/:\s*$/, "").replace(/:.*$/, "")})`;
    const fix = `Use a host name the certificate names (${report.altNames}) in the endpoint (set by ${t.endpointSetting}), or reissue the certificate for ${t.host}`;
    if (config.insecure) return warn(`${mismatch}; accepted only because of --insecure`, { ...more, fix, setting: t.endpointSetting });
    return fail(mismatch, { ...more, fix, setting: t.endpointSetting });
  }
  return undefined;
}

/** The verdict on a certificate that verifies: pass, or a warning under --insecure or close to expiry. */
function verifiedCertificate(report: CertificateReport, insecure: boolean, more: ReturnType<typeof reportDetails>): StepResult {
  const summary = `verified: "${report.subject}" issued by "${report.issuer}"${report.issuedByGivenCa ? " (CA from --ca-cert)" : ""}, valid until ${report.validTo.toISOString().slice(0, 10)}, ${report.protocol}`;
  if (insecure) return warn(`${summary}, but --insecure turns verification off`, { ...more, fix: "Drop --insecure: the certificate verifies" });
  // Warn two weeks ahead, or in the last fifth of a short-lived certificate's lifetime.
  const daysLeft = (report.validTo.getTime() - Date.now()) / DAY_MS;
  const lifetimeDays = (report.validTo.getTime() - report.validFrom.getTime()) / DAY_MS;
  if (daysLeft < Math.min(14, lifetimeDays / 5)) return warn(`${summary}; expires in ${Math.floor(daysLeft)} days`, { ...more, fix: "Renew the server's certificate soon" });
  return pass(summary, more);
}

/**
 * For an `https://` endpoint: a TLS handshake with lakeFS (through a
 * `CONNECT` tunnel when a proxy is used) with the library's trusted CAs,
 * then the certificate: chain verification, host name, validity. For an
 * `http://` endpoint there is nothing to check, and a warning when the host
 * is not this machine, since credentials then travel unencrypted.
 */
export async function checkTls(ctx: DoctorContext): Promise<StepResult> {
  const config = ctx.config!;
  const url = new URL(config.serverUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const target: TlsTarget = { ctx, host, port: url.port ? Number(url.port) : 443, endpointSetting: ctx.sources!.endpoint };
  const early = nothingToInspect(target, url.protocol);
  if (early) return early;
  const connected = await connectTls(target);
  if (!(connected instanceof TLSSocket)) return connected;
  let report: CertificateReport;
  try {
    report = inspectCertificate(connected, host, config.caCerts);
  } finally {
    connected.destroy();
  }
  const more = reportDetails(report, config.caCerts);
  return certificateProblem(report, target, more) ?? verifiedCertificate(report, config.insecure, more);
}
