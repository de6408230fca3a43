import type { Readable } from "node:stream";

/**
 * Reads a whole (small) response body into a string. Only for REST responses
 * and error bodies, never for object data.
 *
 * @internal
 */
export async function readBodyText(body: unknown, limitBytes = 64 * 1024 * 1024): Promise<string> {
  if (body === undefined || body === null) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limitBytes) throw new Error(`response body larger than ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}
