import type { AppContext } from '../../platform/context.js';
import { assetsToCsv } from './asset-csv.js';
import { assetRepository, toAssetView } from './asset.repository.js';

const PAGE = 5000;

/** The whole register as CSV in the import format. */
export async function exportAssetsCsv(ctx: Pick<AppContext, 'db'>): Promise<string> {
  const views = [];
  // Page after the last key read (keyset), not by offset: an asset added meanwhile cannot shift
  // the pages and push another one out of the file.
  let after: string | undefined;
  for (;;) {
    const rows = await assetRepository.list(ctx.db, { limit: PAGE, offset: 0, after });
    views.push(...rows.map(toAssetView));
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.key;
  }
  return assetsToCsv(views);
}
