import type { LookupAddress } from "node:dns";
import type { ResolvedLakeFSConfig, LakeFS } from "../../internal.js";
import type { Connection } from "../args.js";
import type { Io } from "../io.js";
import type { SettingSources } from "./setting-sources.js";

/** How requests reach lakeFS: directly, or through a proxy. */
export interface Route {
  /** The proxy URL (password shown as `***`), or undefined for a direct connection. */
  readonly proxy?: URL;
  /** Where the proxy setting came from, e.g. `env HTTPS_PROXY` or `--proxy`. */
  readonly proxySource?: string;
  /** The host and port the first TCP connection goes to: lakeFS, or the proxy. */
  readonly connectHost: string;
  readonly connectPort: number;
}

/**
 * What the doctor's steps share: the command line's connection, and what
 * earlier steps found (each step fills in what later ones need).
 */
export interface DoctorContext {
  readonly connection: Connection;
  readonly io: Io;
  /** The client every request goes through (set by the configuration step). */
  lakefs?: LakeFS;
  config?: ResolvedLakeFSConfig;
  /** The access key id (only ever shown masked). */
  accessKeyId?: string;
  sources?: SettingSources;
  route?: Route;
  /** Addresses of `route.connectHost`, as `dns.lookup` returned them. */
  addresses?: readonly LookupAddress[];
  /** The server's `Date` header and the local time halfway through that request. */
  serverDate?: { readonly server: Date; readonly localMidpointMs: number };
}
