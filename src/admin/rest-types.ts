import type { CallOptions } from "../http/call-options.js";
import type { paths } from "./generated/openapi.js";

/**
 * HTTP methods of the lakeFS REST API.
 *
 * @public
 */
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head";

/**
 * The REST paths that have an operation for method `M`.
 *
 * @public
 */
export type PathsWithMethod<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: infer Op } ? (Op extends object ? P : never) : never;
}[keyof paths];

/**
 * The OpenAPI operation at a path and method.
 *
 * @public
 */
export type OperationAt<P extends keyof paths, M extends HttpMethod> = paths[P] extends { [K in M]: infer Op } ? Op : never;

type ParamsOf<Op> = Op extends { parameters: infer Pa } ? Pa : object;
type PathParamsOf<Op> = ParamsOf<Op> extends { path: infer X } ? X : undefined;
type QueryParamsOf<Op> = ParamsOf<Op> extends { query?: infer X } ? X : undefined;
type JsonBodyOf<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? { body: B }
  : Op extends { requestBody?: { content: { "application/json": infer B } } }
    ? { body?: B }
    : { body?: undefined };
type JsonOf<Resp> = Resp extends { content: { "application/json": infer J } }
  ? J
  : Resp extends { content: { "text/html": string } | { "text/plain": string } }
    ? string
    : void;
type SuccessStatus = 200 | 201 | 202 | 204;

/**
 * The JSON body of an operation's success response (`void` for 204).
 *
 * @public
 */
export type SuccessBody<Op> = Op extends {
  /** The operation's responses by status code. */
  responses: infer R;
}
  ? { [S in keyof R & SuccessStatus]: JsonOf<R[S]> }[keyof R & SuccessStatus]
  : never;

/**
 * Everything one typed REST request needs: path and query parameters and body
 * as the OpenAPI spec defines them for that operation.
 *
 * @public
 */
export type RestRequestInit<Op> = CallOptions &
  (PathParamsOf<Op> extends undefined
    ? {
        /** The operation has no path parameters. */
        path?: undefined;
      }
    : {
        /** Path parameters, e.g. `{ repository: "my-repo" }` for `/repositories/{repository}`. */
        path: PathParamsOf<Op>;
      }) & {
    /** Query parameters as the spec names them (`after`, `amount`, `prefix`, …). */
    query?: QueryParamsOf<Op>;
    /** Extra request headers the spec defines for the operation (such as `If-None-Match`). */
    headers?: Readonly<Record<string, string>>;
  } & JsonBodyOf<Op>;
