import { TLSSocket } from "node:tls";

/** Whether a socket is a TLS socket whose handshake has not completed yet. */
export function handshakePending(socket: unknown): socket is TLSSocket {
  // No Finished message from the peer yet: the handshake is still ahead (or failed).
  return socket instanceof TLSSocket && !socket.destroyed && socket.getPeerFinished() === undefined;
}

/**
 * Fails a TLS socket whose handshake does not complete in time, so that
 * `connectionTimeout` bounds the whole connection set-up (TCP and TLS), not
 * only the TCP part that the SDK's handler watches. Without it, a peer that
 * accepts TCP but never answers the TLS hello holds the request until the
 * idle `socketTimeout`.
 *
 * @internal
 */
export function limitTlsHandshake(socket: TLSSocket, timeoutMs: number): void {
  if (!timeoutMs || !handshakePending(socket)) return;
  const timer = setTimeout(() => {
    socket.destroy(
      Object.assign(new Error(`the TLS handshake did not complete within the configured connectionTimeout of ${timeoutMs} ms`), {
        code: "ETIMEDOUT",
      }),
    );
  }, timeoutMs);
  const done = () => clearTimeout(timer);
  socket.once("secureConnect", done);
  socket.once("close", done);
}
