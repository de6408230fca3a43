import type { InitializeMiddleware, MetadataBearer, Pluggable } from "@smithy/types";
import { ValidationError } from "../errors/input-errors.js";

/** The longest path after the ref, in UTF-8 bytes, that lakeFS 1.84's gateway stores (one more answers 500). */
const MAX_PATH_BYTES = 1_024;

/** Commands that create an object at `Key`. */
const WRITES = new Set(["PutObjectCommand", "CreateMultipartUploadCommand", "CopyObjectCommand"]);

/**
 * Middleware that refuses, before sending, a write whose key has a path
 * (after the ref, the key's first segment) longer than lakeFS stores: lakeFS
 * answers those with a bare 500 `InternalError`, which reads as a server
 * fault worth retrying. Runs after the branch-scope middleware, so it sees
 * the key as sent.
 *
 * @internal
 */
export function keyLengthMiddleware(): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => (args) => {
    const key = (args.input as { Key?: unknown }).Key;
    if (typeof key === "string" && WRITES.has(context.commandName ?? "")) {
      const path = key.slice(key.indexOf("/") + 1);
      const bytes = Buffer.byteLength(path, "utf8");
      if (bytes > MAX_PATH_BYTES) {
        const operation = (context.commandName ?? "").replace(/Command$/, "");
        return Promise.reject(
          new ValidationError(`${operation}: the object path after the ref is ${bytes} UTF-8 bytes; lakeFS stores at most ${MAX_PATH_BYTES}`, {
            code: "KeyTooLong",
            operation,
            hint: "Shorten the object path; nothing was sent",
          }),
        );
      }
    }
    return next(args);
  };
}

/**
 * A plugin that adds {@link keyLengthMiddleware} to a client's stack.
 *
 * @internal
 */
export function getKeyLengthPlugin(): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(keyLengthMiddleware(), { step: "initialize", priority: "low", name: "lakefsKeyLengthMiddleware", tags: ["LAKEFS"], override: true });
    },
  };
}
