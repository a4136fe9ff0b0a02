import { createHash, timingSafeEqual } from 'node:crypto';
import type { Api } from '../platform/http/api-types.js';
import { PROMETHEUS_CONTENT_TYPE } from '../platform/metrics/prometheus.js';
import type { AppContext } from '../platform/context.js';

/** Compares digests, so neither the token's content nor its length leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The secret a scraper sent: the password of HTTP Basic credentials (Prometheus `basic_auth`,
 * any user name), or a bearer token. Today the access layer claims every `Bearer` header as an
 * API token and refuses unknown ones before any handler runs, so scrapers send Basic.
 */
function sentSecret(authorization: string | undefined): string | undefined {
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '')?.[1];
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : decoded.slice(colon + 1);
  }
  return /^Bearer (.+)$/i.exec(authorization ?? '')?.[1]?.trim();
}

/**
 * `GET /metrics` in the Prometheus text format when PLUMBLINE_METRICS=on; a 404 when off. It lives outside /api/v1 and outside sign-in on purpose: a scraper
 * holds no user session or role, so the route is `public` to the access layer and checks its own
 * secret (PLUMBLINE_METRICS_TOKEN) when one is configured.
 */
export function registerMetricsRoutes(
  api: Api,
  ctx: Pick<AppContext, 'config' | 'metrics' | 'logger'>,
): void {
  const { enabled, token } = ctx.config.metrics;
  if (!enabled) {
    // Declared anyway, so the web app's catch-all never answers this path with its page.
    api.get('/metrics', {
      config: { access: 'public' },
      schema: { hide: true },
      handler: (_request, reply) =>
        reply.status(404).send({
          error: { code: 'not_found', message: 'Metrics are off (PLUMBLINE_METRICS=on)' },
        }),
    });
    return;
  }
  if (token === undefined)
    ctx.logger.warn(
      'PLUMBLINE_METRICS=on without PLUMBLINE_METRICS_TOKEN: /metrics answers anyone who reaches the port',
    );
  api.get('/metrics', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      if (token !== undefined) {
        const given = sentSecret(request.headers.authorization);
        if (given === undefined || !sameSecret(given, token)) {
          return reply
            .status(401)
            .header('www-authenticate', 'Basic realm="plumbline-metrics", charset="UTF-8"')
            .send({
              error: {
                code: 'unauthenticated',
                message: 'Send PLUMBLINE_METRICS_TOKEN as the password of HTTP Basic credentials',
              },
            });
        }
      }
      return reply
        .header('content-type', PROMETHEUS_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .send(await ctx.metrics.registry.render());
    },
  });
}
