import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';

/** The webhook bodies Plumbline reads, as the tools send them (docs/incidents.md). */
export const ALERT_FORMATS = ['alertmanager', 'grafana'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What the rules decide an alert is for. */
export const ALERT_ACTIONS = ['open-incident', 'evidence'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** The largest webhook body accepted: Alertmanager sends one group of alerts per request. */
export const MAX_WEBHOOK_BYTES = 10 * 1024 * 1024;

export const importAlertsQuerySchema = z.object({
  format: z.enum(ALERT_FORMATS).describe('Which tool sent the body'),
  assetLabels: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$/, 'comma-separated label names')
    .max(500)
    .optional()
    .describe('Label names that map an alert to an asset, in order (default asset,instance,job)'),
});
export type ImportAlertsQuery = z.infer<typeof importAlertsQuerySchema>;

export const importAlertsResultSchema = z.object({
  format: z.enum(ALERT_FORMATS),
  deliveryId: z
    .uuid()
    .describe('The stored webhook body (the same id when it was delivered again)'),
  received: z.number().int().describe('Alerts in the body'),
  created: z.number().int().describe('Alerts recorded for the first time'),
  resolved: z.number().int().describe('Alerts recorded before as firing, now resolved'),
  alreadyRecorded: z.number().int().describe('Alerts already recorded as they are now'),
  unmapped: z.number().int().describe('New alerts that name no known asset (kept, listed)'),
  incidentsOpened: z.array(z.uuid()).describe('Incidents the rules opened for new alerts'),
});
export type ImportAlertsResult = z.infer<typeof importAlertsResultSchema>;

export const alertViewSchema = z.object({
  id: z.uuid(),
  source: z.enum(ALERT_FORMATS),
  fingerprint: z.string(),
  name: z.string().describe('The alertname label'),
  severity: z.string().nullable(),
  status: z.enum(ALERT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  generatorUrl: z.string(),
  assetKey: z.string().nullable().describe('The asset it maps to; null when unmapped'),
  mappedBy: z.string().nullable().describe('The label that mapped it, e.g. instance'),
  rule: z.string().describe('The rule that decided what the alert is for'),
  action: z.enum(ALERT_ACTIONS),
  incidentId: z.uuid().nullable(),
  firstDeliveryId: z.uuid(),
  lastDeliveryId: z.uuid(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type AlertView = z.infer<typeof alertViewSchema>;

export const listAlertsQuerySchema = pageQuerySchema.extend({
  unmapped: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('true: only alerts that map to no asset'),
  status: z.enum(ALERT_STATUSES).optional(),
  asset: z.string().max(200).optional().describe('Asset key'),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;
export const alertPageSchema = pageSchema(alertViewSchema);

export const alertDeliveryViewSchema = z.object({
  id: z.uuid(),
  format: z.enum(ALERT_FORMATS),
  sha256: z.string(),
  alertCount: z.number().int(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  body: z
    .string()
    .describe('The body exactly as received: evidence, to be shown as text, never as markup'),
});
export type AlertDeliveryView = z.infer<typeof alertDeliveryViewSchema>;
