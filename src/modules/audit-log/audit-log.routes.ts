import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import {
  auditChainReportSchema,
  auditEventPageSchema,
  listAuditEventsQuerySchema,
} from './audit-log.schema.js';
import { listAuditEvents } from './list-audit-events.js';
import { verifyAuditTrail } from './verify-audit-trail.js';

/** The audit trail: browse it and verify its hash chain. */
export function registerAuditLogRoutes(api: Api, ctx: AppContext): void {
  api.get('/api/v1/audit/events', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first (paged)',
      querystring: listAuditEventsQuerySchema,
      response: { 200: auditEventPageSchema },
    },
    handler: async (request) => listAuditEvents(ctx, request.query),
  });
  api.get('/api/v1/audit/verify', {
    config: { access: { permission: 'audit:read' } },
    schema: {
      tags: ['audit'],
      summary:
        'Verify the audit hash chain and hold it against its newest signed checkpoint; reports the first problem',
      response: { 200: auditChainReportSchema },
    },
    handler: async () => verifyAuditTrail(ctx),
  });
}
