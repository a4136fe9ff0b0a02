import type { AppContext } from '../../platform/context.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { requireAssetsByKey } from '../register/require-assets-by-key.js';
import type { Principal } from '../../platform/http/principal.js';
import type { ChangeRisk, ChangeType } from './change-status.js';
import { formatChangeNumber, type ChangeSource, type CreateChangeBody } from './change.schema.js';
import { changeRepository, type ChangeRow } from './changes.repository.js';

export interface NewChangeInput {
  title: string;
  description: string;
  type: ChangeType;
  risk: ChangeRisk;
  conformityImpact: string;
  testSummary: string;
  rollbackPlan: string;
  source: ChangeSource;
  /** The pull request it came from (one change each); null when requested by a person. */
  sourceRef: string | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  /** The requesting person's user id: they may not approve it. Null for a pipeline's change. */
  requesterId: string | null;
  requesterLabel: string;
  assetIds: string[];
}

/**
 * Records a requested change inside the caller's transaction. At most one change per source
 * record: asking again returns the one already there, with `created: false`.
 */
export async function createChangeIn(
  tx: AuditedTransaction,
  input: NewChangeInput,
): Promise<{ change: ChangeRow; created: boolean }> {
  const row = await changeRepository.insertOnce(tx.trx, { ...input, now: tx.now });
  if (!row) {
    const existing = await changeRepository.findBySource(tx.trx, input.source, input.sourceRef!);
    return { change: existing!, created: false };
  }
  await changeRepository.addAssets(tx.trx, row.id, input.assetIds);
  await tx.audit({
    action: 'change.requested',
    entityType: 'change',
    entityId: row.id,
    after: {
      number: formatChangeNumber(row.number),
      title: input.title,
      type: input.type,
      risk: input.risk,
      source: input.source,
      sourceRef: input.sourceRef,
      requester: input.requesterLabel,
      assetIds: input.assetIds,
      plannedStart: input.plannedStart?.toISOString() ?? null,
      plannedEnd: input.plannedEnd?.toISOString() ?? null,
    },
  });
  return { change: row, created: true };
}

/** Requests a change (`POST /api/v1/changes`, `plumbline changes create`). */
export async function createChange(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  body: CreateChangeBody,
): Promise<string> {
  return mutate(ctx, principal.actor, async (tx) => {
    const assets = await requireAssetsByKey(tx.trx, body.assets, 'body.assets');
    const { change } = await createChangeIn(tx, {
      title: body.title,
      description: body.description,
      type: body.type,
      risk: body.risk,
      conformityImpact: body.conformityImpact,
      testSummary: body.testSummary,
      rollbackPlan: body.rollbackPlan,
      source: 'manual',
      sourceRef: null,
      plannedStart: body.plannedStart ? new Date(body.plannedStart) : null,
      plannedEnd: body.plannedEnd ? new Date(body.plannedEnd) : null,
      requesterId: principal.via === 'session' ? principal.userId : null,
      requesterLabel: principal.actor.label,
      assetIds: assets.map((asset) => asset.id),
    });
    return change.id;
  });
}
