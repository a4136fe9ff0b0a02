import type { AssetView } from './asset.schema.js';

/** What the audit trail keeps of an asset: the record itself, not the bookkeeping timestamps. */
export function assetAuditView(
  view: AssetView,
): Omit<AssetView, 'createdAt' | 'updatedAt' | 'supplierName'> {
  const { createdAt: _created, updatedAt: _updated, supplierName: _supplierName, ...rest } = view;
  return rest;
}
