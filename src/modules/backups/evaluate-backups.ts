import type { AppContext } from '../../app/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { recipientsByRole } from '../notifications/role-recipients.js';
import {
  incidentOpenedText,
  incidentRecoveredText,
  type BackupAlertSubject,
} from './backup-alert-texts.js';
import {
  planAssetEvaluation,
  type AssetUnderPolicy,
  type EvaluatedRun,
  type OpenIncident,
  type PlannedIncident,
  type PlannedRecovery,
} from './backup-evaluation.js';
import {
  recordBackupFailureTrigger,
  recordBackupSuccessEvidence,
} from './backup-evaluation-controls.js';
import { recordHourlyBackupEvidence } from './backup-evaluation-hourly.js';
import { listAssetsUnderPolicy } from './backup-evaluation-inputs.js';
import { backupIncidentRepository } from './backup-incident.repository.js';
import { isFailedRun, isSuccessfulRun } from './rpo.js';

/** Runs evaluated per tick at most; the rest wait for the next tick. */
const RUNS_PER_TICK = 2_000;
/** Re-read runs recorded this long before the watermark: a transaction may commit late. */
const WATERMARK_OVERLAP_MS = 10 * 60_000;
/** On the very first evaluation, runs recorded this far back are evaluated. */
const FIRST_LOOKBACK_MS = 35 * 86_400_000;

export interface BackupEvaluationResult {
  runsEvaluated: number;
  incidentsOpened: number;
  incidentsClosed: number;
  emailsQueued: number;
  occurrencesCompleted: number;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/**
 * One evaluation tick: reads the runs recorded since the watermark and every asset's last
 * successes, feeds the catalogue controls (automatic evidence, failure SLA triggers), opens and
 * closes incidents, and queues one alert per incident and person when it opens and one when it
 * recovers. Everything is idempotent: incidents are unique per open asset and kind, alerts per
 * dedupe key, runs are marked evaluated once. See docs/backup-evaluation.md.
 */
export async function evaluateBackups(ctx: Ctx): Promise<BackupEvaluationResult> {
  const now = ctx.clock.now();
  const assets = await listAssetsUnderPolicy(ctx);
  const assetsById = new Map(assets.map((asset) => [asset.id, asset]));
  const watermark = await backupIncidentRepository.watermark(ctx.db);
  const since = watermark
    ? new Date(watermark.getTime() - WATERMARK_OVERLAP_MS)
    : new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const fresh = (await backupIncidentRepository.unevaluatedRuns(ctx.db, since, RUNS_PER_TICK))
    // A run recorded "after now" (clock skew between instances) waits for the next tick.
    .filter((entry) => entry.recordedAt <= now);
  const [lastAny, lastFull, openIncidents, unalerted] = await Promise.all([
    backupIncidentRepository.lastSuccesses(ctx.db, { at: now, fullOnly: false }),
    backupIncidentRepository.lastSuccesses(ctx.db, { at: now, fullOnly: true }),
    backupIncidentRepository.openIncidents(ctx.db),
    backupIncidentRepository.openIncidentIdsWithoutAlerts(ctx.db),
  ]);

  let occurrencesCompleted = 0;
  for (const { run } of fresh) {
    const asset = assetsById.get(run.assetId);
    if (!asset) continue;
    occurrencesCompleted += await feedControls(ctx, asset, run);
  }

  const byAsset = <T extends { assetId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.assetId, [...(map.get(item.assetId) ?? []), item]);
    return map;
  };
  const lastAnyByAsset = new Map(lastAny.map((run) => [run.assetId, run]));
  const lastFullByAsset = new Map(lastFull.map((run) => [run.assetId, run]));
  const freshByAsset = byAsset(fresh.map((entry) => entry.run));
  const openByAsset = byAsset(openIncidents);
  const toOpen: PlannedIncident[] = [];
  const toClose: PlannedRecovery[] = [];
  for (const asset of assets) {
    const plan = planAssetEvaluation(
      {
        asset,
        lastSuccess: lastAnyByAsset.get(asset.id) ?? null,
        lastFullSuccess: lastFullByAsset.get(asset.id) ?? null,
        newRuns: freshByAsset.get(asset.id) ?? [],
        openIncidents: openByAsset.get(asset.id) ?? [],
      },
      now,
    );
    toOpen.push(...plan.open);
    toClose.push(...plan.close);
  }

  const closing = new Set(toClose.map((recovery) => recovery.incident.id));
  const applied = await applyPlan(ctx, {
    assetsById,
    toOpen,
    toClose,
    // Nobody could be told when these opened: tell whoever holds the role now.
    toAlertAgain: openIncidents.filter(
      (incident) => unalerted.has(incident.id) && !closing.has(incident.id),
    ),
    fresh,
  });
  occurrencesCompleted += await recordHourlyBackupEvidence(ctx, assets);
  for (const incident of applied.opened) {
    if (incident.kind === 'run_failed') continue;
    // A missed window is a backup that did not run: it starts the same 24-hour SLA.
    await recordBackupFailureTrigger(ctx, {
      assetKey: incident.asset.key,
      at: incident.beganAt,
      externalId: `backup-incident:${incident.id}`,
      summary: incident.summary,
    });
  }
  return {
    runsEvaluated: fresh.length,
    incidentsOpened: applied.opened.length,
    incidentsClosed: applied.closed,
    emailsQueued: applied.emailsQueued,
    occurrencesCompleted,
  };
}

/** Automatic evidence of one new run for the catalogue controls; returns occurrences completed. */
async function feedControls(ctx: Ctx, asset: AssetUnderPolicy, run: EvaluatedRun) {
  if (isSuccessfulRun(run)) {
    const evidence = { key: asset.key, encryptionRequired: asset.policy.encryptionRequired };
    return (await recordBackupSuccessEvidence(ctx, evidence, run)).length;
  }
  if (isFailedRun(run)) {
    await recordBackupFailureTrigger(ctx, {
      assetKey: asset.key,
      at: run.startedAt,
      externalId: `backup-run:${run.id}`,
      summary: `${run.tool} ${run.status}: ${run.message ?? ''}`,
    });
  }
  return 0;
}

interface OpenedIncident extends PlannedIncident {
  id: string;
  asset: AssetUnderPolicy;
}

async function applyPlan(
  ctx: Ctx,
  plan: {
    assetsById: Map<string, AssetUnderPolicy>;
    toOpen: PlannedIncident[];
    toClose: PlannedRecovery[];
    toAlertAgain: OpenIncident[];
    fresh: { run: EvaluatedRun; recordedAt: Date }[];
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
