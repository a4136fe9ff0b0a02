import { z } from 'zod';
import { backupRunViewSchema } from '../backups/backup-run.schema.js';
import {
  BACKUP_ASSET_STATUSES,
  backupIncidentViewSchema,
} from '../backups/backup-status.schema.js';
import { nonconformanceViewSchema } from '../nonconformances/nonconformance.schema.js';
import { CONTROL_STATUSES } from '../posture/control-status.js';
import { drExerciseViewSchema } from './dr-exercise.schema.js';
import { restoreTestViewSchema } from './restore-test.schema.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

const isoDateTime = isoInstant('must be an ISO date-time such as 2026-06-30T23:59:59Z');

export const soc2A12QuerySchema = z.object({
  at: isoDateTime.optional().describe('As the records stood at this instant (default: now)'),
});
export type Soc2A12Query = z.infer<typeof soc2A12QuerySchema>;

/** The kinds of evidence a mapped control is judged on (its evaluation source, or manual work). */
export const A12_EVIDENCE_KINDS = [
  'backup-runs',
  'restore-tests',
  'dr-exercises',
  'deficiencies',
  'work-orders',
] as const;
export type A12EvidenceKind = (typeof A12_EVIDENCE_KINDS)[number];

export const soc2A12ItemSchema = z.object({
  key: z.string().describe('soc2:A1.2-action-4'),
  reference: z.string(),
  title: z.string(),
  kind: z.enum(['criterion', 'action', 'focus']),
  status: z.enum(CONTROL_STATUSES).describe('The worst status of its controls (posture)'),
  controls: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      status: z.enum(CONTROL_STATUSES),
      evaluation: z.string(),
    }),
  ),
  evidenceKinds: z
    .array(z.enum(A12_EVIDENCE_KINDS))
    .describe('Which sections of the evidence below support this item'),
});

export type Soc2A12Item = z.infer<typeof soc2A12ItemSchema>;

export const soc2A12PageSchema = z.object({
  at: z.string(),
  status: z.enum(CONTROL_STATUSES).describe('The worst status of the A1.2 items'),
  items: z.array(soc2A12ItemSchema),
  evidence: z.object({
    backups: z.object({
      counts: z.record(z.enum(BACKUP_ASSET_STATUSES), z.number().int()),
      latestRuns: z.array(backupRunViewSchema),
      recentIncidents: z.array(backupIncidentViewSchema),
      retention: z
        .object({
          met: z.number().int(),
          notMet: z.number().int(),
          noListing: z.number().int(),
          assetsNotMet: z.array(
            z.object({
              assetKey: z.string(),
              retention: z.string(),
              listedAt: z.string().nullable(),
              oldestPointAt: z.string().nullable(),
              requiredOldestPointAt: z.string().nullable(),
            }),
          ),
        })
        .describe('Retention checked against the latest snapshot listing of each asset'),
    }),
    restoreTests: z.object({
      total: z.number(),
      passed: z.number(),
      failed: z.number(),
      verified: z.number(),
      latest: z.array(restoreTestViewSchema),
    }),
    drExercises: z.object({ total: z.number(), latest: z.array(drExerciseViewSchema) }),
    openDeficiencies: z.array(nonconformanceViewSchema),
  }),
});
export type Soc2A12Page = z.infer<typeof soc2A12PageSchema>;
