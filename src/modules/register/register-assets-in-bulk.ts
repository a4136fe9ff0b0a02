import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { AssetInput } from './asset.schema.js';
import { assetColumns } from './asset.repository.js';
import { insertPreExistingMarks, preExistingReasonOf } from './lifecycle-gate.js';

const CHUNK = 1000;

/**
 * Adds many new assets without a supplier inside the caller's transaction (a Terraform sync), one
 * `asset.created` audit entry each. The caller has checked that the keys are free and valid.
 */
export async function registerAssetsInBulk(
  tx: AuditedTransaction,
  inputs: readonly AssetInput[],
  how: string,
): Promise<number> {
  for (let index = 0; index < inputs.length; index += CHUNK) {
    const chunk = inputs.slice(index, index + CHUNK);
    const inserted = await tx.trx
      .insertInto('assets')
      .values(
        chunk.map((input) => ({
          key: input.key,
          ...assetColumns(input, null),
          created_at: tx.now,
          updated_at: tx.now,
        })),
      )
      .returning(['id', 'key'])
      .execute();
    const idByKey = new Map(inserted.map((row) => [row.key, row.id]));
    const preExisting = chunk.map((input) => ({
      assetId: idByKey.get(input.key)!,
      reason: preExistingReasonOf(input.lifecycleStatus, how),
    }));
    await insertPreExistingMarks(tx, preExisting);
    await tx.auditMany(
      chunk.map((input, position) => ({
        action: 'asset.created',
        entityType: 'asset',
        entityId: idByKey.get(input.key)!,
        after: {
          id: idByKey.get(input.key),
          ...input,
          version: 1,
          preExisting: preExisting[position]!.reason,
        },
      })),
    );
  }
  return inputs.length;
}
