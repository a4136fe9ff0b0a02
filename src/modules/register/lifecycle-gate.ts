import type { Kysely, Transaction } from 'kysely';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { LIFECYCLE_STATUSES } from './asset.schema.js';

export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** What the gate needs to know of an asset's records (docs/lifecycle.md). */
export interface LifecycleFacts {
  preExisting: boolean;
  /** The asset's most advanced provisioning request, or null when it has none. */
  provisioning: { number: number; status: string; unverifiedCriteria: number } | null;
  /** The asset's most advanced decommissioning record, or null when it has none. */
  decommissioning: { number: number; status: string } | null;
}

export type LifecycleDecision = { ok: true } | { ok: false; reason: string };

export const formatProvisioningNumber = (n: number) => `PRQ-${String(n).padStart(4, '0')}`;
export const formatDecommissioningNumber = (n: number) => `DCM-${String(n).padStart(4, '0')}`;

function missingProvisioning(facts: LifecycleFacts): string | null {
  if (facts.preExisting) return null;
  const request = facts.provisioning;
  if (!request) {
    return 'it has no provisioning request; record one, have it approved and its acceptance criteria verified, or mark the asset pre-existing';
  }
  if (request.status === 'verified') return null;
  const number = formatProvisioningNumber(request.number);
  if (request.status === 'requested') return `${number} is not approved yet`;
  if (request.status === 'approved') return `provisioning under ${number} has not started`;
  return `${request.unverifiedCriteria} acceptance criteria of ${number} are not verified`;
}

/**
 * Whether an asset may move from one lifecycle stage to another: into `in-service` only with a
 * verified provisioning request or a pre-existing mark, into `decommissioned` only with a signed
 * decommissioning record. Every other move is the owner's to make.
 */
export function decideLifecycleChange(
  from: LifecycleStatus,
  to: LifecycleStatus,
  facts: LifecycleFacts,
): LifecycleDecision {
  if (from === to) return { ok: true };
  switch (to) {
    case 'in-service': {
      const missing = missingProvisioning(facts);
      return missing === null
        ? { ok: true }
        : { ok: false, reason: `it cannot enter in-service: ${missing}` };
    }
    case 'decommissioned': {
      const record = facts.decommissioning;
      if (record?.status === 'signed') return { ok: true };
      return {
        ok: false,
        reason: record
          ? `it cannot become decommissioned: ${formatDecommissioningNumber(record.number)} is not signed`
          : 'it cannot become decommissioned: it has no decommissioning record',
      };
    }
    case 'requested':
    case 'provisioning':
    case 'verified':
    case 'decommissioning':
      return { ok: true };
  }
}

/** The gate's facts for many assets at once (the CSV import checks a whole file). */
export async function lifecycleFactsOf(
  db: Kysely<Database> | Transaction<Database>,
  assetIds: readonly string[],
): Promise<Map<string, LifecycleFacts>> {
  const facts = new Map<string, LifecycleFacts>(
    assetIds.map((id) => [id, { preExisting: false, provisioning: null, decommissioning: null }]),
  );
  if (assetIds.length === 0) return facts;
  const ids = [...assetIds];
  const [marks, requests, records] = await Promise.all([
    db.selectFrom('asset_pre_existing').select('asset_id').where('asset_id', 'in', ids).execute(),
    db
      .selectFrom('provisioning_requests as r')
      .select((eb) => [
        'r.asset_id',
        'r.number',
        'r.status',
        eb
          .selectFrom('provisioning_criteria as c')
          .select((inner) => inner.fn.countAll<string>().as('n'))
          .whereRef('c.request_id', '=', 'r.id')
          .where('c.verified_at', 'is', null)
          .as('unverified'),
      ])
      .where('r.asset_id', 'in', ids)
      .execute(),
    db
      .selectFrom('decommissioning_records')
      .select(['asset_id', 'number', 'status'])
      .where('asset_id', 'in', ids)
      .execute(),
  ]);
  const rank = (status: string) =>
    ({ verified: 3, provisioning: 2, approved: 1, signed: 1 })[status] ?? 0;
  for (const mark of marks) facts.get(mark.asset_id)!.preExisting = true;
  for (const request of requests) {
    const entry = facts.get(request.asset_id)!;
    const current = entry.provisioning;
    if (current && rank(current.status) >= rank(request.status)) continue;
    entry.provisioning = {
      number: request.number,
      status: request.status,
      unverifiedCriteria: Number(request.unverified ?? 0),
    };
  }
  for (const record of records) {
    const entry = facts.get(record.asset_id)!;
    if (entry.decommissioning && rank(entry.decommissioning.status) >= rank(record.status))
      continue;
    entry.decommissioning = { number: record.number, status: record.status };
  }
  return facts;
}

/** Refuses (409, with the reason) a lifecycle move the asset's records do not support. */
export async function assertLifecycleChange(
  trx: Transaction<Database>,
  asset: { id: string; key: string },
  from: LifecycleStatus,
  to: LifecycleStatus,
): Promise<void> {
  if (from === to) return;
  const facts = (await lifecycleFactsOf(trx, [asset.id])).get(asset.id)!;
  const decision = decideLifecycleChange(from, to, facts);
  if (!decision.ok) {
    throw new AppError('conflict', `Asset ${asset.key}: ${decision.reason}`, {
      issues: [{ path: 'body.lifecycleStatus', message: decision.reason }],
    });
  }
}

/**
 * Why an asset registered directly in this stage needs no provisioning request: any stage after
 * `requested` was reached outside Plumbline's provisioning records, so the asset is pre-existing.
 * Null for `requested`: that asset goes through provisioning.
 */
export function preExistingReasonOf(status: LifecycleStatus, how: string): string | null {
  return status === 'requested' ? null : `${how} as ${status}`;
}

/**
 * Marks assets registered directly past `requested` as pre-existing, in the creating transaction;
 * the caller records the reason in each asset's `asset.created` audit entry.
 */
export async function insertPreExistingMarks(
  tx: AuditedTransaction,
  marks: readonly { assetId: string; reason: string | null }[],
): Promise<void> {
  const rows = marks.flatMap((mark) =>
    mark.reason === null
      ? []
      : [
          {
            asset_id: mark.assetId,
            reason: mark.reason,
            marked_at: tx.now,
            marked_by: tx.actor.label,
          },
        ],
  );
  for (let index = 0; index < rows.length; index += 1000) {
    await tx.trx
      .insertInto('asset_pre_existing')
      .values(rows.slice(index, index + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
