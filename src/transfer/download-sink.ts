import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { LakeFSError } from "../errors/lakefs-error.js";
import { writesSettled } from "../http/direct/written-body.js";
import type { WriteInto } from "../model/transfer-adapter.js";
import { oneWriteAtATime } from "./positional-batch.js";

/**
 * Where {@link downloadObject} writes, one chunk at a time and in order.
 *
 * @internal
 */
export interface DownloadSink {
  /** Resolves once the chunk is accepted without exceeding the destination's buffer. */
  write(chunk: Buffer): Promise<void>;
  /**
   * Writes chunks one after the other from a byte position, in any order
   * (files only: one `writev`, one write in flight at a time). When the sink has it, parts are written in
   * place as their bytes arrive instead of being held in memory until their turn.
   */
  writeAt?(chunks: readonly Buffer[], position: number): Promise<void>;
  /**
   * Files only: where a range's body may be written directly from `position`
   * (by the HTTP stack's worker thread, see `RangeSource.open`).
   */
  into?(position: number, length: number): WriteInto;
  /** Completes the destination (renames the file into place, or ends the stream). */
  finish(): Promise<void>;
  /** Cleans up after a failure (removes the partial file; leaves a stream as is). */
  fail(): Promise<void>;
}

function destinationError(err: unknown, what: string): LakeFSError {
  if (err instanceof LakeFSError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LakeFSError(`downloadObject: writing to ${what} failed: ${message}`, { operation: "downloadObject", code: "DestinationError", cause: err });
}

/**
 * A file destination: bytes go to a temporary file next to `path`, which is
 * renamed over `path` only when the download is complete, so a failed
 * download never leaves a truncated file at `path`.
 *
 * @internal
 */
export async function fileSink(path: string): Promise<DownloadSink> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.download`);
  let handle;
  try {
    handle = await open(temp, "w");
  } catch (err) {
    throw destinationError(err, path);
  }
  const fh = handle;
  const fd = fh.fd;
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) {
      closed = true;
      // Not before every write into it by a worker has stopped: its descriptor number is reused once closed.
      await writesSettled(fd);
      await fh.close();
    }
  };
  return {
    async write(chunk) {
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, offset, chunk.length - offset, null);
          offset += bytesWritten;
        }
      } catch (err) {
        throw destinationError(err, path);
      }
    },
    writeAt: oneWriteAtATime(async (chunks, position) => {
      try {
        const total = chunks.reduce((n, c) => n + c.length, 0);
        let offset = (await fh.writev(chunks as Buffer[], position)).bytesWritten;
        if (offset < total) {
          // A short write (rare for a file): the rest one write at a time.
          const rest = Buffer.concat(chunks as Buffer[], total);
          while (offset < total) offset += (await fh.write(rest, offset, total - offset, position + offset)).bytesWritten;
        }
      } catch (err) {
        throw destinationError(err, path);
      }
    }),
    into: (position, length) => ({ fd, position, length, failed: (err) => destinationError(err, path) }),
    async finish() {
      try {
        await close();
        await rename(temp, path);
      } catch (err) {
        throw destinationError(err, path);
      }
    },
    async fail() {
      await close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

/**
 * A stream destination: chunks are written with back-pressure (waiting for
 * `drain`), and the stream is ended when `end` is true. Errors the stream
 * emits during the download fail it.
 *
 * @internal
 */
export function streamSink(stream: Writable, end: boolean, onError: (err: unknown) => void): DownloadSink & { dispose(): void } {
  let failure: LakeFSError | undefined;
  const onStreamError = (err: unknown): void => {
    failure ??= destinationError(err, "the destination stream");
    onError(failure);
  };
  stream.on("error", onStreamError);
  const waitDrain = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const cleanup = (): void => {
        stream.off("drain", onDrain);
        stream.off("error", onFail);
        stream.off("close", onFail);
      };
      const onDrain = (): void => {
        cleanup();
        resolve();
      };
      const onFail = (err?: unknown): void => {
        cleanup();
        reject(destinationError(err ?? new Error("the stream was closed"), "the destination stream"));
      };
      stream.on("drain", onDrain);
      stream.on("error", onFail);
      stream.on("close", onFail);
    });
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (stream.destroyed || stream.writableEnded) throw destinationError(new Error("the stream is closed"), "the destination stream");
      if (!stream.write(chunk)) await waitDrain();
      if (failure) throw failure;
    },
    async finish() {
      if (failure) throw failure;
      if (!end) return;
      stream.end();
      try {
        await finished(stream, { readable: false });
      } catch (err) {
        throw destinationError(err, "the destination stream");
      }
    },
    async fail() {
      // The caller owns the stream: it is neither ended nor destroyed.
    },
    dispose() {
      stream.off("error", onStreamError);
    },
  };
}
