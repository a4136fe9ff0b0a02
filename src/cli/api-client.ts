import { CliExit, EXIT } from './exit-codes.js';

export interface ApiClientOptions {
  url: string;
  token: string | undefined;
  fetch?: typeof fetch;
  /** A person's session (`signInAsPerson`) instead of a token: what an e-signature needs. */
  session?: { cookie: string; csrfToken: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const error = (body as { error?: { message?: string } } | null)?.error;
    super(error?.message ?? `HTTP ${status}`);
  }
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  getText(path: string): Promise<string>;
  /** A GET whose body is handed to `sink` as it arrives (a large report), never held whole. */
  download(path: string, sink: (piece: Uint8Array) => Promise<void>): Promise<void>;
  /** Sends one file as multipart/form-data in the given field. */
  upload<T>(
    path: string,
    field: string,
    file: { filename: string; content: Uint8Array },
  ): Promise<T>;
  send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: {
      contentType?: string;
      query?: Record<string, string | boolean | undefined>;
      acceptErrorBody?: boolean;
    },
  ): Promise<T>;
}

function buildUrl(
  base: string,
  path: string,
  query?: Record<string, string | number | boolean | undefined>,
): string {
  const url = new URL(`/api/v1${path}`, base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** The CLI's client for the REST API, authenticated with an API token. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? fetch;
  const headers = (extra: Record<string, string> = {}) => ({
    ...(options.session
      ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken }
      : options.token
        ? { authorization: `Bearer ${options.token}` }
        : {}),
    ...extra,
  });
  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, init);
    } catch (error) {
      throw new CliExit(
        EXIT.unreachable,
        `Cannot reach Plumbline at ${options.url}: ${(error as Error).message}`,
      );
    }
  }
  async function parse<T>(response: Response, acceptErrorBody = false): Promise<T> {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    if (!response.ok && !(acceptErrorBody && response.status === 400))
      throw new ApiError(response.status, body);
    return body as T;
  }
  return {
    async get(path, query) {
      return parse(await call(buildUrl(options.url, path, query), { headers: headers() }));
    },
    async getText(path) {
      const response = await call(buildUrl(options.url, path), { headers: headers() });
      if (!response.ok) return parse(response);
      return response.text();
    },
    async download(path, sink) {
      const response = await call(buildUrl(options.url, path), { headers: headers() });
      if (!response.ok || !response.body) return parse(response);
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        await sink(read.value);
      }
    },
    async upload(path, field, file) {
      const form = new FormData();
      form.append(field, new Blob([new Uint8Array(file.content)]), file.filename);
      return parse(
        await call(buildUrl(options.url, path), { method: 'POST', headers: headers(), body: form }),
      );
    },
    async send(method, path, body, sendOptions = {}) {
      const contentType = sendOptions.contentType ?? 'application/json';
      const payload =
        body === undefined
          ? undefined
          : contentType === 'application/json'
            ? JSON.stringify(body)
            : typeof body === 'string'
              ? body
              : // A copy typed over a plain ArrayBuffer, which both DOM and undici fetch accept.
                new Uint8Array(body as Buffer);
      const response = await call(buildUrl(options.url, path, sendOptions.query), {
        method,
        headers: headers(payload === undefined ? {} : { 'content-type': contentType }),
        body: payload,
      });
      return parse(response, sendOptions.acceptErrorBody);
    },
  };
}

/**
 * Signs a person in (password, then a TOTP code when the account has MFA) and answers a client on
 * that session: API tokens cannot sign, so commands that sign (`access-reviews sign`) act as the
 * person, who re-enters the password for the signature itself.
 */
export async function signInAsPerson(
  options: Omit<ApiClientOptions, 'token' | 'session'>,
  person: { email: string; password: string; totpCode?: string | undefined },
): Promise<ApiClient> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(buildUrl(options.url, '/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
  } catch (error) {
    throw new CliExit(
      EXIT.unreachable,
      `Cannot reach Plumbline at ${options.url}: ${(error as Error).message}`,
    );
  }
  const body = (await response.json().catch(() => null)) as {
    state?: string;
    csrfToken?: string;
  } | null;
  if (!response.ok) throw new ApiError(response.status, body);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.includes('='))
    .join('; ');
  const client = createApiClient({
    ...options,
    token: undefined,
    session: { cookie, csrfToken: body?.csrfToken ?? '' },
  });
  if (body?.state === 'enrol_required') {
    throw new CliExit(EXIT.failure, `${person.email} must enrol MFA in the web app first`);
  }
  if (body?.state !== 'active') {
    if (!person.totpCode) {
      throw new CliExit(EXIT.usage, `${person.email} has MFA: give --totp-code to sign in`);
    }
    await client.send('POST', '/auth/mfa/verify', { code: person.totpCode });
  }
  return client;
}
