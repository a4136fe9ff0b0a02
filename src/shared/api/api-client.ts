/**
 * The one client of the REST API, shared by the web app and the CLI. Its paths, parameters, bodies
 * and answers are typed by the contract generated from the route schemas (contract.generated.ts),
 * so a call site names a path and gets its types: `client.get('/assets/{key}', { path: { key } })`.
 * How a request reaches the server (cookies and CSRF header in the browser, a bearer token or a
 * person's session in the CLI) is the transport's business, injected by each side.
 *
 * Imports nothing from Node or the server: the browser bundle includes it.
 */
import { ApiError, isErrorBody } from './api-error.js';
import type {
  ApiMethod,
  ApiPath,
  ApiVerb,
  PathsWith,
  RequestOf,
  ResponseOf,
  ResponsesOf,
} from './api-contract.js';

export type {
  ApiMethod,
  ApiPath,
  ApiVerb,
  BodyOf,
  ItemOf,
  PathsWith,
  QueryOf,
  RequestOf,
  ResponseOf,
  ResponsesOf,
} from './api-contract.js';
export { ApiError, type FieldIssue } from './api-error.js';

export const API_PREFIX = '/api/v1';

/** A body that is not JSON: a CSV, a tool's raw output (whole or streamed). */
export interface RawBody {
  contentType: string;
  content: string | Uint8Array | ReadableStream<Uint8Array>;
}

/** One request as the client hands it to the transport. */
export interface TransportRequest {
  method: ApiVerb;
  /** `/api/v1/…?query`: the transport adds the origin it talks to. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | ReadableStream<Uint8Array> | FormData;
  /** How much of an upload has been sent (0 to 1), when the transport can tell. */
  onUploadProgress?: (fraction: number) => void;
}

/** How requests reach the server: the only part that differs between the web app and the CLI. */
export interface ApiTransport {
  /** Sends one request and answers the server's response, whatever its status. */
  send(request: TransportRequest): Promise<Response>;
  /** Told of every failed call before it is thrown (the web app asks to sign in again on 401). */
  failed?(error: ApiError): void;
}

/** What every call may add to its declared `path`, `query` and `body`. */
export interface CallOptions<Status = never> {
  /** Statuses whose answer is returned rather than thrown when it is not an error body. */
  answerStatuses?: readonly Status[];
  /** A body that is not JSON, instead of `body`. */
  raw?: RawBody;
  /** A multipart form (a file upload), instead of `body`. */
  form?: FormData;
  onUploadProgress?: (fraction: number) => void;
}

/** The request argument: optional when nothing in it is required. */
type Args<Request, Extra> = string extends keyof Request
  ? [request?: Extra]
  : Record<never, never> extends Request
    ? [request?: Request & Extra]
    : [request: Request & Extra];

type Answer<P extends ApiPath, M extends ApiMethod, Status> =
  ResponseOf<P, M> | ResponsesOf<P, M>[Extract<keyof ResponsesOf<P, M>, Status>];

type ParameterValue = string | number | boolean | null | undefined;

interface AnyRequest extends CallOptions<number> {
  path?: Record<string, string | number>;
  query?: Record<string, ParameterValue>;
  body?: unknown;
}

export interface ApiClient {
  /** A GET answering JSON. */
  get<P extends PathsWith<'get'>>(
    path: P,
    ...request: Args<RequestOf<P, 'get'>, CallOptions>
  ): Promise<ResponseOf<P, 'get'>>;
  /** A write: POST, PUT, PATCH or DELETE, with its JSON body, a raw body or a form. */
  send<
    V extends Exclude<ApiVerb, 'GET'>,
    P extends PathsWith<Lowercase<V>>,
    const Status extends number = never,
  >(
    method: V,
    path: P,
    ...request: Args<RequestOf<P, Lowercase<V>>, CallOptions<Status>>
  ): Promise<Answer<P, Lowercase<V>, Status>>;
  /** A GET answering text (CSV, iCalendar, HTML). */
  getText<P extends PathsWith<'get'>>(
    path: P,
    ...request: Args<RequestOf<P, 'get'>, CallOptions>
  ): Promise<string>;
  /** A successful GET's response, its body unread: a download read as it arrives. */
  open<P extends PathsWith<'get'>>(
    path: P,
    ...request: Args<RequestOf<P, 'get'>, CallOptions>
  ): Promise<Response>;
}

/** `/api/v1<path>?query`: path parameters filled in and encoded, empty query values left out. */
export function apiUrl<P extends PathsWith<'get'>>(
  path: P,
  ...request: Args<RequestOf<P, 'get'>, object>
): string {
  return urlOf(path, request[0]);
}

function urlOf(path: string, request: Partial<AnyRequest> = {}): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = request.path?.[name];
    if (value === undefined) throw new TypeError(`The path ${path} needs its ${name} parameter`);
    return encodeURIComponent(String(value));
  });
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `${API_PREFIX}${filled}${search ? `?${search}` : ''}`;
}

/**
 * The JSON answer of a path that answers text in another format (`format=csv`, `format=html`),
 * asked for as JSON: typed without the text.
 */
export function jsonAnswer<T>(answer: T): Exclude<T, string> {
  if (typeof answer === 'string') throw new TypeError('The server answered text, not JSON');
  return answer as Exclude<T, string>;
}

function parseAnswer(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function requestBody(request: AnyRequest): Pick<TransportRequest, 'body' | 'headers'> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.form) return { headers, body: request.form };
  if (request.raw) {
    headers['content-type'] = request.raw.contentType;
    return { headers, body: request.raw.content };
  }
  if (request.body === undefined) return { headers };
  headers['content-type'] = 'application/json';
  return { headers, body: JSON.stringify(request.body) };
}

/** The client over a transport. */
export function createApiClient(transport: ApiTransport): ApiClient {
  async function fail(response: Response): Promise<never> {
    const error = new ApiError(response.status, parseAnswer(await response.text()));
    transport.failed?.(error);
    throw error;
  }

  async function call(method: ApiVerb, path: string, request: AnyRequest = {}): Promise<Response> {
    return transport.send({
      method,
      url: urlOf(path, request),
      ...requestBody(request),
      ...(request.onUploadProgress ? { onUploadProgress: request.onUploadProgress } : {}),
    });
  }

  async function json(method: ApiVerb, path: string, request: AnyRequest = {}): Promise<never> {
    const response = await call(method, path, request);
    const body = parseAnswer(await response.text());
    const answered =
      response.ok ||
      ((request.answerStatuses ?? []).includes(response.status) && !isErrorBody(body));
    if (answered) return body as never;
    const error = new ApiError(response.status, body);
    transport.failed?.(error);
    throw error;
  }

  async function open(path: string, request: AnyRequest = {}): Promise<Response> {
    const response = await call('GET', path, request);
    return response.ok ? response : fail(response);
  }

  return {
    get: (path: string, request?: AnyRequest) => json('GET', path, request),
    send: (method: ApiVerb, path: string, request?: AnyRequest) => json(method, path, request),
    getText: async (path: string, request?: AnyRequest) => (await open(path, request)).text(),
    open: (path: string, request?: AnyRequest) => open(path, request),
  } as ApiClient;
}
