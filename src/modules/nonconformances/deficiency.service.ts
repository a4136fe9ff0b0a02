import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { nonconformanceRepository, type NonconformanceRow } from './nonconformance.repository.js';
import {
  isDeficiencySource,
  type NonconformanceStatus,
  type NonconformanceView,
} from './nonconformance.schema.js';
import { toNonconformanceView } from './nonconformance.service.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

/** Locks a deficiency that is in one of the statuses the command needs. */
export async function lockDeficiencyIn(
  tx: AuditedTransaction,
  id: string,
  statuses: readonly NonconformanceStatus[],
  command: string,
): Promise<NonconformanceRow> {
  const row = await nonconformanceRepository.findForUpdate(tx.trx, id);
  if (!row) throw notFound('Nonconformance');
  if (!isDeficiencySource(row.source_type)) {
    throw new AppError(
      'conflict',
      `Only a deficiency found by a restore test or DR exercise can be ${command}`,
    );
  }
  if (!statuses.includes(row.status as NonconformanceStatus)) {
    throw new AppError(
      'conflict',
      `The deficiency is ${row.status.replace('_', ' ')}: it cannot be ${command} ` +
        `(only when ${statuses.join(' or ').replace('_', ' ')})`,
    );
  }
  return row;
}

/** The owner (or anyone doing the work) starts on an open deficiency. */
export async function startDeficiency(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<NonconformanceView> {
  return mutate(ctx, actor, async (tx) => {
    const existing = await lockDeficiencyIn(tx, id, ['open'], 'started');
    const row = await nonconformanceRepository.update(
      tx.trx,
      id,
      { status: 'in_progress' },
      tx.now,
    );
    await tx.audit({
      action: 'nonconformance.started',
      entityType: 'nonconformance',
      entityId: id,
      before: { status: existing.status },
      after: { status: row.status },
    });
    return toNonconformanceView(row, ctx);
  });
}

/**
 * Records what was done about a deficiency; the resolver cannot be the one who verifies the
 * closure.
 */
export async function resolveDeficiency(
  ctx: Ctx,
  actor: Actor,
  id: string,
  resolutionNote: string,
): Promise<NonconformanceView> {
  return mutate(ctx, actor, async (tx) => {
    const existing = await lockDeficiencyIn(tx, id, ['open', 'in_progress'], 'resolved');
    const row = await nonconformanceRepository.update(
      tx.trx,
      id,
      {
        status: 'resolved',
        resolution_note: resolutionNote,
        resolved_at: tx.now,
        resolved_by_id: actor.id,
        resolved_by_label: actor.label,
      },
      tx.now,
    );
    await tx.audit({
      action: 'nonconformance.resolved',
      entityType: 'nonconformance',
      entityId: id,
      before: { status: existing.status },
      after: { status: row.status, resolutionNote },
    });
    return toNonconformanceView(row, ctx);
  });
}
