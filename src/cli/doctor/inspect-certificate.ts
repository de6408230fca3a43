import { X509Certificate } from "node:crypto";
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from "node:tls";
import { certificateName } from "./describe-settings.js";

/** What the TLS handshake showed about the server's certificate. */
export interface CertificateReport {
  /** Subject CN (or subject) of the server's certificate. */
  readonly subject: string;
  readonly issuer: string;
  /** Subject alternative names, e.g. `DNS:localhost, IP Address:127.0.0.1`. */
  readonly altNames: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  /** Subjects from the server's certificate up to the last one it sent or the root. */
  readonly chain: readonly string[];
  readonly protocol: string;
  /** Whether the chain verified against the trusted CAs; otherwise OpenSSL's code, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  readonly verifyError: string | undefined;
  /** Set when the certificate does not name the host of the endpoint. */
  readonly hostnameError: string | undefined;
  /** The `--ca-cert` certificate that issued a certificate of the chain, if any. */
  readonly issuedByGivenCa: string | undefined;
}

type Name = PeerCertificate["subject"];

function nameOf(name: Name | undefined): string {
  if (!name) return "?";
  const cn = name.CN;
  if (cn) return Array.isArray(cn) ? cn.join(", ") : cn;
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : String(v)}`)
    .join(", ");
}

function chainOf(leaf: PeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  let cert: PeerCertificate | undefined = leaf;
  while (cert && cert.raw && !chain.some((c) => c.fingerprint256 === cert!.fingerprint256)) {
    chain.push(cert);
    cert = (cert as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return chain;
}

function issuingCa(chain: readonly PeerCertificate[], givenCas: readonly string[]): string | undefined {
  for (const pem of givenCas) {
    let ca: X509Certificate;
    try {
      ca = new X509Certificate(pem);
    } catch {
      continue;
    }
    for (const cert of chain) {
      try {
        const x = new X509Certificate(cert.raw);
        if (x.checkIssued(ca) && x.verify(ca.publicKey)) return certificateName(pem);
      } catch {
        // not this one
      }
    }
  }
  return undefined;
}

/**
 * Reads the server's certificate from a finished handshake (made with
 * `rejectUnauthorized: false`, so that an untrusted chain can still be
 * shown) and checks it the way Node would: chain verification against the
 * trusted CAs, and the host name against the certificate's names.
 */
export function inspectCertificate(socket: TLSSocket, host: string, givenCas: readonly string[]): CertificateReport {
  const leaf = socket.getPeerCertificate(true);
  const chain = chainOf(leaf);
  const identity = checkServerIdentity(host, leaf);
  const verifyError = socket.authorized ? undefined : String(socket.authorizationError ?? "UNKNOWN");
  return {
    subject: nameOf(leaf.subject),
    issuer: nameOf(leaf.issuer),
    altNames: leaf.subjectaltname ?? "(none)",
    validFrom: new Date(leaf.valid_from),
    validTo: new Date(leaf.valid_to),
    chain: chain.map((c) => nameOf(c.subject)),
    protocol: socket.getProtocol() ?? "?",
    verifyError,
    hostnameError: identity?.message,
    issuedByGivenCa: issuingCa(chain, givenCas),
  };
}
