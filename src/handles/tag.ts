import type { RefInfo } from "../admin/types.js";
import type { CallOptions } from "../http/call-options.js";
import type { CreateTagOptions, DeleteOptions } from "../admin/options.js";
import { validateTagName } from "../validation/names.js";
import type { HandleContext } from "./context.js";
import { Ref } from "./ref.js";

/**
 * A tag: a fixed, read-only name for a commit.
 *
 * @public
 */
export class Tag extends Ref {
  /** @internal */
  constructor(ctx: HandleContext, repository: string, id: string) {
    validateTagName(id);
    super(ctx, repository, id, "tag");
  }

  /**
   * Creates the tag at `target` (a branch, commit id, tag or expression).
   * With `existOk`, an existing tag is kept as it is.
   */
  async create(target: string | Ref, options: CreateTagOptions = {}): Promise<Tag> {
    await this.ctx.admin.createTag(this.repository, this.id, typeof target === "string" ? target : target.id, options);
    return this;
  }

  /** The tag's commit id. */
  info(options: CallOptions = {}): Promise<RefInfo> {
    return this.ctx.admin.getTag(this.repository, this.id, options);
  }

  /** Deletes the tag (the commit stays). */
  async delete(options: DeleteOptions = {}): Promise<void> {
    await this.ctx.admin.deleteTag(this.repository, this.id, options);
  }
}
