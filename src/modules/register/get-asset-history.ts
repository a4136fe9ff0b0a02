import type { AppContext } from '../../app/context.js';
import type { AuditEventView } from '../audit-log/audit-log.schema.js';
import { listEntityHistory } from '../audit-log/list-audit-events.js';
import { getAsset } from './asset-queries.js';

/**
 * Everything that happened to an asset, newest first: its own changes and reviews, and the
 * matrix rows that linked it to processes or unlinked it.
 */
export async function getAssetHistory(
  ctx: Pick<AppContext, 'db'>,
  key: string,
): Promise<AuditEventView[]> {
  const asset = await getAsset(ctx, key);
  return listEntityHistory(ctx, { entityType: 'asset', entityId: asset.id }, [
    { entityType: 'matrix_row', field: 'assetKey', value: asset.key },
  ]);
}
