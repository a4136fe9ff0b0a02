/**
 * What a request log line may say of a URL. Some URLs carry a credential: a calendar feed's
 * address is its only secret (a calendar app sends no header), and a sign-in callback carries
 * the provider's one-time code and state. Logs go to places the secrets must not (log shippers,
 * support tickets), so those parts are replaced before the line is written.
 */
const SECRET_PATH_SEGMENTS: readonly RegExp[] = [/^(\/api\/v1\/calendar\/feeds\/)[^/?#]+/];
const SECRET_QUERY_PARAMETERS: ReadonlySet<string> = new Set(['code', 'state', 'token']);
export const REDACTED = '[redacted]';

/** The URL with its secret path segments and query values replaced by `[redacted]`. */
export function redactUrlSecrets(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  for (const pattern of SECRET_PATH_SEGMENTS) path = path.replace(pattern, `$1${REDACTED}`);
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came.
      }
      return equals !== -1 && SECRET_QUERY_PARAMETERS.has(decoded) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/** The request serializer of the server's logger: Fastify's fields, with the URL redacted. */
export function serializeRequestForLog(request: LoggedRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrlSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
