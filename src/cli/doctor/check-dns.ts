import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { DoctorContext } from "./context.js";
import { fail, pass, type StepResult } from "./step.js";
import { connectSetting } from "./where-to-fix.js";

const LOOKUP_TIMEOUT_MS = 10_000;

const CAUSES: Record<string, string> = {
  ENOTFOUND: "the name does not exist (ENOTFOUND)",
  EAI_NONAME: "the name does not exist (EAI_NONAME)",
  EAI_AGAIN: "no DNS server answered in time (EAI_AGAIN)",
  ESERVFAIL: "the DNS server failed (ESERVFAIL)",
};

/** Resolves the host this machine connects to with `dns.lookup`, as Node's HTTP client does. */
export async function checkDns(ctx: DoctorContext): Promise<StepResult> {
  const { connectHost: host } = ctx.route!;
  if (isIP(host)) {
    ctx.addresses = [{ address: host, family: isIP(host) }];
    return pass(`${host} is an IP address: nothing to resolve`);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      lookup(host, { all: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`no answer in ${LOOKUP_TIMEOUT_MS} ms`), { code: "ETIMEOUT" })), LOOKUP_TIMEOUT_MS);
      }),
    ]);
    ctx.addresses = addresses;
    return pass(`${host} resolves to ${addresses.map((a) => a.address).join(", ")}`, { data: { host, addresses: addresses.map((a) => a.address) } });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const { what, setting } = connectSetting(ctx);
    return fail(`cannot resolve host "${host}": ${CAUSES[code] ?? `${code || "error"}: ${(err as Error).message}`}`, {
      fix: `Check the host name in ${what} (set by ${setting})${code === "EAI_AGAIN" ? ", and this machine's DNS servers (/etc/resolv.conf)" : ""}`,
      setting,
      data: { host, code },
    });
  } finally {
    clearTimeout(timer);
  }
}
