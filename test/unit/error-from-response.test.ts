import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AuthenticationError,
  BranchNotFoundError,
  ConflictError,
  LakeFSError,
  MergeConflictError,
  NotFoundError,
  NotSupportedError,
  ObjectNotFoundError,
  PermissionDeniedError,
  PreconditionFailedError,
  ProtectedBranchError,
  RefNotFoundError,
  RepositoryNotFoundError,
  ServerError,
  TagNotFoundError,
  ValidationError,
} from "../../src/index.js";
import { errorFromResponse } from "../../src/errors/error-from-response.js";

const target = { repository: "sales", ref: "main" } as const;

describe("errorFromResponse: authentication and permissions", () => {
  it("401 and the S3 credential codes become AuthenticationError with the server's words", () => {
    const rest = errorFromResponse({ status: 401, message: "error authenticating request", operation: "listRepositories", requestId: "req-1" });
    assert.ok(rest instanceof AuthenticationError);
    assert.equal(rest.code, "Unauthorized");
    assert.equal(rest.status, 401);
    assert.equal(rest.requestId, "req-1");
    assert.match(rest.message, /^listRepositories: lakeFS rejected the credentials \(401: error authenticating request\)/);
    assert.match(rest.hint ?? "", /access key id and secret/);
    for (const code of ["InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "RequestTimeTooSkewed"]) {
      const s3 = errorFromResponse({ status: 403, code, message: "The request signature we calculated does not match" });
      assert.ok(s3 instanceof AuthenticationError, code);
      assert.equal(s3.code, code);
    }
  });

  it("403 on a protected branch becomes ProtectedBranchError naming the branch", () => {
    const byCode = errorFromResponse({ status: 403, code: "ErrWriteToProtectedBranch", target });
    const byMessage = errorFromResponse({ status: 403, message: "cannot write to protected branch", target });
    for (const err of [byCode, byMessage]) {
      assert.ok(err instanceof ProtectedBranchError);
      assert.equal(err.code, "ProtectedBranch");
      assert.match(err.message, /Branch "main" of repository "sales" is protected/);
    }
  });

  it("any other 403 is PermissionDeniedError", () => {
    const err = errorFromResponse({ status: 403, code: "AccessDenied", message: "Access Denied", operation: "PutObject" });
    assert.ok(err instanceof PermissionDeniedError && !(err instanceof ProtectedBranchError));
    assert.equal(err.message, "PutObject: permission denied: Access Denied");
  });
});

describe("errorFromResponse: 404 names what is missing", () => {
  it("a missing repository, from REST words or the S3 code", () => {
    assert.ok(errorFromResponse({ status: 404, message: "repository not found", target }) instanceof RepositoryNotFoundError);
    assert.ok(errorFromResponse({ status: 404, code: "NoSuchBucket", message: "The specified bucket does not exist", target }) instanceof RepositoryNotFoundError);
    // 410 while a deleted repository is being cleaned up.
    assert.ok(errorFromResponse({ status: 410, message: "repository in deletion", target }) instanceof RepositoryNotFoundError);
  });

  it("a missing branch or tag by the server's words", () => {
    const branch = errorFromResponse({ status: 404, message: "branch not found", target });
    assert.ok(branch instanceof BranchNotFoundError);
    assert.match(branch.message, /Branch "main" does not exist in repository "sales"/);
    assert.ok(errorFromResponse({ status: 404, message: "tag not found", target: { repository: "sales", ref: "v1" } }) instanceof TagNotFoundError);
  });

  it("an unresolvable ref, typed by what the caller knows it is", () => {
    for (const message of ["commit not found", "ref: not found", "get commit by ref main~9: not found", "source reference 'x': not found"]) {
      const err = errorFromResponse({ status: 404, message, target });
      assert.ok(err instanceof RefNotFoundError && !(err instanceof BranchNotFoundError), message);
    }
    assert.ok(errorFromResponse({ status: 404, message: "commit not found", target: { ...target, refKind: "branch" } }) instanceof BranchNotFoundError);
    assert.ok(errorFromResponse({ status: 404, message: "commit not found", target: { ...target, refKind: "tag" } }) instanceof TagNotFoundError);
  });

  it("a bare 'not found' with a path is the object; without one, the ref", () => {
    const object = errorFromResponse({ status: 404, message: "not found", target: { ...target, path: "data/a.csv" } });
    assert.ok(object instanceof ObjectNotFoundError);
    assert.match(object.message, /Object "data\/a\.csv" does not exist on ref "main" of repository "sales"/);
    const hook = errorFromResponse({ status: 404, message: "prepare-commit hook aborted: not found", target });
    assert.ok(hook instanceof RefNotFoundError);
  });

  it("a 404 with nothing to name is a plain NotFoundError", () => {
    const err = errorFromResponse({ status: 404 });
    assert.equal(err.constructor, NotFoundError);
    assert.equal(err.message, "Not found: the server answered 404");
  });
});

describe("errorFromResponse: other statuses", () => {
  it("409 of a merge is MergeConflictError; other 409s are ConflictError", () => {
    assert.ok(errorFromResponse({ status: 409, operation: "mergeIntoBranch" }) instanceof MergeConflictError);
    assert.ok(errorFromResponse({ status: 409, message: "merge: conflict found", operation: "x" }) instanceof MergeConflictError);
    const plain = errorFromResponse({ status: 409, message: "branch already exists", operation: "createBranch" });
    assert.ok(plain instanceof ConflictError && !(plain instanceof MergeConflictError));
    assert.equal(plain.message, "createBranch: branch already exists");
  });

  it("412, 405/501, 400/422 map to their classes and keep the status", () => {
    assert.ok(errorFromResponse({ status: 412, code: "PreconditionFailed" }) instanceof PreconditionFailedError);
    assert.ok(errorFromResponse({ status: 405 }) instanceof NotSupportedError);
    assert.ok(errorFromResponse({ status: 501, code: "NotImplemented" }) instanceof NotSupportedError);
    for (const status of [400, 422]) {
      const err = errorFromResponse({ status, message: "bad" });
      assert.ok(err instanceof ValidationError);
      assert.equal(err.status, status);
    }
  });

  it("5xx and 429 are ServerError, retryable except for 501-like answers", () => {
    for (const status of [429, 500, 502, 503, 504]) assert.equal(errorFromResponse({ status }).retryable, true, String(status));
    const other = errorFromResponse({ status: 507 });
    assert.ok(other instanceof ServerError);
    assert.equal(other.retryable, false);
    assert.equal(errorFromResponse({ status: 599, code: "SlowDown" }).retryable, true);
  });

  it("an unexpected status is a plain LakeFSError with the server's message", () => {
    const err = errorFromResponse({ status: 418, message: "  teapot  ", operation: "op" });
    assert.equal(err.constructor, LakeFSError);
    assert.equal(err.message, "op: teapot");
    assert.equal(errorFromResponse({ status: 418 }).message, "lakeFS answered HTTP 418");
  });

  it("keeps the cause and strips secrets from the server's message", () => {
    const cause = new Error("raw response");
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const err = errorFromResponse({ status: 400, message: `bad secret ${secret}`, secrets: [secret], cause });
    assert.equal(err.cause, cause);
    assert.equal(err.message, "bad secret ***");
  });
});
