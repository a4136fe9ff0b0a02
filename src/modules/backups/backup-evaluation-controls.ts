import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import {
  SATISFIABLE_BY_EVIDENCE,
  satisfyOccurrenceCovering,
  satisfyOccurrenceWithEvidence,
} from '../occurrences/satisfy-with-evidence.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
  recordTriggerEvent,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import type { RecordTriggerEventInput } from '../occurrences/occurrence.schema.js';
import { recoveryPointOf, type BackupRunFacts } from './rpo.js';

/** The catalogue controls that backup runs operate (catalog/controls/backup-and-recovery.yaml). */
export const BACKUP_CONTROLS = {
  daily: 'backup-daily-production',
  weeklyFull: 'backup-weekly-full-production',
  failureResponse: 'backup-failure-response-24h',
} as const;
export const BACKUP_FAILED_TRIGGER = 'backup-job-failed' as const;

const DAY_MS = 86_400_000;
/** How far back an unanswered failure may be answered by a run (late evidence included). */
const FAILURE_LOOKBACK_DAYS = 400;

export interface BackupRunForControls extends BackupRunFacts {
  id: string;
  tool: string;
  job: string | null;
}

function runLabel(run: BackupRunForControls): string {
  const what = [run.tool, run.job].filter(Boolean).join(' ');
  const encrypted = run.encrypted === true ? 'encrypted' : 'not reported encrypted';
  return `backup run ${run.id} (${what}, ${run.backupType ?? 'type not reported'}, ${encrypted}, recovery point ${recoveryPointOf(run).toISOString()})`;
}

/**
 * Automatic evidence of a successful run: the occurrence of the daily control (and of the weekly
 * full control for a full backup) whose period holds the run's recovery point is satisfied with
 * the run as evidence whenever the run is recorded, also after the occurrence was missed (late
 * evidence: a run imported a month later satisfies last month's day, and the event records both
 * instants, occurrences/satisfy-with-evidence.ts); every unanswered failure-response occurrence
 * of the asset whose window holds the recovery point is satisfied the same way. All by Plumbline itself with
 * a note naming the run. A run that is not reported encrypted while the policy requires it does
 * not count for the daily and weekly controls (their checklist asks for an encrypted backup); it
 * still answers a failure, since data was backed up. Occurrences already done are left alone, so
 * evaluating a run twice records nothing twice. Returns the occurrences completed.
 */
export async function recordBackupSuccessEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  asset: { key: string; encryptionRequired: boolean },
  run: BackupRunForControls,
): Promise<string[]> {
  const assetKey = asset.key;
  const point = recoveryPointOf(run);
  const now = ctx.clock.now();
  const cadenceControls: string[] =
    asset.encryptionRequired && run.encrypted !== true
      ? []
      : run.backupType === 'full'
        ? [BACKUP_CONTROLS.daily, BACKUP_CONTROLS.weeklyFull]
        : [BACKUP_CONTROLS.daily];
  const failures = (
    await listOccurrences(ctx, {
      control: BACKUP_CONTROLS.failureResponse,
      asset: assetKey,
      status: [...SATISFIABLE_BY_EVIDENCE],
      dueFrom: new Date(now.getTime() - FAILURE_LOOKBACK_DAYS * DAY_MS).toISOString(),
    })
  ).filter(
    (occurrence) => new Date(occurrence.opensAt) < point && point < new Date(occurrence.closesAt),
  );
  const note = `Recorded automatically from ${runLabel(run)}.`;
  return mutate(
    ctx,
    systemActor,
    async (tx) => {
      const completed: string[] = [];
      for (const control of cadenceControls) {
        const satisfied = await satisfyOccurrenceCovering(
          tx,
          { control, asset: assetKey, instant: point },
          { note },
        );
        if (satisfied) completed.push(satisfied.occurrenceId);
      }
      for (const occurrence of failures) {
        const satisfied = await satisfyOccurrenceWithEvidence(tx, occurrence.id, {
          instant: point,
          note,
        });
        if (satisfied) completed.push(satisfied.occurrenceId);
      }
      return completed;
    },
    { mayFindNothingToDo: true },
  );
}

/**
 * A failed backup, or a window that passed without one, starts the 24-hour failure-response SLA
 * (`backup-job-failed`). Idempotent on the external id, so a re-evaluation records nothing new.
 */
export async function recordBackupFailureTrigger(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { assetKey: string; at: Date; externalId: string; summary: string },
): Promise<void> {
  await recordTriggerEvent(ctx, systemActor, failureTriggerInput(input));
}

function failureTriggerInput(input: {
  assetKey: string;
  at: Date;
  externalId: string;
  summary: string;
}): RecordTriggerEventInput {
  return {
    type: BACKUP_FAILED_TRIGGER,
    asset: input.assetKey,
    at: input.at.toISOString(),
    externalId: input.externalId,
    details: { summary: input.summary.slice(0, 500) },
  };
}

/**
 * The failure-response trigger of an incident that is about to be opened, read beforehand so that
 * the incident and its SLA occurrence can be written in one transaction
 * (`recordIncidentFailureTrigger`). The external id is the incident's, known once it is inserted.
 */
export function prepareIncidentFailureTrigger(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { assetKey: string; at: Date; summary: string },
): Promise<PreparedTriggerEvent> {
  return prepareTriggerEvent(ctx, failureTriggerInput({ ...input, externalId: '' }));
}

/** Inside the transaction that opened incident `incidentId`: its 24-hour SLA trigger. */
export async function recordIncidentFailureTrigger(
  tx: AuditedTransaction,
  prepared: PreparedTriggerEvent,
  incidentId: string,
): Promise<void> {
  await recordPreparedTriggerEvent(tx, {
    ...prepared,
    input: { ...prepared.input, externalId: `backup-incident:${incidentId}` },
  });
}
