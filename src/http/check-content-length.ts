import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { ValidationError } from "../errors/input-errors.js";

type Request = Parameters<NodeHttpHandler["handle"]>[0];

function declaredLength(headers: Record<string, string>): number | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "content-length") return /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  }
  return undefined;
}

function bodyLength(body: unknown): number | undefined {
  if (typeof body === "string") return Buffer.byteLength(body, "utf8");
  if (body instanceof Uint8Array) return body.byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  return undefined;
}

/**
 * Refuses, before anything is sent, a request whose in-memory body (string or
 * bytes) is not exactly as long as its `Content-Length` header says. Sent as
 * is, a shorter body leaves the server waiting until a timeout, and a longer
 * one leaves bytes on the keep-alive connection that the server then reads as
 * the start of the next request (which fails, often as a signature mismatch).
 * Stream bodies of unknown length are not checked here.
 *
 * @internal
 */
export function checkContentLength(request: Request): void {
  const declared = declaredLength(request.headers);
  if (declared === undefined) return;
  const actual = bodyLength(request.body);
  if (actual === undefined || actual === declared) return;
  throw new ValidationError(
    `The request body is ${actual} bytes but its Content-Length says ${Number.isNaN(declared) ? "something that is not a number" : declared}; nothing was sent`,
    { code: "ContentLengthMismatch", hint: "Leave ContentLength out (the SDK computes it) or give the body's exact length in bytes" },
  );
}
