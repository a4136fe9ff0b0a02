import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAttachmentRoutes } from '../modules/attachments/attachments.routes.js';
import { registerAccessManagementRoutes } from '../modules/people/access-management.routes.js';
import { registerAuditLogRoutes } from '../modules/audit-log/audit-log.routes.js';
import { registerBackupPolicyRoutes } from '../modules/backups/backup-policies.routes.js';
import { registerBackupRunRoutes } from '../modules/backups/backup-runs.routes.js';
import { registerBackupStatusRoutes } from '../modules/backups/backup-status.routes.js';
import { registerControlsRoutes } from '../modules/controls/controls.routes.js';
import { registerAuditorEngagementRoutes } from '../modules/identity/auditor-engagements.routes.js';
import { registerIdentityRoutes } from '../modules/identity/identity.routes.js';
import { createOidcClient } from '../modules/identity/oidc-client.js';
import { registerSsoRoutes } from '../modules/identity/sso.routes.js';
import { registerNonconformanceRoutes } from '../modules/nonconformances/nonconformances.routes.js';
import { registerCapaRoutes } from '../modules/capas/capas.routes.js';
import { createPrincipalCache } from '../modules/identity/principal-cache.js';
import { createPrincipalResolver } from '../modules/identity/resolve-principal.js';
import { registerUserAdminRoutes } from '../modules/identity/users.routes.js';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.js';
import { registerOccurrenceRoutes } from '../modules/occurrences/occurrences.routes.js';
import { registerOscalRoutes } from '../modules/oscal/oscal.routes.js';
import { registerPackRoutes } from '../modules/packs/packs.routes.js';
import { createPackJobRunner, type PackJobRunner } from '../modules/packs/run-pack-job.js';
import { registerPostureRoutes } from '../modules/posture/posture.routes.js';
import { registerRecoveryRoutes } from '../modules/recovery/recovery.routes.js';
import { registerRegisterRoutes } from '../modules/register/register.routes.js';
import { registerLifecycleRoutes } from '../modules/provisioning/provisioning.routes.js';
import { registerTerraformRoutes } from '../modules/terraform/terraform.routes.js';
import { registerReviewRoutes } from '../modules/inventory-reviews/reviews.routes.js';
import { registerAccessReviewRoutes } from '../modules/access-reviews/access-reviews.routes.js';
import { registerWalkthroughRoutes } from '../modules/walkthrough/walkthrough.routes.js';
import { registerVulnerabilityRoutes } from '../modules/vulnerabilities/vulnerabilities.routes.js';
import { registerWorkOrderRoutes } from '../modules/work-orders/work-orders.routes.js';
import { registerMonitoringRoutes } from '../modules/alerts/alerts.routes.js';
import { registerChangeRoutes } from '../modules/changes/changes.routes.js';
import { installAccessControl, registerPublicContent } from '../platform/http/access.js';
import { canonicalRequestUrl } from '../platform/http/canonical-url.js';
import { asApi } from '../platform/http/api-types.js';
import { installCloseUnreadBodies } from '../platform/http/close-unread-bodies.js';
import { installErrorHandler } from '../platform/http/error-handler.js';
import { errorComponentSchema, withErrorResponses } from '../platform/http/error-responses.js';
import { responseSerializerCompiler } from '../platform/http/response-serializer.js';
import type { AppContext } from '../platform/context.js';
import { registerHealthRoutes } from './health.routes.js';
import { registerOrganisationRoutes } from '../modules/organisation/organisation.routes.js';
import { registerMetricsRoutes } from './metrics.routes.js';
import { registerCertificateRoutes } from '../modules/certificates/certificates.routes.js';
import { registerDocumentRoutes } from '../modules/documents/documents.routes.js';
import { registerTrainingRoutes } from '../modules/training/training.routes.js';
import { registerSearchRoutes } from '../modules/search/search.routes.js';
import { registerCalendarRoutes } from '../modules/calendar/calendar.routes.js';
import { registerSupplierReviewRoutes } from '../modules/supplier-reviews/supplier-reviews.routes.js';

/** Where the built web app lives: dist/web next to the compiled server. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface ServerOptions {
  /** Directory of the built web UI; when absent the API is served alone. */
  webRoot?: string | undefined;
  /** The evidence-pack queue (started by the composition root); one without sweeps when absent. */
  packRunner?: PackJobRunner | undefined;
}

