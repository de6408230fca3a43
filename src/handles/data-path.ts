import type { DataPath } from "../config/data-path.js";
import { ValidationError } from "../errors/input-errors.js";
import { PresignUnsupportedError } from "../errors/object-store-errors.js";
import type { HandleContext, PresignFacts } from "./context.js";

/**
 * The per-call data path option of the handles' uploads and downloads.
 *
 * @public
 */
export interface DataPathOption {
  /** Overrides the client's `dataPath` for this call ({@link DataPath}). */
  readonly dataPath?: DataPath;
}

/**
 * What the server's storage config says about presigning, asked once per
 * client; a failed lookup is asked again next time.
 * TODO(merge): use the per-client server-facts reader of `src/client/` once it lands.
 *
 * @internal
 */
export function presignFacts(ctx: HandleContext): Promise<PresignFacts> {
  if (!ctx.presignFacts) {
    const pending = ctx.admin.getStorageConfig().then((config) => ({
      presign: config.preSignSupport === true,
      multipart: config.preSignSupport === true && config.preSignMultipartUpload === true,
    }));
    pending.catch(() => {
      if (ctx.presignFacts === pending) ctx.presignFacts = undefined;
    });
    ctx.presignFacts = pending;
  }
  return ctx.presignFacts;
}

async function presignSupported(ctx: HandleContext): Promise<boolean> {
  return (await presignFacts(ctx)).presign;
}

/**
 * Picks the path for one call: `unusable` says why this call cannot go
 * presigned (such as a stream of unknown size), `undefined` when it can.
 * `"auto"` falls back to the gateway; `"presigned"` throws naming the reason.
 *
 * @internal
 */
export async function chooseDataPath(
  ctx: HandleContext,
  requested: DataPath | undefined,
  operation: string,
  unusable?: string,
): Promise<"gateway" | "presigned"> {
  const wanted = requested ?? ctx.dataPath;
  if (wanted !== "auto" && wanted !== "gateway" && wanted !== "presigned") {
    throw new ValidationError(`Invalid dataPath ${JSON.stringify(wanted)}: use "auto", "gateway" or "presigned"`, { code: "InvalidOption" });
  }
  if (wanted === "gateway") return "gateway";
  if (unusable !== undefined) {
    if (wanted === "auto") return "gateway";
    throw new PresignUnsupportedError(`${operation}: dataPath "presigned" cannot be used: ${unusable}`, {
      code: "PresignUnsupported",
      operation,
      hint: 'Use dataPath "auto" or "gateway" for this call',
    });
  }
  if (wanted === "auto") {
    // A failed lookup (credentials, network) leaves "auto" on the gateway, whose call then reports the cause as before.
    return (await presignSupported(ctx).catch(() => false)) ? "presigned" : "gateway";
  }
  if (await presignSupported(ctx)) return "presigned";
  throw new PresignUnsupportedError(
    `${operation}: dataPath "presigned" cannot be used: the lakeFS server's blockstore does not support presigned URLs (its storage config has pre_sign_support: false)`,
    { code: "PresignUnsupported", operation, hint: 'Use dataPath "auto" or "gateway", or enable presigned URLs on the server\'s blockstore' },
  );
}
