import type { AppContext } from '../../platform/context.js';
import type { AuditEventView } from '../audit-log/audit-log.schema.js';
import { listEntityHistory, type HistoryWindow } from '../audit-log/list-audit-events.js';
import { getAsset } from './asset-queries.js';

/**
 * Everything that happened to an asset, newest first: its own changes and reviews, and the
 * matrix rows that linked it to processes or unlinked it; only what was recorded within `window`
 * when one is given (an engaged auditor's period, a walkthrough's).
 */
export async function getAssetHistory(
  ctx: Pick<AppContext, 'db'>,
  key: string,
  window: HistoryWindow | null = null,
): Promise<AuditEventView[]> {
  const asset = await getAsset(ctx, key);
  return listEntityHistory(
    ctx,
    { entityType: 'asset', entityId: asset.id },
    [{ entityType: 'matrix_row', field: 'assetKey', value: asset.key }],
    { window },
  );
}
