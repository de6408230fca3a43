/**
 * `lakefs-s3/rest`: the typed REST plumbing under `AdminClient`, for
 * calls it does not wrap. Paths, parameters, bodies and responses are typed
 * from lakeFS's OpenAPI spec (`LakeFSApiPaths`); requests share the client's
 * HTTP stack, retries and errors.
 *
 * @example
 * ```ts
 * import { LakeFS } from "lakefs-s3";
 * const lakefs = new LakeFS();
 * const { results } = await lakefs.rest.request("get", "/repositories/{repository}/branches", {
 *   params: { path: { repository: "my-repo" }, query: { amount: 10 } },
 * });
 * ```
 *
 * @packageDocumentation
 */
export { RestClient, type RestCallMeta } from "./admin/rest-client.js";
export type { HttpMethod, PathsWithMethod, OperationAt, SuccessBody, RestRequestInit } from "./admin/rest-types.js";
export type { paths as LakeFSApiPaths, components as LakeFSApiComponents } from "./admin/generated/openapi.js";
export type { Camelize, CamelCase } from "./admin/camelize.js";
export type { CallOptions } from "./http/call-options.js";
