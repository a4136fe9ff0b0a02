/** Where the CLI's client commands find the server, from flags first, then the environment. */
export function clientDefaults(env: Record<string, string | undefined>): {
  url: string;
  token: string | undefined;
} {
  return {
    url: env.PLUMBLINE_URL?.trim() || 'http://localhost:8080',
    token: env.PLUMBLINE_TOKEN?.trim() || undefined,
  };
}
