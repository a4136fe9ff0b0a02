import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  prepareChangeClocks,
  startChangeClocks,
  type PreparedChangeClocks,
} from './change-clocks.js';
import { changeFacts } from './change-rules.js';
import { decideChangeAction } from './change-status.js';
import { changeRepository } from './changes.repository.js';

/**
 * Records, inside the caller's transaction, that a change was implemented at `at` (by a person, or
 * by the deployment that carried it), and starts its approval and verification clocks. Refused
 * (409 with the reason) unless the change is approved, or an emergency change.
 */
export async function implementChangeIn(
  tx: AuditedTransaction,
  prepared: PreparedChangeClocks,
  input: { id: string; at: Date; by: string; emergencyApprovalHours: number; via: string },
): Promise<void> {
  const row = await changeRepository.lockForUpdate(tx.trx, input.id);
  if (!row) throw notFound('Change');
  const decision = decideChangeAction(changeFacts(row), 'implement');
  if (!decision.ok) throw new AppError('conflict', `Cannot implement: ${decision.reason}`);
  const clocks = await startChangeClocks(tx, prepared, row, input.at, input.emergencyApprovalHours);
  await changeRepository.update(tx.trx, input.id, {
    status: decision.to,
    implemented_at: input.at,
    implemented_by: input.by,
    approval_occurrence_id: clocks.approvalOccurrenceId,
    verification_occurrence_id: clocks.verificationOccurrenceId,
    updated_at: tx.now,
  });
  await tx.audit({
    action: 'change.implemented',
    entityType: 'change',
    entityId: input.id,
    before: { status: row.status },
    after: {
      status: decision.to,
      implementedAt: input.at.toISOString(),
      via: input.via,
      approvedBeforehand: row.approved_at !== null,
      ...clocks,
    },
  });
}

/** Records that a change was implemented now (`POST /api/v1/changes/{id}/implement`). */
export async function implementChange(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  id: string,
): Promise<void> {
  const prepared = await prepareChangeClocks(ctx, { id });
  await mutate(ctx, actor, (tx) =>
    implementChangeIn(tx, prepared, {
      id,
      at: tx.now,
      by: actor.label,
      emergencyApprovalHours: ctx.config.changes.emergencyApprovalHours,
      via: 'by hand',
    }),
  );
}
