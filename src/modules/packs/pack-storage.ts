import path from 'node:path';
import type { AppContext } from '../../app/context.js';

/** Packs are kept under the data directory: `<data dir>/packs/<id>.zip`. */
export function packFilePath(ctx: Pick<AppContext, 'config'>, id: string): string {
  return path.join(ctx.config.dataDir, 'packs', `${id}.zip`);
}
