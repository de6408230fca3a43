/**
 * Type-level tests of the public API, checked by `tsc -p tsconfig.json` (the
 * typecheck step of `npm test`); nothing here runs. `expectTypeOf` fails to
 * compile when a type is wrong, and each `@ts-expect-error` fails to compile
 * when the line under it stops being an error.
 */
import type { Writable } from "node:stream";
import { expectTypeOf } from "expect-type";
import type { AsyncBuffer } from "hyparquet";
import {
  Branch,
  LakeFS,
  ObjectHandle,
  Ref,
  Repository,
  Tag,
  WritableObjectHandle,
  createS3Client,
  type CallOptions,
  type CommitInfo,
  type LakeFSClientConfig,
  type ObjectReader,
  type ObjectReadResult,
  type ObjectWritableStream,
  type ObjectWriteStream,
  type OpenObjectOptions,
  type UploadObjectResult,
} from "../../src/index.js";

declare const lakefs: LakeFS;
declare const repo: Repository;

// Handles come out of the repository with the type that says what they may do.
expectTypeOf(lakefs.repository("r")).toEqualTypeOf<Repository>();
expectTypeOf(repo.branch("main")).toEqualTypeOf<Branch>();
expectTypeOf(repo.tag("v1")).toEqualTypeOf<Tag>();
expectTypeOf(repo.ref("main~1")).toEqualTypeOf<Ref>();
expectTypeOf(repo.commit("abc123")).toEqualTypeOf<Ref>();

// A read-only ref (any ref, a tag, a commit) hands out read-only objects, with no write methods.
expectTypeOf(repo.ref("main~1").object("a")).toEqualTypeOf<ObjectHandle>();
expectTypeOf(repo.tag("v1").object("a")).toEqualTypeOf<ObjectHandle>();
expectTypeOf<ObjectHandle>().not.toHaveProperty("upload");
expectTypeOf<ObjectHandle>().not.toHaveProperty("delete");
expectTypeOf<ObjectHandle>().toHaveProperty("text");
expectTypeOf<ObjectHandle>().toHaveProperty("stat");
/** The methods that change a branch. */
type BranchWrites = "commit" | "deleteObjects" | "revert" | "cherryPick" | "hardReset" | "importData" | "startImport" | "transact";
expectTypeOf<Extract<keyof Ref, BranchWrites>>().toBeNever();
expectTypeOf<Extract<keyof Tag, BranchWrites>>().toBeNever();
expectTypeOf<Extract<keyof Branch, BranchWrites>>().toEqualTypeOf<BranchWrites>();
// @ts-expect-error: a tag's object cannot be uploaded to
void repo.tag("v1").object("a").upload("x");
// @ts-expect-error: a commit cannot be committed to
void repo.commit("abc123").commit({ message: "x" });
// A read-only object is not accepted where a writable one is wanted (copyTo's destination).
expectTypeOf<ObjectHandle>().not.toMatchTypeOf<WritableObjectHandle>();
// @ts-expect-error: copying onto a tag's object
void repo.branch("main").object("a").copyTo(repo.tag("v1").object("b"));

// A branch hands out writable objects; a writable object is still an object (reads work on it).
expectTypeOf(repo.branch("main").object("a")).toEqualTypeOf<WritableObjectHandle>();
expectTypeOf<WritableObjectHandle>().toMatchTypeOf<ObjectHandle>();
expectTypeOf<WritableObjectHandle["upload"]>().toBeFunction();
expectTypeOf<WritableObjectHandle["delete"]>().toBeFunction();
expectTypeOf<Branch["commit"]>().returns.resolves.toEqualTypeOf<CommitInfo>();
expectTypeOf<Branch>().toMatchTypeOf<Ref>();

// Inputs are checked: a misspelt option or a wrong type does not compile.
// @ts-expect-error: misspelt option name
void new LakeFS({ endpoit: "http://127.0.0.1:8000" });
// @ts-expect-error: maxAttempts is a number
void new LakeFS({ maxAttempts: "3" });
// @ts-expect-error: misspelt option name
void createS3Client({ acessKeyId: "AKIA" });
// @ts-expect-error: commit needs a message
void repo.branch("main").commit({});
// @ts-expect-error: misspelt option name
void repo.branch("main").commit({ message: "m", allowEmtpy: true });
// @ts-expect-error: metadata values are strings
void repo.branch("main").commit({ message: "m", metadata: { run: 7 } });
// @ts-expect-error: contentType is a string
void repo.branch("main").object("a").upload("x", { contentType: 42 });
// @ts-expect-error: misspelt option name
void repo.branch("main").object("a").text({ encodng: "utf8" });
// @ts-expect-error: a path is a string
void repo.branch("main").object(7);
expectTypeOf<LakeFSClientConfig>().toHaveProperty("endpoint").toEqualTypeOf<string | undefined>();

// Every call takes an AbortSignal through CallOptions.
expectTypeOf<CallOptions>().toEqualTypeOf<{ readonly signal?: AbortSignal | undefined }>();
expectTypeOf<Parameters<Ref["getCommit"]>[0]>().toMatchTypeOf<CallOptions | undefined>();
expectTypeOf<Parameters<ObjectHandle["stat"]>[0]>().toMatchTypeOf<CallOptions | undefined>();
expectTypeOf<Parameters<ObjectHandle["text"]>[0]>().toMatchTypeOf<CallOptions | undefined>();
expectTypeOf<Parameters<WritableObjectHandle["upload"]>[1]>().toMatchTypeOf<CallOptions | undefined>();
expectTypeOf<Parameters<Branch["commit"]>[0]>().toMatchTypeOf<CallOptions>();
// @ts-expect-error: signal is an AbortSignal, not a controller
void repo.ref("main").getCommit({ signal: new AbortController() });

// Objects as files: any ref's object opens for reads (an AsyncBuffer as Parquet readers take it); only a branch's writes.
expectTypeOf(repo.tag("v1").object("a").open()).resolves.toEqualTypeOf<ObjectReader>();
expectTypeOf<ObjectReader>().toMatchTypeOf<AsyncBuffer>();
expectTypeOf<ObjectReader["read"]>().returns.resolves.toMatchTypeOf<ObjectReadResult>();
expectTypeOf<Parameters<ObjectHandle["open"]>[0]>().toMatchTypeOf<(OpenObjectOptions & CallOptions) | undefined>();
expectTypeOf<ObjectHandle>().not.toHaveProperty("createWriteStream");
expectTypeOf(repo.branch("main").object("a").createWriteStream()).toEqualTypeOf<ObjectWriteStream>();
expectTypeOf<ObjectWriteStream>().toMatchTypeOf<Writable>();
expectTypeOf<ObjectWriteStream["result"]>().resolves.toEqualTypeOf<UploadObjectResult>();
expectTypeOf(repo.branch("main").object("a").createWritableStream()).toEqualTypeOf<ObjectWritableStream>();
// @ts-expect-error: only "*" exists for ifNoneMatch
void repo.branch("main").object("a").createWriteStream({ ifNoneMatch: "etag" });
