/**
 * Names for parts of the generated contract (contract.generated.ts): what a path and method take
 * and answer. Web and CLI code name response types through these, e.g.
 * `type WorkOrder = ResponseOf<'/work-orders/{id}'>`, instead of writing them by hand.
 */
import type { ApiContract } from './contract.generated.js';

export type { ApiContract };

export type ApiPath = keyof ApiContract;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type ApiVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The paths that answer a method. */
export type PathsWith<M extends ApiMethod> = {
  [P in ApiPath]: M extends keyof ApiContract[P] ? P : never;
}[ApiPath];

type Operation<P extends ApiPath, M extends ApiMethod> = M extends keyof ApiContract[P]
  ? ApiContract[P][M]
  : never;

/** What a call sends: `path` parameters, `query` and JSON `body`, each present when declared. */
export type RequestOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { request: infer R } ? R : never;

/** The body of every documented response status. */
export type ResponsesOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { responses: infer R } ? R : never;

type SuccessStatus = 200 | 201 | 202 | 204;

/** The body of the successful answer (every 2xx status); `unknown` where none is documented. */
export type ResponseOf<P extends ApiPath, M extends ApiMethod = 'get'> = [
  ResponsesOf<P, M>[Extract<keyof ResponsesOf<P, M>, SuccessStatus>],
] extends [never]
  ? unknown
  : ResponsesOf<P, M>[Extract<keyof ResponsesOf<P, M>, SuccessStatus>];

/** The JSON body a call sends. */
export type BodyOf<P extends ApiPath, M extends ApiMethod> =
  RequestOf<P, M> extends { body?: infer B } ? B : never;

/** The query a call takes. */
export type QueryOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  RequestOf<P, M> extends { query?: infer Q } ? NonNullable<Q> : never;

/** One item of a list path's page (`{ items, nextCursor }`). */
export type ItemOf<P extends ApiPath, M extends ApiMethod = 'get'> =
  ResponseOf<P, M> extends { items: Array<infer I> } ? I : never;
