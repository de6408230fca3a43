import type { CreateTagOptions, DeleteOptions } from "../admin/options.js";
import { validateTagName } from "../validation/names.js";
import type { HandleContext } from "./context.js";
import { Ref, refId } from "./ref.js";

/**
 * A tag: a fixed, read-only name for a commit.
 *
 * @public
 */
export class Tag extends Ref {
  /**
   * The commit id the tag named when {@link Repository.tags} listed it;
   * `undefined` for a handle not made by a listing. Read once, never
   * refreshed: a tag deleted and made again since then may name another
   * commit. {@link Ref.getCommit} asks the server.
   */
  readonly listedCommitId: string | undefined;

  /** @internal */
  constructor(ctx: HandleContext, repository: string, id: string, listedCommitId?: string) {
    validateTagName(id);
    super(ctx, repository, id, "tag");
    this.listedCommitId = listedCommitId;
  }

  /**
   * Creates the tag at `source` (a branch, commit id, tag or expression,
   * resolved once, now), as {@link Branch.create} creates a branch. With
   * `existOk`, an existing tag is kept as it is.
   */
  async create(source: string | Ref, options: CreateTagOptions = {}): Promise<Tag> {
    await this.ctx.admin.createTag({ ...options, repository: this.repository, tag: this.id, source: refId(source) });
    return this;
  }

  /** Deletes the tag (the commit stays). */
  async delete(options: DeleteOptions = {}): Promise<void> {
    await this.ctx.admin.deleteTag({ ...options, repository: this.repository, tag: this.id });
  }
}
