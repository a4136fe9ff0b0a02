/** One field-level problem reported by the API, e.g. `{ path: 'body.criticality', … }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: FieldIssue[];
    details?: Record<string, unknown>;
  };
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body;
}

/** A failed API call, carrying the stable error code and any field issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: unknown) {
    const error = isErrorBody(body) ? body.error : undefined;
    super(error?.message ?? `The server answered HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code ?? (status >= 500 ? 'internal' : 'bad_request');
    this.issues = error?.issues ?? [];
    this.details = error?.details;
  }
}

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

export interface ApiClientOptions {
  /** Called when the API says the caller is not (fully) signed in: 401, `unauthenticated` or `mfa_required`. */
  onSignInRequired?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

/** Builds `/api/v1<path>?query`, dropping empty parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  return parseBody(await response.text());
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The web app's client for the REST API: session cookie plus the CSRF header on writes. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;

  async function request<T>(
    method: string,
    url: string,
    init: RequestInit,
    acceptNonErrorBody = false,
  ): Promise<T> {
    const response = await doFetch(url, { ...init, method, credentials: 'same-origin' });
    const body = await readBody(response);
    if (response.ok || (acceptNonErrorBody && !isErrorBody(body))) return body as T;
    const error = new ApiError(response.status, body);
    if (response.status === 401) options.onSignInRequired?.(error);
    throw error;
  }

  return {
    get(path, query) {
      return request('GET', apiUrl(path, query), { headers: { accept: 'application/json' } });
    },
    send(method, path, body, sendOptions = {}) {
      const contentType = sendOptions.contentType ?? 'application/json';
      const headers: Record<string, string> = { accept: 'application/json' };
      if (csrfToken) headers['x-csrf-token'] = csrfToken;
      let payload: string | undefined;
      if (body !== undefined) {
        headers['content-type'] = contentType;
        payload =
          contentType !== 'application/json' && typeof body === 'string'
            ? body
            : JSON.stringify(body);
      }
      return request(
        method,
        apiUrl(path, sendOptions.query),
        { headers, body: payload },
        sendOptions.acceptNonErrorBody,
      );
    },
    upload(path, form, onProgress) {
      // fetch() cannot report upload progress; XMLHttpRequest can.
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', apiUrl(path));
        xhr.withCredentials = true;
        xhr.setRequestHeader('accept', 'application/json');
        if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress?.(event.loaded / event.total);
        };
        xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
        xhr.onload = () => {
          const body = parseBody(xhr.responseText);
          if (xhr.status >= 200 && xhr.status < 300) {
            resolve(body as never);
            return;
          }
          const error = new ApiError(xhr.status, body);
          if (xhr.status === 401) options.onSignInRequired?.(error);
          reject(error);
        };
        xhr.send(form);
      });
    },
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
