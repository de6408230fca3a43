import { connect, type Socket } from "node:net";
import type { DoctorContext } from "./context.js";
import { fail, pass, type StepResult } from "./step.js";
import { connectSetting } from "./where-to-fix.js";

function tryConnect(address: string, port: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no answer in ${timeoutMs} ms`), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Date.now() - started);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const CAUSES: Record<string, string> = {
  ECONNREFUSED: "nothing accepts connections there (ECONNREFUSED)",
  ETIMEDOUT: "no answer (ETIMEDOUT): a firewall may drop the packets, or the host is down",
  EHOSTUNREACH: "no route to the host (EHOSTUNREACH)",
  ENETUNREACH: "the network is unreachable (ENETUNREACH)",
  ECONNRESET: "the connection was reset at once (ECONNRESET)",
};

/** Opens a TCP connection to lakeFS (or the proxy) at each resolved address in turn, within the connection timeout. */
export async function checkTcp(ctx: DoctorContext): Promise<StepResult> {
  const { connectHost, connectPort } = ctx.route!;
  const timeout = ctx.config!.connectionTimeout;
  const failures: string[] = [];
  let lastCode = "";
  for (const { address } of ctx.addresses ?? []) {
    const where = `${address.includes(":") ? `[${address}]` : address}:${connectPort}`;
    try {
      const ms = await tryConnect(address, connectPort, timeout);
      return pass(`connected to ${where}${address !== connectHost ? ` (${connectHost})` : ""} in ${ms} ms`, { data: { address, port: connectPort, ms } });
    } catch (err) {
      lastCode = (err as NodeJS.ErrnoException).code ?? "";
      const cause = CAUSES[lastCode] ?? (err as Error).message;
      failures.push(address === connectHost ? cause : `${where}: ${cause}`);
    }
  }
  const { what, setting } = connectSetting(ctx);
  const via = ctx.route?.proxy ? "the proxy " : "lakeFS ";
  return fail(`cannot connect to ${via}at ${connectHost}:${connectPort}: ${failures.join("; ") || "no address to try"}`, {
    fix:
      lastCode === "ETIMEDOUT"
        ? `Check the host and port in ${what} (set by ${setting}) and any firewall between here and there; the connection timeout is ${timeout} ms`
        : `Check the port in ${what} (set by ${setting}) and that ${ctx.route?.proxy ? "the proxy" : "lakeFS"} is running and listening there`,
    setting,
    data: { host: connectHost, port: connectPort, code: lastCode },
  });
}
