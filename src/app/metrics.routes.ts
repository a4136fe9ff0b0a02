import { createHash, timingSafeEqual } from 'node:crypto';
import type { Api } from '../platform/http/api-types.js';
import { PROMETHEUS_CONTENT_TYPE } from '../platform/metrics/prometheus.js';
import type { AppContext } from './context.js';

/** Compares digests, so neither the token's content nor its length leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET /metrics` in the Prometheus text format when PLUMBLINE_METRICS=on; a 404 when off. It lives outside /api/v1 and outside sign-in on purpose: a scraper
 * holds no user session or role, so the route is `public` to the access layer and checks its own
 * bearer token (PLUMBLINE_METRICS_TOKEN) when one is configured.
 */
export function registerMetricsRoutes(api: Api, ctx: Pick<AppContext, 'config' | 'metrics'>): void {
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
  api.get('/metrics', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request, reply) => {
      if (token !== undefined) {
        const header = request.headers.authorization ?? '';
        const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
        if (!sameSecret(given, token)) {
          return reply
            .status(401)
            .header('www-authenticate', 'Bearer realm="metrics"')
            .send({
              error: { code: 'unauthenticated', message: 'Send the metrics bearer token' },
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
