import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { supplierRepository } from './supplier.repository.js';

/** The id of the supplier an asset names, or a field error when no such supplier exists. */
export async function resolveSupplierId(
  db: Kysely<Database> | Transaction<Database>,
  supplierKey: string | null,
  fieldPath = 'body.supplierKey',
): Promise<string | null> {
  if (supplierKey === null) return null;
  const id = (await supplierRepository.idsByKeys(db, [supplierKey])).get(supplierKey);
  if (!id) {
    throw new AppError('validation_failed', `No supplier with key ${supplierKey}`, {
      issues: [
        { path: fieldPath, message: `no supplier with key ${supplierKey}; create it first` },
      ],
    });
  }
  return id;
}
