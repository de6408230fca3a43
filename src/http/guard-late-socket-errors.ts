import type { Agent as HttpAgent } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Keeps an error on a socket that no request is using from crashing the process. A proxy
 * or load balancer that answers early (nginx's 502 when the lakeFS behind it died) and
 * closes while the request body is still being written leaves Node's socket with no
 * `error` listener; the late `write ECONNRESET` then became an uncaught exception. The
 * request itself has already settled with the answer (or its own error), so nothing is lost.
 *
 * @internal
 */
export function guardLateSocketErrors<A extends HttpAgent>(agent: A): A {
  const create = (agent as unknown as { createConnection: (...args: unknown[]) => Duplex | null | undefined }).createConnection;
  (agent as unknown as { createConnection: (...args: unknown[]) => Duplex | null | undefined }).createConnection = function (
    this: A,
    ...args: unknown[]
  ) {
    const socket = create.apply(this, args);
    socket?.on("error", ignoreSettledSocketError);
    return socket;
  };
  return agent;
}

function ignoreSettledSocketError(): void {
  // Requests that are in flight get the error through their own listener (Node adds one per request).
}
