import type { AppContext } from '../../platform/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { approvalDueAt, type ChangeType } from './change-status.js';
import { formatChangeNumber } from './change.schema.js';
import { changeRepository, type ChangeRow } from './changes.repository.js';

/**
 * The triggers of the change-control controls (catalog/controls/change-control.yaml):
 * `change-requested`, due before implementation, starts change-approval-before-implementation;
 * `change-implemented` starts post-change-verification-48h.
 */
export const CHANGE_TRIGGERS = {
  requested: 'change-requested',
  implemented: 'change-implemented',
} as const;

export interface PreparedChangeClocks {
  approval: PreparedTriggerEvent;
  verification: PreparedTriggerEvent;
}

/**
 * The asset a change's clocks are recorded for: its first production asset, so the controls'
 * production scope takes it; a change of other environments only starts no clock.
 */
async function clockAssetKey(
  ctx: Pick<AppContext, 'db'>,
  changeId: string,
): Promise<string | undefined> {
  const assets = await changeRepository.assetsOf(ctx.db, [changeId]);
  return (assets.find((asset) => asset.environment === 'production') ?? assets[0])?.key;
}

/** Reads, before the implementing transaction, what the change's two clocks will start. */
export async function prepareChangeClocks(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  change: Pick<ChangeRow, 'id'>,
): Promise<PreparedChangeClocks> {
  const asset = await clockAssetKey(ctx, change.id);
  const scope = asset === undefined ? {} : { asset };
  const at = ctx.clock.now().toISOString();
  const [approval, verification] = await Promise.all([
    prepareTriggerEvent(ctx, { type: CHANGE_TRIGGERS.requested, ...scope, at, details: {} }),
    prepareTriggerEvent(ctx, { type: CHANGE_TRIGGERS.implemented, ...scope, at, details: {} }),
  ]);
  return { approval, verification };
}

/**
 * Starts, as the change is implemented at `implementedAt`, the approval clock (due at the
 * implementation, or at the end of the retrospective time of an emergency change) and the 48-hour
 * verification clock; an approval given before is recorded on its occurrence at once. Returns the
 * occurrences, to be kept on the change.
 */
export async function startChangeClocks(
  tx: AuditedTransaction,
  prepared: PreparedChangeClocks,
  change: ChangeRow,
  implementedAt: Date,
  emergencyApprovalHours: number,
): Promise<{ approvalOccurrenceId: string | null; verificationOccurrenceId: string | null }> {
  const number = formatChangeNumber(change.number);
  const dueAt = approvalDueAt(change.type as ChangeType, implementedAt, emergencyApprovalHours);
  const approval = await recordPreparedTriggerEvent(tx, {
    ...prepared.approval,
    input: {
      ...prepared.approval.input,
      at: change.requested_at.toISOString(),
      targetAt: dueAt.toISOString(),
      externalId: `change:${change.id}:requested`,
      details: { change: number, type: change.type },
    },
  });
  const verification = await recordPreparedTriggerEvent(tx, {
    ...prepared.verification,
    input: {
      ...prepared.verification.input,
      at: implementedAt.toISOString(),
      externalId: `change:${change.id}:implemented`,
      details: { change: number },
    },
  });
  const approvalOccurrenceId = approval.occurrenceIds[0] ?? null;
  if (approvalOccurrenceId && change.approved_at && change.approval_signature_id) {
    await satisfyClock(tx, approvalOccurrenceId, {
      note: `${number} approved by ${change.approved_by ?? ''} at ${change.approved_at.toISOString()}, implemented at ${implementedAt.toISOString()}`,
      signatureId: change.approval_signature_id,
    });
  }
  return {
    approvalOccurrenceId,
    verificationOccurrenceId: verification.occurrenceIds[0] ?? null,
  };
}

/** Records a change's clock as met by its signature, at the real instant (late if after due). */
export async function satisfyClock(
  tx: AuditedTransaction,
  occurrenceId: string,
  details: { note: string; signatureId: string },
): Promise<void> {
  const occurrence = await getOccurrence(
    { db: tx.trx, clock: { now: () => tx.now } },
    occurrenceId,
  );
  await satisfyOccurrence(tx, occurrence, details);
}

/**
 * Starts the approval clock of a production deployment no approved change covered: due at the
 * deployment, never satisfied, so the approval control counts it as missed.
 */
export async function startUnapprovedDeploymentClock(
  tx: AuditedTransaction,
  prepared: PreparedTriggerEvent,
  deployment: { deliveryId: string; at: Date; repository: string; environment: string },
): Promise<void> {
  await recordPreparedTriggerEvent(tx, {
    ...prepared,
    input: {
      ...prepared.input,
      at: deployment.at.toISOString(),
      targetAt: deployment.at.toISOString(),
      externalId: `deployment:${deployment.deliveryId}`,
      details: {
        deployment: deployment.deliveryId,
        repository: deployment.repository,
        environment: deployment.environment,
        approvedChange: 'none',
      },
    },
  });
}

/** Reads what an unapproved deployment's clock will start, for the asset deployed to. */
export function prepareDeploymentClock(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  assetKey: string,
): Promise<PreparedTriggerEvent> {
  return prepareTriggerEvent(ctx, {
    type: CHANGE_TRIGGERS.requested,
    asset: assetKey,
    at: ctx.clock.now().toISOString(),
    details: {},
  });
}
