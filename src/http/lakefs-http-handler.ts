import { inspect } from "node:util";
import { NodeHttpHandler, type NodeHttpHandlerOptions } from "@smithy/node-http-handler";
import { checkContentLength } from "./check-content-length.js";
import { checkResponse } from "./check-response.js";
import type { DirectGet } from "./direct/direct-get.js";

type Request = Parameters<NodeHttpHandler["handle"]>[0];

/**
 * What the handler runs on, resolved on its first request.
 *
 * @internal
 */
export interface HandlerSetup {
  readonly options: NodeHttpHandlerOptions;
  /** The receiver of object bodies, where no proxy applies. */
  readonly direct?: DirectGet | undefined;
}

/**
 * A GET whose answer may be large: a ranged read (the gateway's, a presigned
 * URL's) or the gateway's `GetObject`. These take the {@link DirectGet}.
 */
function isObjectRead(request: Request): boolean {
  if (request.method !== "GET" || request.body !== undefined) return false;
  if (request.query?.["x-id"] === "GetObject") return true;
  return Object.keys(request.headers).some((name) => name.toLowerCase() === "range");
}

/**
 * The SDK's `NodeHttpHandler` plus {@link checkResponse}: answers that come
 * from a proxy or from a TLS port spoken to in plain HTTP become errors here,
 * before the S3 or REST path reads them as if lakeFS had sent them. A body
 * whose length disagrees with its `Content-Length` is refused before sending
 * ({@link checkContentLength}). Object reads go to the {@link DirectGet} when
 * the setup has one (no proxy applies): the same request, checks and answer,
 * at a third of the CPU per GiB received.
 *
 * The options are resolved on the first request, not in the constructor (the
 * SDK's handler calls an options provider at once, and a provider that fails
 * there, e.g. for a missing endpoint, would be an unhandled rejection that
 * kills the process even if the client is never used). A failed resolution
 * fails that request only; the next request tries again.
 *
 * @internal
 */
export class LakeFSHttpHandler extends NodeHttpHandler {
  readonly #resolveOptions: () => Promise<HandlerSetup>;
  readonly #deliver: (options: NodeHttpHandlerOptions) => void;
  #resolved: Promise<void> | undefined;
  #ready = false;
  #direct: DirectGet | undefined;

  /** @param options - Resolves the handler's options; called on the first request, and again after a failure. */
  constructor(options: () => Promise<HandlerSetup>) {
    let deliver!: (options: NodeHttpHandlerOptions) => void;
    const delivered = new Promise<NodeHttpHandlerOptions>((resolve) => {
      deliver = resolve;
    });
    super(() => delivered);
    this.#deliver = deliver;
    this.#resolveOptions = options;
  }

  /**
   * What `util.inspect` shows: the timeouts only. The agents (sockets with
   * other requests' headers, a proxy agent's cache keyed by proxy URLs with
   * passwords) stay out of logs and REPL output.
   */
  [inspect.custom](): string {
    const { connectionTimeout, requestTimeout, socketTimeout } = this.httpHandlerConfigs();
    return `LakeFSHttpHandler ${inspect({ connectionTimeout, requestTimeout, socketTimeout })}`;
  }

  override async handle(...args: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
    if (!this.#ready) await this.#resolve();
    checkContentLength(args[0]);
    const result = this.#direct && isObjectRead(args[0]) ? await this.#direct.handle(...args) : await super.handle(...args);
    // Only proxy answers and plain-text 400s need a look at the body: every other response goes on without an extra await.
    const checking = checkResponse(args[0], result.response);
    if (checking) await checking;
    return result;
  }

  override destroy(): void {
    super.destroy();
    this.#direct?.destroy();
  }

  #resolve(): Promise<void> {
    if (!this.#resolved) {
      const resolving = this.#resolveOptions().then(({ options, direct }) => {
        this.#deliver(options);
        this.#direct = direct;
        this.#ready = true;
      });
      this.#resolved = resolving;
      resolving.catch(() => {
        if (this.#resolved === resolving) this.#resolved = undefined;
      });
    }
    return this.#resolved;
  }
}
