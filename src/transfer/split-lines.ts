/**
 * The lines of UTF-8 text that arrives in chunks, split on `\n` with a
 * trailing `\r` removed (so `\r\n` files read the same), the terminators not
 * included; a last line without a terminator is yielded too. A character
 * split between two chunks is decoded whole.
 *
 * @internal
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  for await (const chunk of chunks) {
    const text = pending + decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) yield line.endsWith("\r") ? line.slice(0, -1) : line;
  }
  pending += decoder.decode();
  if (pending.length > 0) yield pending.endsWith("\r") ? pending.slice(0, -1) : pending;
}
