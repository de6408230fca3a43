import type { BuildMiddleware, MetadataBearer, Pluggable } from "@smithy/types";

/** The SigV4 header that carries the payload's hash, or says there is none. */
const PAYLOAD_HASH_HEADER = "x-amz-content-sha256";

/** Commands whose body is object data: the SDK would hash every byte to sign it. */
const DATA_UPLOADS = new Set(["PutObjectCommand", "UploadPartCommand"]);

/**
 * Middleware that signs object data uploads with `UNSIGNED-PAYLOAD` instead
 * of the body's SHA-256. The SDK hashes every byte it signs, and lakeFS
 * hashes every byte again to check it: about a second of CPU per GiB on each
 * side (docs/11-benchmarks.md). lakeFS's gateway accepts unsigned
 * payloads (`pkg/gateway/sig/v4.go`); the headers, key and length stay
 * signed. A header already set (the SDK's streaming checksum trailer, a
 * caller's own hash) is left as it is.
 *
 * @internal
 */
export function unsignedPayloadMiddleware(): BuildMiddleware<object, MetadataBearer> {
  return (next, context) => (args) => {
    const request = args.request as { headers?: Record<string, string> };
    const headers = request.headers;
    if (headers && DATA_UPLOADS.has(context.commandName ?? "") && !hasHeader(headers, PAYLOAD_HASH_HEADER)) {
      headers[PAYLOAD_HASH_HEADER] = "UNSIGNED-PAYLOAD";
    }
    return next(args);
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * A plugin that adds {@link unsignedPayloadMiddleware} last in the build step:
 * after the SDK's checksum middleware (which may set the header for a
 * streaming trailer), before the request is signed.
 *
 * @internal
 */
export function getUnsignedPayloadPlugin(): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(unsignedPayloadMiddleware(), { step: "build", priority: "low", name: "lakefsUnsignedPayloadMiddleware", tags: ["LAKEFS"], override: true });
    },
  };
}
