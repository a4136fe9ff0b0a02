import type { AppContext } from '../../platform/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import {
  formatNonconformanceNumber,
  type DeficiencySource,
  type NonconformanceView,
} from './nonconformance.schema.js';
import { toNonconformanceView } from './nonconformance.service.js';

export interface NewDeficiency {
  sourceType: DeficiencySource;
  sourceId: string;
  /** Distinguishes several deficiencies of one source ('' when the source raises one). */
  sourceItem: string;
  title: string;
  description: string;
  ownerRole: string;
  owner: { owner_user_id: string | null; owner_user_label: string | null };
  dueOn: string;
}

/**
 * Raises a deficiency found by a restore test or a DR exercise, inside the caller's transaction so
 * the finding and its record commit together. At most one per source item. Returns undefined when
 * it was raised before.
 */
export async function raiseDeficiency(
  ctx: Pick<AppContext, 'clock' | 'config'>,
  tx: AuditedTransaction,
  deficiency: NewDeficiency,
): Promise<NonconformanceView | undefined> {
  const row = await nonconformanceRepository.insertOnce(tx.trx, {
    sourceType: deficiency.sourceType,
    sourceId: deficiency.sourceId,
    sourceItem: deficiency.sourceItem,
    title: deficiency.title,
    description: deficiency.description,
    ownerRole: deficiency.ownerRole,
    ownerUserId: deficiency.owner.owner_user_id,
    ownerUserLabel: deficiency.owner.owner_user_label,
    dueOn: deficiency.dueOn,
    now: tx.now,
  });
  if (!row) return undefined;
  await tx.audit({
    action: 'nonconformance.raised',
    entityType: 'nonconformance',
    entityId: row.id,
    after: {
      number: formatNonconformanceNumber(row.number),
      sourceType: deficiency.sourceType,
      sourceId: deficiency.sourceId,
      sourceItem: deficiency.sourceItem,
      ownerRole: deficiency.ownerRole,
      ownerUserId: deficiency.owner.owner_user_id,
      dueOn: deficiency.dueOn,
    },
  });
  return toNonconformanceView(row, ctx);
}
