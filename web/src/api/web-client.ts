/**
 * The web app's transport for the shared API client (src/shared/api): the session cookie, the
 * CSRF header on every write, a sign-in prompt when the API says the caller is not (fully) signed
 * in, and upload progress for forms (XMLHttpRequest: fetch cannot report it).
 */
import {
  createApiClient,
  type ApiClient,
  type ApiError,
  type ApiTransport,
  type TransportRequest,
} from '../../../src/shared/api/api-client.js';

export { ApiError, apiUrl, type FieldIssue } from '../../../src/shared/api/api-client.js';

export interface WebApiClient extends ApiClient {
  /** The session's CSRF token, sent with every unsafe request. */
  setCsrfToken(token: string | null): void;
}

export interface WebClientOptions {
  /** Called when the API answers 401: `unauthenticated` or `mfa_required`. */
  onSignInRequired?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

/** Statuses whose response has no body (a Response refuses one). */
const WITHOUT_BODY = new Set([204, 205, 304]);

function sendForm(request: TransportRequest, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onUploadProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    xhr.onload = () => {
      const contentType = xhr.getResponseHeader('content-type');
      resolve(
        new Response(WITHOUT_BODY.has(xhr.status) ? null : xhr.responseText, {
          status: xhr.status,
          headers: contentType ? { 'content-type': contentType } : {},
        }),
      );
    };
    xhr.send(request.body as FormData);
  });
}

/** The API client of the web app. */
export function createWebClient(options: WebClientOptions = {}): WebApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let csrfToken: string | null = null;
  const transport: ApiTransport = {
    send(request) {
      const headers = { ...request.headers };
      if (request.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
      if (request.body instanceof FormData) return sendForm(request, headers);
      return doFetch(request.url, {
        method: request.method,
        headers,
        body: request.body as BodyInit | undefined,
        credentials: 'same-origin',
      });
    },
    failed(error) {
      if (error.status === 401) options.onSignInRequired?.(error);
    },
  };
  return {
    ...createApiClient(transport),
    setCsrfToken(token) {
      csrfToken = token;
    },
  };
}