/** Builds the HTTP server: security plugins, access control, OpenAPI, every module's routes, the web UI. */
export async function buildServer(
  ctx: AppContext,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // One spelling per path before routing (percent-encoded letters, dot segments, `//`, a
    // trailing slash), and fixed segments matched whatever their case: every spelling of a path
    // reaches the same route, and so the same access rule (platform/http/canonical-url.ts).
    rewriteUrl: (request) => canonicalRequestUrl(request.url ?? '/'),
    routerOptions: { caseSensitive: false },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Plumbline API',
        version: ctx.version,
        description: 'Infrastructure register, controls and evidence.',
      },
      components: {
        schemas: { Error: errorComponentSchema as Record<string, unknown> },
        securitySchemes: {
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token created by an admin',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'plumbline_session' },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: withErrorResponses(jsonSchemaTransform),
  });
  // Before any route is registered, so that every route passes through its access declaration.
  installAccessControl(
    app,
    createPrincipalResolver(ctx, { cache: createPrincipalCache(ctx) }),
    ctx,
  );
  installErrorHandler(app);
  installCloseUnreadBodies(app);
  ctx.metrics.instrument(app);
  await registerPublicContent(app, async (scope) => {
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  const api = asApi(app);
  api.get('/api/v1/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: () => app.swagger(),
  });
  registerHealthRoutes(api, ctx);
  registerMetricsRoutes(api, ctx);
  const oidc = ctx.config.sso ? createOidcClient(ctx.config.sso) : null;
  registerIdentityRoutes(api, ctx, oidc);
  registerOrganisationRoutes(api, ctx);
  registerSsoRoutes(api, ctx, oidc);
  registerUserAdminRoutes(api, ctx);
  registerAuditorEngagementRoutes(api, ctx);
  registerAuditLogRoutes(api, ctx);
  registerRegisterRoutes(api, ctx);
  registerReviewRoutes(api, ctx);
  registerOccurrenceRoutes(api, ctx);
  registerNotificationRoutes(api, ctx);
  registerControlsRoutes(api, ctx);
  registerPostureRoutes(api, ctx);
  const packRunner = options.packRunner ?? createPackJobRunner(ctx, { sweep: false });
  if (!options.packRunner) app.addHook('onClose', () => packRunner.close());
  registerPackRoutes(api, ctx, packRunner);
  registerOscalRoutes(api, ctx);
  registerWorkOrderRoutes(api, ctx);
  registerAttachmentRoutes(api, ctx);
  registerNonconformanceRoutes(api, ctx);
  registerCapaRoutes(api, ctx);
  registerRecoveryRoutes(api, ctx);
  registerBackupRunRoutes(api, ctx);
  registerBackupStatusRoutes(api, ctx);
  registerBackupPolicyRoutes(api, ctx);
  registerWalkthroughRoutes(api, ctx);
  registerCertificateRoutes(api, ctx);
  registerMonitoringRoutes(api, ctx);
  registerChangeRoutes(api, ctx);
  registerVulnerabilityRoutes(api, ctx);
  registerAccessManagementRoutes(api, ctx);
  registerAccessReviewRoutes(api, ctx);
  registerDocumentRoutes(api, ctx);
  registerTrainingRoutes(api, ctx);
  registerLifecycleRoutes(api, ctx);
  registerTerraformRoutes(api, ctx);
  registerSupplierReviewRoutes(api, ctx);
  registerSearchRoutes(api, ctx);
  registerCalendarRoutes(api, ctx);

  const webRoot = options.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await registerPublicContent(app, (scope) => serveWebApp(scope, webRoot));
  }
  return app;
}

/** The built single-page app: its files, and index.html for every client-side route. */
async function serveWebApp(scope: FastifyInstance, webRoot: string): Promise<void> {
  await scope.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: false,
    // Built files have content hashes in their names: cache them for good. index.html must
    // always be revalidated so a new release is picked up at once.
    setHeaders: (response, filePath) => {
      response.header(
        'cache-control',
        filePath.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
  // Client-side routes (/assets/db-prod-eu, /setup…) all load the single-page app; a missing
  // file (a stale /static chunk, anything with an extension) and unknown API paths are 404s.
  scope.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.toLowerCase().startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(path)) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: `No route GET ${path}` } });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
