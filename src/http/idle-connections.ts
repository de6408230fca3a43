import type { Agent as HttpAgent } from "node:http";
import type { Socket } from "node:net";

/**
 * How long a kept-alive connection may wait for its next request: Node's own
 * default agent's limit. Servers, proxies and load balancers close idle
 * connections on their own timers, and a request written onto a connection
 * the server is closing fails with ECONNRESET after it was sent: a call that
 * is not idempotent must then report `OutcomeUnknownError`. So the client
 * gives its idle connections up first.
 *
 * @internal
 */
export const IDLE_CONNECTION_MS = 5_000;

/** Node's margin before a server's announced keep-alive timeout (`agentKeepAliveTimeoutBuffer`). */
const ANNOUNCED_MARGIN_MS = 1_000;

/**
 * How long a connection may stay idle after an answer with this
 * `Keep-Alive` header: {@link IDLE_CONNECTION_MS}, or a second less than
 * the `timeout=N` the server announced when that is shorter; 0 means close
 * it now. The rule Node's agents follow for their `timeout` option.
 *
 * @internal
 */
export function idleLimitMs(keepAlive: string | undefined): number {
  // Read as Node's agents read it (a leading `timeout=`), so that both of the client's pools agree.
  const announced = keepAlive === undefined ? undefined : /^timeout=(\d+)/.exec(keepAlive)?.[1];
  if (announced === undefined) return IDLE_CONNECTION_MS;
  return Math.max(0, Math.min(IDLE_CONNECTION_MS, Number(announced) * 1000 - ANNOUNCED_MARGIN_MS));
}

type Internals = {
  keepSocketAlive(socket: Socket): boolean;
  addRequest(...args: unknown[]): void;
  freeSockets: Record<string, Socket[] | undefined>;
};

/**
 * Makes an agent (built with `timeout: IDLE_CONNECTION_MS`) never hand a
 * request a connection idle past its limit. The agent's own timer closes such
 * connections, but only when the event loop gets to it: after a busy stretch
 * or a frozen Lambda sandbox, a request can be sent before the overdue timer
 * ran, onto a connection the server already closed. So each connection's
 * deadline is noted when it goes idle, and the expired ones are closed just
 * before the agent picks one. Closed connections stay at the front of the
 * agent's free list, which it skips.
 *
 * @internal
 */
export function limitIdleConnections<A extends HttpAgent>(agent: A): A {
  const inner = agent as unknown as Internals;
  const deadlines = new WeakMap<Socket, number>();
  const keep = inner.keepSocketAlive;
  inner.keepSocketAlive = function (this: Internals, socket: Socket): boolean {
    const kept = keep.call(this, socket);
    // The agent has just set the idle timer to its limit, shortened by the server's announcement.
    if (kept) deadlines.set(socket, Date.now() + (socket.timeout || IDLE_CONNECTION_MS));
    return kept;
  };
  const add = inner.addRequest;
  inner.addRequest = function (this: Internals, ...args: unknown[]): void {
    const now = Date.now();
    for (const free of Object.values(this.freeSockets)) {
      if (!free) continue;
      // Idle since the order they are listed in: everything up to the last expired one goes.
      let last = -1;
      free.forEach((socket, i) => {
        if ((deadlines.get(socket) ?? Infinity) <= now) last = i;
      });
      for (let i = 0; i <= last; i++) free[i]!.destroy();
    }
    add.apply(this, args);
  };
  return agent;
}
