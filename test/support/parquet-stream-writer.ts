/**
 * Test support: a hyparquet-writer `Writer` that streams the file into a Node
 * `Writable` (such as `createWriteStream()`), a row group at a time, waiting
 * for `'drain'` when the stream pushes back, and ends it with the footer.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { ByteWriter, type Writer } from "hyparquet-writer";

/** A `Writer` whose bytes go to `out` after each row group; `finish()` ends `out` and waits until it has finished. */
export function parquetStreamWriter(out: Writable): Writer {
  const bytes = new ByteWriter();
  const writer: Writer = bytes;
  const flush = async (): Promise<void> => {
    // A copy: the ByteWriter reuses its buffer for the next row group.
    const chunk = bytes.getBytes().slice();
    bytes.index = 0;
    if (chunk.byteLength > 0 && !out.write(chunk)) await once(out, "drain");
  };
  writer.flush = flush;
  writer.finish = async () => {
    await flush();
    out.end();
    await finished(out);
  };
  return writer;
}
