import { Readable } from "node:stream";

/**
 * What a {@link DirectBody} asks of the connection it comes from.
 *
 * @internal
 */
export interface BodySource {
  /** Reads from the socket again after the body's buffer filled up. */
  resume(): void;
  /** Gives up the body before its end: the connection cannot be reused. */
  abandon(): void;
}

/** How far a consumer may lag behind before the socket is paused: one receive block. */
const HIGH_WATER_MARK = 1024 * 1024;

/**
 * A response body received by the direct client: its chunks are views of
 * the blocks the socket read into, handed on without a copy. A block is
 * never written to again once handed on, so the chunks are the consumer's.
 *
 * @internal
 */
export class DirectBody extends Readable {
  #source: BodySource | undefined;

  constructor(source: BodySource) {
    super({ highWaterMark: HIGH_WATER_MARK });
    this.#source = source;
  }

  /** Called by the connection once the last byte was pushed: destroying the body no longer touches it. */
  detach(): void {
    this.#source = undefined;
  }

  override _read(): void {
    this.#source?.resume();
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    const source = this.#source;
    this.#source = undefined;
    source?.abandon();
    callback(err);
  }
}
