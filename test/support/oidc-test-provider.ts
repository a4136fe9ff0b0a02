import type { Server } from 'node:http';
import { once } from 'node:events';
import net from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about a person: their e-mail, name and groups (the groups claim). */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People by login name; change an entry to change what the next ID token says. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/** A free TCP port on the loopback interface, to know a URL before listening on it. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A real OpenID Connect provider (oidc-provider) in this process, on plain HTTP on the loopback
 * interface, with its development login and consent pages: any login name signs in, and the ID
 * token carries the account's e-mail, name and groups.
 */
export async function startOidcTestProvider(options: {
  redirectUri: string;
  /** Where the provider may send the browser after RP-initiated logout. */
  postLogoutRedirectUri?: string;
}): Promise<OidcTestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'plumbline';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const accounts = new Map<string, TestAccount>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // Every ID token says when the person signed in, as Entra ID and Okta tokens do.
        require_auth_time: true,
        ...(options.postLogoutRedirectUri
          ? { post_logout_redirect_uris: [options.postLogoutRedirectUri] }
          : {}),
      },
    ],
    findAccount: (_context: unknown, id: string) => {
      const account = accounts.get(id);
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // Put the requested claims in the ID token itself, as Entra ID and Okta can be told to.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The environment that points Plumbline at the test provider. */
export function ssoEnv(
  provider: OidcTestProvider,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PLUMBLINE_OIDC_ISSUER: provider.issuer,
    PLUMBLINE_OIDC_CLIENT_ID: provider.clientId,
    PLUMBLINE_OIDC_CLIENT_SECRET: provider.clientSecret,
    PLUMBLINE_OIDC_SCOPES: 'openid email profile groups',
    PLUMBLINE_OIDC_ROLE_MAPPING: 'plumbline-admins=admin,plumbline-engineers=engineering',
    PLUMBLINE_OIDC_PROVIDER_NAME: 'Test IdP',
    ...extra,
  };
}
