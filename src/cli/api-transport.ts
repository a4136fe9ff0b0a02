import {
  createApiClient,
  type ApiClient,
  type ApiTransport,
  type TransportRequest,
} from '../shared/api/api-client.js';
import { CliExit, EXIT } from './exit-codes.js';

export interface CliTransportOptions {
  url: string;
  token: string | undefined;
  fetch?: typeof fetch | undefined;
  /** A person's session (`signInAsPerson`) instead of a token: what an e-signature needs. */
  session?: { cookie: string; csrfToken: string };
}

/**
 * How the CLI reaches the API: the server at `--url`, with an API token (or a person's session
 * cookie and CSRF header), a streamed body sent as it is read, and an unreachable server turned
 * into its own exit code.
 */
export function cliTransport(options: CliTransportOptions): ApiTransport {
  const doFetch = options.fetch ?? fetch;
  const credentials: Record<string, string> = options.session
    ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken }
    : options.token
      ? { authorization: `Bearer ${options.token}` }
      : {};
  return {
    async send(request: TransportRequest): Promise<Response> {
      const streamed = request.body instanceof ReadableStream;
      try {
        return await doFetch(new URL(request.url, options.url), {
          method: request.method,
          headers: { ...request.headers, ...credentials },
          body: request.body,
          // fetch sends a stream only half-duplex: the request whole before the answer.
          ...(streamed ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (error) {
        throw new CliExit(
          EXIT.unreachable,
          `Cannot reach Plumbline at ${options.url}: ${(error as Error).message}`,
        );
      }
    },
  };
}

/** The CLI's client for the REST API. */
export function createCliClient(options: CliTransportOptions): ApiClient {
  return createApiClient(cliTransport(options));
}

/** The cookies a response sets, as a Cookie header sends them back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.includes('='))
    .join('; ');
}

/**
 * Signs a person in (password, then a TOTP code when the account has MFA) and answers a client on
 * that session: API tokens cannot sign, so commands that sign (`access-reviews sign`) act as the
 * person, who re-enters the password for the signature itself.
 */
export async function signInAsPerson(
  options: Omit<CliTransportOptions, 'token' | 'session'>,
  person: { email: string; password: string; totpCode?: string | undefined },
): Promise<ApiClient> {
  const anonymous = cliTransport({ ...options, token: undefined });
  let cookie = '';
  const login = createApiClient({
    async send(request) {
      const response = await anonymous.send(request);
      cookie = cookiesOf(response);
      return response;
    },
  });
  const signedIn = await login.send('POST', '/auth/login', {
    body: { email: person.email, password: person.password },
  });
  const client = createCliClient({
    ...options,
    token: undefined,
    session: { cookie, csrfToken: signedIn.csrfToken ?? '' },
  });
  if (signedIn.state === 'enrol_required') {
    throw new CliExit(EXIT.failure, `${person.email} must enrol MFA in the web app first`);
  }
  if (signedIn.state !== 'active') {
    if (!person.totpCode) {
      throw new CliExit(EXIT.usage, `${person.email} has MFA: give --totp-code to sign in`);
    }
    await client.send('POST', '/auth/mfa/verify', { body: { code: person.totpCode } });
  }
  return client;
}
