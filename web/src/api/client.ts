/**
 * The old untyped calls (`api.get<T>(path)`) of the areas not yet moved to the typed client
 * (`useApiClient()`), made through it so both share one transport and one CSRF token. Deleted
 * with the last of those areas.
 */
import type { WebApiClient } from './web-client.js';

export { ApiError, apiUrl, type FieldIssue } from './web-client.js';

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface SendOptions {
  query?: Query;
  /** Defaults to JSON; CSV imports send `text/csv`. */
  contentType?: 'application/json' | 'text/csv';
  /** A non-2xx answer whose body is not an error body is returned, not thrown (import reports). */
  acceptNonErrorBody?: boolean;
}

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: SendOptions,
  ): Promise<T>;
  /** Posts a multipart form (a file upload), reporting how much of the body has been sent. */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>;
  /** The session's CSRF token, sent with every unsafe request. */
  setCsrfToken(token: string | null): void;
}

interface LooseRequest {
  query?: Query | undefined;
  body?: unknown;
  raw?: { contentType: string; content: string };
  form?: FormData;
  onUploadProgress?: (fraction: number) => void;
  answerStatuses?: number[];
}

interface LooseClient {
  get(path: string, request: LooseRequest): Promise<never>;
  send(method: string, path: string, request: LooseRequest): Promise<never>;
}

const FAILURE_STATUSES = Array.from({ length: 200 }, (_, index) => 400 + index);

/** The untyped calls over the typed client. */
export function untypedClient(client: WebApiClient): ApiClient {
  const loose = client as unknown as LooseClient;
  return {
    get: (path, query) => loose.get(path, { query }),
    send(method, path, body, options = {}) {
      const request: LooseRequest = { query: options.query };
      if (options.contentType === 'text/csv' && typeof body === 'string')
        request.raw = { contentType: 'text/csv', content: body };
      else request.body = body;
      if (options.acceptNonErrorBody) request.answerStatuses = FAILURE_STATUSES;
      return loose.send(method, path, request);
    },
    upload: (path, form, onProgress) =>
      loose.send('POST', path, { form, ...(onProgress ? { onUploadProgress: onProgress } : {}) }),
    setCsrfToken: (token) => client.setCsrfToken(token),
  };
}
