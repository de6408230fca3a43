/**
 * Where a response body ends: after `Content-Length` bytes, after the last
 * chunk of a chunked body, or when the server closes the connection.
 *
 * @internal
 */
export interface BodyFraming {
  /**
   * Hands the body's bytes found in `data` to `emit`, as views of `data`
   * (never copies), and returns how many bytes of `data` were this body's.
   */
  take(data: Buffer, emit: (chunk: Buffer) => void): number;
  /** Whether the body is complete. */
  readonly done: boolean;
  /** Whether only the end of the connection ends the body. */
  readonly endsAtClose: boolean;
  /** Body bytes still to come, when known: sizes receive buffers. */
  readonly remaining: number | undefined;
}

function framingError(what: string, code: string): Error {
  return Object.assign(new Error(`the server's answer is not valid HTTP/1.1: ${what}`), { code });
}

class LengthFraming implements BodyFraming {
  readonly endsAtClose = false;
  constructor(public remaining: number) {}
  get done(): boolean {
    return this.remaining === 0;
  }
  take(data: Buffer, emit: (chunk: Buffer) => void): number {
    const n = Math.min(this.remaining, data.length);
    if (n > 0) emit(n === data.length ? data : data.subarray(0, n));
    this.remaining -= n;
    return n;
  }
}

class CloseFraming implements BodyFraming {
  readonly endsAtClose = true;
  readonly done = false;
  readonly remaining = undefined;
  take(data: Buffer, emit: (chunk: Buffer) => void): number {
    if (data.length > 0) emit(data);
    return data.length;
  }
}

const MAX_LINE = 4096;

/** `Transfer-Encoding: chunked`: size lines, data, and trailers, split across reads anywhere. */
class ChunkedFraming implements BodyFraming {
  readonly endsAtClose = false;
  done = false;
  #state: "size" | "data" | "data-end" | "trailer" = "size";
  #line = "";
  #left = 0;

  get remaining(): number | undefined {
    return this.#state === "data" ? this.#left : undefined;
  }

  take(data: Buffer, emit: (chunk: Buffer) => void): number {
    let at = 0;
    while (at < data.length && !this.done) {
      if (this.#state === "data") {
        const n = Math.min(this.#left, data.length - at);
        emit(data.subarray(at, at + n));
        at += n;
        this.#left -= n;
        if (this.#left === 0) this.#state = "data-end";
        continue;
      }
      const eol = data.indexOf(10, at);
      const end = eol < 0 ? data.length : eol + 1;
      this.#line += data.toString("latin1", at, end);
      at = end;
      if (this.#line.length > MAX_LINE) throw framingError("a chunk line is too long", "HPE_CHUNK_EXTENSIONS_OVERFLOW");
      if (eol >= 0) this.#endOfLine(this.#line.replace(/\r?\n$/, ""));
    }
    return at;
  }

  #endOfLine(line: string): void {
    this.#line = "";
    if (this.#state === "data-end") {
      if (line !== "") throw framingError("no line break after a chunk", "HPE_INVALID_CHUNK_SIZE");
      this.#state = "size";
    } else if (this.#state === "trailer") {
      if (line === "") this.done = true;
    } else {
      const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line);
      if (!size) throw framingError("bad chunk size", "HPE_INVALID_CHUNK_SIZE");
      this.#left = Number.parseInt(size[1]!, 16);
      this.#state = this.#left === 0 ? "trailer" : "data";
    }
  }
}

/**
 * How the body of a response to a GET with this status and these headers
 * is framed (RFC 9112, section 6.3).
 *
 * @internal
 */
export function bodyFraming(status: number, headers: Readonly<Record<string, string>>): BodyFraming {
  if (status === 204 || status === 304 || status < 200) return new LengthFraming(0);
  const coding = headers["transfer-encoding"];
  if (coding !== undefined) {
    return /(^|,)\s*chunked\s*$/i.test(coding) ? new ChunkedFraming() : new CloseFraming();
  }
  const length = headers["content-length"];
  if (length === undefined) return new CloseFraming();
  const values = new Set(length.split(",").map((v) => v.trim()));
  const value = [...values][0]!;
  if (values.size !== 1 || !/^\d{1,15}$/.test(value)) throw framingError(`bad Content-Length ${JSON.stringify(length.slice(0, 40))}`, "HPE_UNEXPECTED_CONTENT_LENGTH");
  return new LengthFraming(Number(value));
}
