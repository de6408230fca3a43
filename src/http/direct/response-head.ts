/**
 * An HTTP/1.1 response's status line and headers.
 *
 * @internal
 */
export interface ResponseHead {
  readonly status: number;
  readonly reason: string;
  /** `HTTP/1.0` answers close the connection unless they say otherwise. */
  readonly http10: boolean;
  /** Lower-cased names; repeated fields joined with `,`, as the SDK's handler does. */
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes the head takes, its closing blank line included. */
  readonly length: number;
}

/** The most header bytes accepted, as Node's own parser (`--max-http-header-size`'s default). */
export const MAX_HEAD_BYTES = 16 * 1024;

const CRLF2 = Buffer.from("\r\n\r\n");
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const FIELD = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;

/** An answer that is not HTTP/1.x: the same code Node's parser gives, so it is typed the same way. */
function malformed(what: string): Error {
  return Object.assign(new Error(`the server's answer is not valid HTTP/1.1: ${what}`), { code: "HPE_INVALID_CONSTANT" });
}

/**
 * Parses the head at the start of `bytes`: `undefined` while its blank line
 * has not arrived yet; throws on anything that is not an HTTP/1.x response
 * head, or one larger than {@link MAX_HEAD_BYTES}.
 *
 * @internal
 */
export function parseResponseHead(bytes: Uint8Array): ResponseHead | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.indexOf(CRLF2);
  if (end < 0) {
    if (buf.length > MAX_HEAD_BYTES) throw Object.assign(malformed(`its head is larger than ${MAX_HEAD_BYTES} bytes`), { code: "HPE_HEADER_OVERFLOW" });
    if (buf.length >= 5 && !buf.subarray(0, 5).equals(Buffer.from("HTTP/"))) throw malformed("it does not start with HTTP/");
    return undefined;
  }
  if (end > MAX_HEAD_BYTES) throw Object.assign(malformed(`its head is larger than ${MAX_HEAD_BYTES} bytes`), { code: "HPE_HEADER_OVERFLOW" });
  const lines = buf.toString("latin1", 0, end).split("\r\n");
  const status = STATUS_LINE.exec(lines[0]!);
  if (!status) throw malformed("bad status line");
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const field = FIELD.exec(line);
    if (!field) throw malformed("bad header line");
    const name = field[1]!.toLowerCase();
    headers[name] = headers[name] === undefined ? field[2]! : `${headers[name]},${field[2]!}`;
  }
  return { status: Number(status[2]), reason: status[3] ?? "", http10: status[1] === "0", headers, length: end + CRLF2.length };
}
