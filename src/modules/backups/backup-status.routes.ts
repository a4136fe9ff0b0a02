import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { listBackupIncidents } from './backup-incident-list.js';
import { getBackupAssetDetail } from './backup-status-asset.js';
import { getBackupStatus } from './backup-status.js';
import {
  backupAssetDetailSchema,
  backupAssetParamsSchema,
  backupAssetQuerySchema,
  backupIncidentListSchema,
  backupStatusQuerySchema,
  backupStatusSchema,
  listBackupIncidentsQuerySchema,
} from './backup-status.schema.js';

/** Continuous backup evaluation as people read it: status, one asset, incidents and alerts. */
export function registerBackupStatusRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'backups:read' as const } };
  api.get('/api/v1/backups/status', {
    config: read,
    schema: {
      tags: ['backups'],
      summary:
        'Per asset under a backup policy: windows, last success, open incidents, RPO achieved over 30 days, encryption and regions',
      querystring: backupStatusQuerySchema,
      response: { 200: backupStatusSchema },
    },
    handler: async (request) => getBackupStatus(ctx, request.query),
  });
  api.get('/api/v1/backups/assets/:key', {
    config: read,
    schema: {
      tags: ['backups'],
      summary: 'One asset’s runs, achieved RPO and incidents with alert deliveries over a period',
      params: backupAssetParamsSchema,
      querystring: backupAssetQuerySchema,
      response: { 200: backupAssetDetailSchema },
    },
    handler: async (request) => getBackupAssetDetail(ctx, request.params.key, request.query),
  });
  api.get('/api/v1/backups/incidents', {
    config: read,
    schema: {
      tags: ['backups'],
      summary:
        'Backup incidents (failed runs, missed windows) with their alert e-mails and deliveries',
      querystring: listBackupIncidentsQuerySchema,
      response: { 200: backupIncidentListSchema },
    },
    handler: async (request) => listBackupIncidents(ctx, request.query),
  });
}
