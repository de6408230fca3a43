/** The size of a receive block: the socket reads into it, and its parts go on as the body's chunks. */
export const BLOCK = 1024 * 1024;

/** What is known of a block that handed out chunks. */
interface BlockState {
  readonly pool: BlockPool;
  readonly block: Buffer;
  /** Bytes handed out as chunks. */
  handed: number;
  /** Bytes of those given back with {@link releaseChunks}. */
  returned: number;
  /** Whether the connection moved on from it (no more chunks will come from it). */
  retired: boolean;
}

const states = new WeakMap<ArrayBufferLike, BlockState>();

/**
 * Receive blocks for reuse. A fresh block costs a page fault per page on its
 * first write and counts against V8's external memory until a full GC frees
 * it; reading into blocks that came back costs neither. A block is reused only
 * once every chunk it handed out was given back ({@link releaseChunks}), which
 * only a consumer that is done with them does (the transfer engine's file
 * writes); chunks that go on to a caller's stream are theirs, and their block
 * is left to the GC.
 *
 * @internal
 */
export class BlockPool {
  readonly #free: Buffer[] = [];

  constructor(private readonly maxFree: number) {}

  /** A block of {@link BLOCK} bytes: one that came back, or a new one. */
  take(): Buffer {
    const block = this.#free.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
    states.set(block.buffer, { pool: this, block, handed: 0, returned: 0, retired: false });
    return block;
  }

  /** No more chunks will come from `block`: it comes back as soon as its chunks have. */
  retire(block: Buffer): void {
    const state = states.get(block.buffer);
    if (!state) return;
    state.retired = true;
    reuseIfDone(state);
  }

  /** Lets go of the free blocks. */
  clear(): void {
    this.#free.length = 0;
  }

  /** @internal */
  put(block: Buffer): void {
    states.delete(block.buffer);
    if (this.#free.length < this.maxFree) this.#free.push(block);
  }
}

/**
 * `chunk` goes out to a body's consumer (a view of a block, or of bytes
 * gathered elsewhere, which are not counted).
 *
 * @internal
 */
export function handOut(chunk: Uint8Array): void {
  const state = states.get(chunk.buffer);
  if (state) state.handed += chunk.byteLength;
}

function reuseIfDone(state: BlockState): void {
  if (state.retired && state.returned === state.handed) state.pool.put(state.block);
}

/**
 * Gives back chunks of response bodies that the caller is done with (it
 * neither reads nor keeps them): their receive blocks may then take new
 * bytes. Chunks that did not come from a receive block are ignored. Each
 * chunk must be given back at most once.
 *
 * @internal
 */
export function releaseChunks(chunks: readonly Uint8Array[]): void {
  for (const chunk of chunks) {
    const state = states.get(chunk.buffer);
    if (!state) continue;
    state.returned += chunk.byteLength;
    reuseIfDone(state);
  }
}
