import type { Duplex } from "node:stream";
import { Agent as HttpsAgent, type AgentOptions, type RequestOptions } from "node:https";
import { limitTlsHandshake, handshakePending } from "./limit-tls-handshake.js";

/**
 * An `https.Agent` whose new connections must finish their TLS handshake
 * within `handshakeTimeoutMs` (the client's `connectionTimeout`).
 *
 * @internal
 */
export class BoundedHttpsAgent extends HttpsAgent {
  readonly #handshakeTimeoutMs: number;

  constructor(options: AgentOptions, handshakeTimeoutMs: number) {
    super(options);
    this.#handshakeTimeoutMs = handshakeTimeoutMs;
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (handshakePending(socket)) limitTlsHandshake(socket, this.#handshakeTimeoutMs);
    return socket;
  }
}
