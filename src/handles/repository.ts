import type { RepositoryInfo, BranchProtectionRule } from "../admin/types.js";
import type { ListOptions } from "../admin/paginate.js";
import type { CallOptions } from "../http/call-options.js";
import { validateRepositoryName } from "../validation/names.js";
import { Branch } from "./branch.js";
import type { HandleContext } from "./context.js";
import { Ref } from "./ref.js";
import { Tag } from "./tag.js";

/**
 * Options of {@link Repository.create}.
 *
 * @public
 */
export interface CreateRepositoryOptions extends CallOptions {
  /** Where the repository's data lives, e.g. `s3://bucket/prefix` or `local://name`. Must not be used by another repository. */
  readonly storageNamespace: string;
  /** Name of the first branch. Default `"main"`. */
  readonly defaultBranch?: string;
  /** Fill the repository with lakeFS's sample data. Default `false`. */
  readonly includeSamples?: boolean;
  /** Create a read-only repository. Default `false`. */
  readonly readOnly?: boolean;
  /** Return the existing repository instead of failing with ConflictError when the name is taken. Default `false`. */
  readonly existOk?: boolean;
}

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
    await this.#ctx.admin.createRepository({ name: this.id, ...options });
    return this;
  }

  /** Id, default branch, storage namespace, creation date and read-only flag. */
  properties(options: CallOptions = {}): Promise<RepositoryInfo> {
    return this.#ctx.admin.getRepository(this.id, options);
  }

  /** Whether the repository exists. */
  async exists(options: CallOptions = {}): Promise<boolean> {
    try {
      await this.properties(options);
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
  }

  /** Deletes the repository's metadata (the data in the storage namespace stays). */
  async delete(options: CallOptions & { force?: boolean } = {}): Promise<void> {
    await this.#ctx.admin.deleteRepository(this.id, options);
  }

  /** The repository's key/value metadata. */
  metadata(options: CallOptions = {}): Promise<Record<string, string>> {
    return this.#ctx.admin.getRepositoryMetadata(this.id, options);
  }

  /** Sets key/value metadata on the repository. */
  setMetadata(metadata: Record<string, string>, options: CallOptions = {}): Promise<void> {
    return this.#ctx.admin.setRepositoryMetadata(this.id, metadata, options);
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

  /** The branches, fetched page by page. */
  async *branches(options: ListOptions & { prefix?: string } = {}): AsyncGenerator<Branch, void, undefined> {
    for await (const info of this.#ctx.admin.listBranches(this.id, options)) yield this.branch(info.id);
  }

  /** The tags, fetched page by page. */
  async *tags(options: ListOptions & { prefix?: string } = {}): AsyncGenerator<Tag, void, undefined> {
    for await (const info of this.#ctx.admin.listTags(this.id, options)) yield this.tag(info.id);
  }

  /** Branch protection rules. */
  protectionRules(options: CallOptions = {}): Promise<BranchProtectionRule[]> {
    return this.#ctx.admin.getBranchProtectionRules(this.id, options);
  }

  /** Replaces the branch protection rules. */
  setProtectionRules(rules: BranchProtectionRule[], options: CallOptions = {}): Promise<void> {
    return this.#ctx.admin.setBranchProtectionRules(this.id, rules, options);
  }
}
