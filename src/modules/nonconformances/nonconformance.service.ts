import type { AppContext } from '../../app/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import {
  formatNonconformanceNumber,
  NONCONFORMANCE_TRANSITIONS,
  type NonconformanceStatus,
  type NonconformanceView,
  type UpdateNonconformanceInput,
} from './nonconformance.schema.js';

type Row = NonNullable<Awaited<ReturnType<typeof nonconformanceRepository.findById>>>;

export function toNonconformanceView(row: Row): NonconformanceView {
  return {
    id: row.id,
    number: formatNonconformanceNumber(row.number),
    sourceType: row.source_type as 'occurrence',
    sourceId: row.source_id,
    title: row.title,
    description: row.description,
    ownerRole: row.owner_role,
    status: row.status as NonconformanceStatus,
    raisedAt: row.raised_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every nonconformance, newest first. */
export async function listNonconformances(
  ctx: Pick<AppContext, 'db'>,
): Promise<NonconformanceView[]> {
  return (await nonconformanceRepository.list(ctx.db)).map(toNonconformanceView);
}

export async function getNonconformance(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<NonconformanceView> {
  const row = await nonconformanceRepository.findById(ctx.db, id);
  if (!row) throw notFound('Nonconformance');
  return toNonconformanceView(row);
}

/** Moves a nonconformance along open → investigating → closed, or changes its owner or text. */
export async function updateNonconformance(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  id: string,
  input: UpdateNonconformanceInput,
): Promise<NonconformanceView> {
  return mutate(ctx, actor, async (tx) => {
    const existing = await nonconformanceRepository.findForUpdate(tx.trx, id);
    if (!existing) throw notFound('Nonconformance');
    const from = existing.status as NonconformanceStatus;
    const to = input.status ?? from;
    if (from === 'closed') {
      throw new AppError('conflict', 'This nonconformance is closed and can no longer change');
    }
    if (to !== from && !NONCONFORMANCE_TRANSITIONS[from].includes(to)) {
      throw new AppError('conflict', `A nonconformance cannot go from ${from} to ${to}`);
    }
    const row = await nonconformanceRepository.update(
      tx.trx,
      id,
      {
        status: to,
        ...(input.owner !== undefined ? { owner_role: input.owner } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(to === 'closed' ? { closed_at: tx.now } : {}),
      },
      tx.now,
    );
    await tx.audit({
      action: 'nonconformance.updated',
      entityType: 'nonconformance',
      entityId: id,
      before: toNonconformanceView(existing),
      after: toNonconformanceView(row),
    });
    return toNonconformanceView(row);
  });
}
