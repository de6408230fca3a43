import { dataPathProblem, isDataPath, type DataPath } from "../config/data-path.js";
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
 * What the server's storage configuration says about presigning, from the
 * client's one cached `GET /api/v1/config` (the first storage: the one the
 * gateway writes to).
 *
 * @internal
 */
export async function presignFacts(ctx: HandleContext, signal?: AbortSignal): Promise<PresignFacts> {
  const storage = (await ctx.serverFacts({ signal })).storages[0];
  const presign = storage?.preSignSupport === true;
  return { presign, multipart: presign && storage?.preSignMultipartUpload === true };
}

async function presignSupported(ctx: HandleContext): Promise<boolean> {
  return (await presignFacts(ctx)).presign;
}

/**
 * The call's `dataPath`, else the client's, checked.
 *
 * @internal
 */
export function wantedDataPath(ctx: HandleContext, requested: DataPath | undefined): DataPath {
  const wanted = requested ?? ctx.dataPath;
  if (!isDataPath(wanted)) throw new ValidationError(dataPathProblem(wanted), { code: "InvalidOption" });
  return wanted;
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
  const wanted = wantedDataPath(ctx, requested);
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
    // A failed lookup (credentials, network) leaves "auto" on the gateway, whose own call then reports the cause.
    return (await presignSupported(ctx).catch(() => false)) ? "presigned" : "gateway";
  }
  if (await presignSupported(ctx)) return "presigned";
  throw new PresignUnsupportedError(
    `${operation}: dataPath "presigned" cannot be used: the lakeFS server's blockstore does not support presigned URLs (its storage config has pre_sign_support: false)`,
    { code: "PresignUnsupported", operation, hint: 'Use dataPath "auto" or "gateway", or enable presigned URLs on the server\'s blockstore' },
  );
}
