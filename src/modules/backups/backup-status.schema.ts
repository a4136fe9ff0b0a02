import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { BACKUP_INCIDENT_KINDS } from './backup-evaluation.js';
import { COMPLIANCE_STATES, PERIOD_RPO_STATES, WINDOW_KINDS, WINDOW_STATES } from './rpo.js';
import { RETENTION_STATES } from './retention.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant('must be an ISO 8601 date-time such as 2026-11-23T02:00:00Z');

/**
 * An asset's overall backup status: the worst thing that is true of it. `no_evidence`: not one
 * successful run recorded, so nothing shows the asset can be restored (never OK).
 */
export const BACKUP_ASSET_STATUSES = [
  'ok',
  'failing',
  'missed',
  'non_compliant',
  'no_evidence',
] as const;
export type BackupAssetStatus = (typeof BACKUP_ASSET_STATUSES)[number];

export const alertDeliverySchema = z.object({
  messageId: z.uuid(),
  purpose: z.enum(['opened', 'recovered']).describe('The alert when it opened, or the follow-up'),
  recipient: z.string(),
  subject: z.string(),
  status: z.string().describe('Outbox status: pending, sending, sent or failed'),
  attempts: z.number().int(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  attemptsLog: z.array(
    z.object({ attemptedAt: z.string(), succeeded: z.boolean(), detail: z.string() }),
  ),
});
export type AlertDelivery = z.infer<typeof alertDeliverySchema>;

export const backupIncidentViewSchema = z.object({
  id: z.uuid(),
  assetKey: z.string(),
  kind: z.enum(BACKUP_INCIDENT_KINDS),
  summary: z.string(),
  beganAt: z.string().describe('The failed run’s start, or the missed window’s deadline'),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  triggerRunId: z.uuid().nullable(),
  recoveryRunId: z.uuid().nullable(),
  alerts: z.array(alertDeliverySchema),
});
export type BackupIncidentView = z.infer<typeof backupIncidentViewSchema>;

const windowSchema = z.object({
  kind: z.enum(WINDOW_KINDS),
  state: z.enum(WINDOW_STATES),
  lastSuccessAt: z.string().nullable(),
  dueBy: z
    .string()
    .nullable()
    .describe('Last success (or start of monitoring) + frequency + grace'),
});

const rpoSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    state: z
      .enum(PERIOD_RPO_STATES)
      .describe('no_evidence: no successful recovery point at all by the end of the period'),
    achievedMs: z
      .number()
      .nullable()
      .describe(
        'Largest exposure in the period: the largest gap between consecutive successful recovery points, the first from the latest point before the period, the last to its end (docs/backups-rpo.md); null without evidence',
      ),
    achieved: z
      .string()
      .describe('achievedMs as the web pages and the CLI print it ("3 d 2 h"), or "no evidence"'),
    targetMs: z.number(),
    target: z.string().describe('targetMs printed the same way'),
    met: z.boolean().describe('state is met'),
    recoveryPoints: z.number().int().describe('Successful recovery points inside the period'),
    worstGap: z.object({ from: z.string(), to: z.string() }).nullable(),
  })
  .describe('The RPO achieved over the period, computed once (docs/backups-rpo.md)');

const policySchema = z.object({
  source: z.string(),
  incrementalEvery: z.string().nullable(),
  fullEvery: z.string().nullable(),
  grace: z.string(),
  retention: z.string(),
  rpo: z.string(),
  rto: z.string(),
  encryptionRequired: z.boolean(),
  offsiteRequired: z.boolean(),
  requiredRegions: z.array(z.string()),
  alertRecipients: z.array(z.string()),
  monitoringSince: z.string(),
});

export const backupAssetStatusSchema = z.object({
  assetKey: z.string(),
  assetName: z.string(),
  ownerRole: z.string(),
  status: z.enum(BACKUP_ASSET_STATUSES),
  policy: policySchema,
  lastSuccessAt: z.string().nullable(),
  lastFullSuccessAt: z.string().nullable(),
  windows: z.array(windowSchema),
  failedRunsLast30Days: z.number().int(),
  openIncidents: z.array(backupIncidentViewSchema.omit({ alerts: true })),
  rpoLast30Days: rpoSchema,
  encryption: z.object({
    state: z.enum(COMPLIANCE_STATES),
    unencryptedRuns: z.number().int(),
  }),
  regions: z.object({
    state: z.enum(COMPLIANCE_STATES),
    requiredRegions: z.array(z.string()),
    coveredRegions: z.array(z.string()),
    missingRegions: z.array(z.string()),
  }),
  retention: z
    .object({
      state: z.enum(RETENTION_STATES),
      retention: z.string().describe('The policy retention: an ISO 8601 duration or indefinite'),
      tool: z.string().nullable().describe('The tool whose snapshot listing was read'),
      listedAt: z.string().nullable().describe('When the latest snapshot listing was imported'),
      oldestPointAt: z.string().nullable().describe('The oldest restorable point it listed'),
      pointCount: z.number().int().nullable(),
      requiredOldestPointAt: z
        .string()
        .nullable()
        .describe('The latest the oldest point may be to meet the retention; null if indefinite'),
    })
    .describe(
      'The retention check against the latest snapshot listing (docs/backup-evaluation.md)',
    ),
});
export type BackupAssetStatusView = z.infer<typeof backupAssetStatusSchema>;

export const backupStatusQuerySchema = z.object({
  at: isoDateTime.optional().describe('Evaluate at this instant (default now)'),
});

export const backupStatusSchema = z.object({
  at: z.string(),
  counts: z.record(z.enum(BACKUP_ASSET_STATUSES), z.number().int()),
  items: z.array(backupAssetStatusSchema),
});
export type BackupStatusView = z.infer<typeof backupStatusSchema>;

export const backupAssetParamsSchema = z.object({ key: registerKeySchema });

export const backupAssetQuerySchema = z
  .object({
    from: isoDateTime.optional().describe('Start of the period (default: 30 days before `to`)'),
    to: isoDateTime.optional().describe('End of the period (default now)'),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['from'],
    message: 'must be before to',
  });

export const backupRunSummarySchema = z.object({
  id: z.uuid(),
  tool: z.string(),
  job: z.string().nullable(),
  status: z.string(),
  backupType: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  recoveryPointAt: z.string(),
  encrypted: z.boolean().nullable(),
  region: z.string().nullable(),
  message: z.string().nullable(),
});

export const backupAssetDetailSchema = z.object({
  from: z.string(),
  to: z.string(),
  status: backupAssetStatusSchema,
  runs: z.object({
    total: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int().describe('Failed and partial runs'),
    items: z
      .array(backupRunSummarySchema)
      .describe('The period’s runs, newest first (at most 500)'),
  }),
  rpo: rpoSchema,
  incidents: z.array(backupIncidentViewSchema),
});
export type BackupAssetDetailView = z.infer<typeof backupAssetDetailSchema>;

export const listBackupIncidentsQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'closed']).optional(),
  asset: registerKeySchema.optional(),
  at: isoDateTime.optional().describe('As it stood at this instant (default now)'),
});
export type ListBackupIncidentsQuery = z.infer<typeof listBackupIncidentsQuerySchema>;

export const backupIncidentListSchema = pageSchema(backupIncidentViewSchema);
