import type { AppContext } from '../../platform/context.js';
import { assetsToCsv } from './asset-csv.js';
import { assetRepository, toAssetView } from './asset.repository.js';

const PAGE = 5000;

/** The whole register as CSV in the import format. */
export async function exportAssetsCsv(ctx: Pick<AppContext, 'db'>): Promise<string> {
  const views = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await assetRepository.list(ctx.db, { limit: PAGE, offset });
    views.push(...rows.map(toAssetView));
    if (rows.length < PAGE) break;
  }
  return assetsToCsv(views);
}
