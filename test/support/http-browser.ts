/**
 * A minimal browser over real HTTP for sign-in flows: a cookie jar (host-wide, as browsers do:
 * cookies ignore the port), redirects followed by hand, and the forms of oidc-provider's
 * development login and consent pages submitted.
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  /** The value of a cookie in the jar, if any. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const cookie = [...this.cookies.entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /**
   * Follows redirects from `url`, signing in at the provider as `login` when its login page
   * appears and consenting when asked, until an answer that is not a redirect or a redirect
   * to a page of the web app (on `appOrigin`, outside /api). Returns that last URL and response.
   */
  async follow(
    url: string,
    login: string,
    appOrigin = new URL(url).origin,
  ): Promise<{ url: URL; response: Response }> {
    let current = new URL(url);
    let form: Record<string, string> | undefined;
    for (let step = 0; step < 20; step += 1) {
      const response = await this.request(current.href, form ? { form } : {});
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        const next = new URL(location, current);
        await response.body?.cancel();
        if (next.origin === appOrigin && !next.pathname.startsWith('/api/'))
          return { url: next, response };
        current = next;
        continue;
      }
      const html = response.headers.get('content-type')?.includes('html')
        ? await response.text()
        : '';
      const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) return { url: current, response };
      if (!prompt) {
        // A page that submits itself (the provider ending another person's session first).
        if (!html.includes('document.forms[0].submit()')) return { url: current, response };
        const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)];
        current = new URL(action.replace(/&amp;/g, '&'), current);
        form = Object.fromEntries(hidden.map(([, name = '', value = '']) => [name, value]));
        continue;
      }
      current = new URL(action.replace(/&amp;/g, '&'), current);
      form = prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  private store(header: string) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    const attribute = (key: string) =>
      attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const expires = attribute('expires');
    const gone =
      value === '' ||
      attribute('max-age') === '0' ||
      (expires !== undefined && new Date(expires).getTime() < Date.now());
    if (gone) this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attribute('path') ?? '/' });
  }
}
