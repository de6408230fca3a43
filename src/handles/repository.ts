import type { RepositoryProperties, BranchProtectionRule } from "../admin/types.js";
import type { CreateRepositoryOptions, DeleteOptions, PrefixListOptions } from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import { RepositoryNotFoundError } from "../errors/not-found-errors.js";
import { validateRepositoryName } from "../validation/names.js";
import { Branch } from "./branch.js";
import type { HandleContext } from "./context.js";
import { Ref } from "./ref.js";
import { Tag } from "./tag.js";

/**
 * A repository: the bucket of the S3 gateway. Hands out branch, tag and ref
 * handles. Creating a handle sends nothing.
 *
 * @public
 */
export class Repository {
  readonly #ctx: HandleContext;
  /** The repository name. */
  readonly id: string;

  /** @internal */
  constructor(ctx: HandleContext, id: string) {
    validateRepositoryName(id);
    this.#ctx = ctx;
    this.id = id;
  }

  /** `lakefs://repository`. */
  get uri(): string {
    return `lakefs://${this.id}`;
  }

  /** Creates the repository. */
  async create(options: CreateRepositoryOptions): Promise<Repository> {
    await this.#ctx.admin.createRepository({ ...options, repository: this.id });
    return this;
  }

  /** Id, default branch, storage namespace, creation date and read-only flag. */
  properties(options: CallOptions = {}): Promise<RepositoryProperties> {
    return this.#ctx.admin.getRepositoryProperties({ signal: options.signal, repository: this.id });
  }

  /** Whether the repository exists. */
  async exists(options: CallOptions = {}): Promise<boolean> {
    try {
      await this.properties(options);
      return true;
    } catch (err) {
      if (err instanceof RepositoryNotFoundError) return false;
      throw err;
    }
  }

  /** Deletes the repository's metadata (the data in the storage namespace stays). */
  async delete(options: DeleteOptions = {}): Promise<void> {
    await this.#ctx.admin.deleteRepository({ ...options, repository: this.id });
  }

  /** The repository's key/value metadata. */
  metadata(options: CallOptions = {}): Promise<Record<string, string>> {
    return this.#ctx.admin.getRepositoryMetadata({ signal: options.signal, repository: this.id });
  }

  /** Sets key/value metadata on the repository. */
  setMetadata(metadata: Readonly<Record<string, string>>, options: CallOptions = {}): Promise<void> {
    return this.#ctx.admin.setRepositoryMetadata({ signal: options.signal, repository: this.id, metadata });
  }

  /** A branch handle. Throws ReadOnlyRefError for expressions such as `main~1`. */
  branch(name: string): Branch {
    return new Branch(this.#ctx, this.id, name);
  }

  /** A tag handle. */
  tag(name: string): Tag {
    return new Tag(this.#ctx, this.id, name);
  }

  /** A read-only handle on any ref: branch, tag, commit id or expression such as `main~1`. */
  ref(ref: string): Ref {
    return new Ref(this.#ctx, this.id, ref, "ref");
  }

  /** A read-only handle on a commit. */
  commit(commitId: string): Ref {
    return this.ref(commitId);
  }

  /**
   * The branches, fetched page by page. Each handle carries the head commit id
   * the listing returned as {@link Branch.listedCommitId}, so reading every
   * branch's head costs no request per branch (the value is as of the listing).
   */
  async *branches(options: PrefixListOptions = {}): AsyncGenerator<Branch, void, undefined> {
    for await (const info of this.#ctx.admin.listBranches({ ...options, repository: this.id })) {
      yield new Branch(this.#ctx, this.id, info.id, info.commitId);
    }
  }

  /**
   * The tags, fetched page by page. Each handle carries the commit id the
   * listing returned as {@link Tag.listedCommitId}.
   */
  async *tags(options: PrefixListOptions = {}): AsyncGenerator<Tag, void, undefined> {
    for await (const info of this.#ctx.admin.listTags({ ...options, repository: this.id })) {
      yield new Tag(this.#ctx, this.id, info.id, info.commitId);
    }
  }

  /** The branch protection rules. */
  branchProtectionRules(options: CallOptions = {}): Promise<BranchProtectionRule[]> {
    return this.#ctx.admin.getBranchProtectionRules({ signal: options.signal, repository: this.id });
  }

  /** Replaces the branch protection rules (rules not given are removed). */
  setBranchProtectionRules(rules: readonly BranchProtectionRule[], options: CallOptions = {}): Promise<void> {
    return this.#ctx.admin.setBranchProtectionRules({ signal: options.signal, repository: this.id, rules });
  }
}
