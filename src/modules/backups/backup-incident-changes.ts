import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { recipientsByRole } from '../notifications/role-recipients.js';
import type { PreparedTriggerEvent } from '../occurrences/record-trigger-event.js';
import { recordIncidentFailureTrigger } from './backup-evaluation-controls.js';
import {
  incidentOpenedText,
  incidentRecoveredText,
  type BackupAlertSubject,
} from './backup-alert-texts.js';
import type {
  AssetUnderPolicy,
  EvaluatedRun,
  OpenIncident,
  PlannedIncident,
  PlannedRecovery,
} from './backup-evaluation.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { isFailedRun } from './rpo.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

export interface OpenedIncident extends PlannedIncident {
  id: string;
  asset: AssetUnderPolicy;
}

/**
 * Applies one evaluation's decisions in a single audited transaction: closes recovered incidents
 * (close before open: a recovery and a new failure of one kind can come in one tick), alerts again
 * incidents nobody could be told about, opens new incidents, queues their e-mails through the
 * outbox (deduplicated, linked to the incident), and marks the tick's runs evaluated.
 */
export async function applyBackupIncidentPlan(
  ctx: Ctx,
  plan: {
    assetsById: Map<string, AssetUnderPolicy>;
    toOpen: PlannedIncident[];
    toClose: PlannedRecovery[];
    toAlertAgain: OpenIncident[];
    fresh: { run: EvaluatedRun; recordedAt: Date }[];
    /** The SLA trigger each incident to open starts, written with it (missed windows). */
    triggers: ReadonlyMap<PlannedIncident, PreparedTriggerEvent>;
  },
): Promise<{ opened: OpenedIncident[]; closed: number; emailsQueued: number }> {
  const roles = [...new Set([...plan.assetsById.values()].map((asset) => asset.ownerRole))];
  const people =
    plan.toOpen.length + plan.toClose.length + plan.toAlertAgain.length > 0
      ? await recipientsByRole(ctx, roles)
      : new Map();
  const settings = { publicUrl: ctx.config.publicUrl, timezone: ctx.config.timezone };
  const recipientsOf = (asset: AssetUnderPolicy) => [
    ...new Set(
      [
        ...((people.get(asset.ownerRole) as { email: string }[] | undefined) ?? []).map(
          (person) => person.email,
        ),
        ...asset.policy.alertRecipients,
      ].map((email) => email.toLowerCase()),
    ),
  ];
  return mutate(
    ctx,
    systemActor,
    async (tx) => {
      const audit: AuditEntry[] = [];
      let emailsQueued = 0;
      let closed = 0;
      // Close first: a recovery and a new failure of the same kind can come in one tick.
      for (const recovery of plan.toClose) {
        const asset = plan.assetsById.get(recovery.incident.assetId);
        if (!asset) continue;
        const done = await backupIncidentRepository.close(tx.trx, {
          id: recovery.incident.id,
          recoveryRunId: recovery.recoveryRunId,
          now: tx.now,
        });
        if (!done) continue;
        closed += 1;
        emailsQueued += await queueAlerts(
          tx,
          recovery.incident.id,
          'recovered',
          recipientsOf(asset),
          incidentRecoveredText(settings, alertSubject(asset, recovery.incident), tx.now),
        );
        audit.push({
          action: 'backup-incident.closed',
          entityType: 'backup-incident',
          entityId: recovery.incident.id,
          after: {
            assetKey: asset.key,
            kind: recovery.incident.kind,
            recoveryRunId: recovery.recoveryRunId,
          },
        });
      }
      for (const incident of plan.toAlertAgain) {
        const asset = plan.assetsById.get(incident.assetId);
        if (!asset) continue;
        const queued = await queueAlerts(
          tx,
          incident.id,
          'opened',
          recipientsOf(asset),
          incidentOpenedText(settings, alertSubject(asset, incident)),
        );
        if (queued === 0) continue;
        emailsQueued += queued;
        audit.push({
          action: 'backup-incident.alerted',
          entityType: 'backup-incident',
          entityId: incident.id,
          after: { assetKey: asset.key, kind: incident.kind, recipients: recipientsOf(asset) },
        });
      }
      const opened: OpenedIncident[] = [];
      for (const incident of plan.toOpen) {
        const asset = plan.assetsById.get(incident.assetId)!;
        const id = await backupIncidentRepository.insertOpen(tx.trx, { ...incident, now: tx.now });
        if (id === null) continue;
        opened.push({ ...incident, id, asset });
        const trigger = plan.triggers.get(incident);
        if (trigger) await recordIncidentFailureTrigger(tx, trigger, id);
        const subject = alertSubject(asset, { ...incident, id });
        emailsQueued += await queueAlerts(
          tx,
          id,
          'opened',
          recipientsOf(asset),
          incidentOpenedText(settings, subject),
        );
        audit.push({
          action: 'backup-incident.opened',
          entityType: 'backup-incident',
          entityId: id,
          after: {
            assetKey: asset.key,
            kind: incident.kind,
            beganAt: incident.beganAt.toISOString(),
            triggerRunId: incident.triggerRunId,
            summary: incident.summary,
            recipients: recipientsOf(asset),
          },
        });
      }
      await backupIncidentRepository.markEvaluated(
        tx.trx,
        plan.fresh.map(({ run, recordedAt }) => ({
          runId: run.id,
          recordedAt,
          outcome: plan.assetsById.has(run.assetId) ? run.status : 'no_policy',
        })),
        tx.now,
      );
      if (plan.fresh.length > 0)
        audit.push({
          action: 'backup-runs.evaluated',
          entityType: 'backup-run',
          entityId: plan.fresh.at(-1)!.run.id,
          after: {
            runs: plan.fresh.length,
            failed: plan.fresh.filter(({ run }) => isFailedRun(run)).length,
            recordedUpTo: plan.fresh.at(-1)!.recordedAt.toISOString(),
          },
        });
      if (audit.length > 0) await tx.auditMany(audit);
      return { opened, closed, emailsQueued };
    },
    // Most ticks find nothing new; they write nothing and need no audit entry.
    { mayFindNothingToDo: true },
  );
}

function alertSubject(
  asset: AssetUnderPolicy,
  incident: { id: string; kind: PlannedIncident['kind']; beganAt: Date; summary: string },
): BackupAlertSubject {
  return {
    incidentId: incident.id,
    kind: incident.kind,
    assetKey: asset.key,
    assetName: asset.name,
    policySource: asset.policy.source,
    summary: incident.summary,
    beganAt: incident.beganAt,
  };
}

/** One e-mail per person and incident purpose, deduplicated, linked to the incident. */
async function queueAlerts(
  tx: AuditedTransaction,
  incidentId: string,
  purpose: 'opened' | 'recovered',
  recipients: string[],
  text: { subject: string; text: string },
): Promise<number> {
  const emails: EmailToQueue[] = recipients.map((recipient) => ({
    recipient,
    subject: text.subject,
    text: text.text,
    category: purpose === 'opened' ? 'backup-alert' : 'backup-recovery',
    dedupeKey: `backup-incident:${incidentId}:${purpose}:${recipient}`,
    related: { entityType: 'backup-incident', entityId: incidentId },
  }));
  const queued = await enqueueEmails(tx.trx, emails, tx.now);
  await backupIncidentRepository.linkAlerts(
    tx.trx,
    incidentId,
    purpose,
    emails.map((email) => email.dedupeKey!),
  );
  return queued;
}
