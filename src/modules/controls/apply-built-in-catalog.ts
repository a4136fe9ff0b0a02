import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { applyCatalog, type ApplyCatalogResult } from './apply-catalog.js';
import { catalogRepository } from './catalog.repository.js';
import { loadCatalogDir, type LoadedCatalog } from './load-catalog-dir.js';

/** `catalog/` at the root of the installation; the same relative path works from src/ and dist/. */
export const BUILT_IN_CATALOG_DIR = fileURLToPath(new URL('../../../catalog', import.meta.url));

/**
 * Brings the built-in catalogue into the database at server start, so a fresh installation has
 * its frameworks and controls and an upgrade brings new ones. When nothing changed this writes
 * nothing. Once the organisation has applied a catalogue of its own, the built-in one is no longer
 * applied: the organisation's catalogue is the source of truth from then on.
 */
export async function applyBuiltInCatalog(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
  directory: string = BUILT_IN_CATALOG_DIR,
): Promise<ApplyCatalogResult | null> {
  const last = await catalogRepository.lastRevision(ctx.db);
  if (last?.origin === 'organisation') {
    ctx.logger.debug(
      { revision: last.revision },
      'The catalogue is managed by the organisation; the built-in catalogue is not applied',
    );
    return null;
  }
  const { catalog } = await readCatalog(directory);
  const result = await applyCatalog(ctx, systemActor, catalog, { origin: 'built-in' });
  if (result.applied) {
    const { frameworks, requirements, controls } = result.plan;
    const counts = (section: typeof frameworks) =>
      `${section.added.length} added, ${section.changed.length} changed, ${section.retired.length} retired`;
    ctx.logger.info(
      { revision: result.revision },
      `Applied the built-in catalogue: frameworks ${counts(frameworks)}; requirements ${counts(requirements)}; controls ${counts(controls)}`,
    );
  }
  return result;
}

let builtIn: Promise<LoadedCatalog> | undefined;

/**
 * The built-in catalogue ships with the code and cannot change while the process runs, so it is
 * parsed once per process (every test app starts a server; parsing the YAML cost 0.1–0.2 s of
 * CPU each time). Any other directory is read afresh.
 */
function readCatalog(directory: string): Promise<LoadedCatalog> {
  if (directory !== BUILT_IN_CATALOG_DIR) return loadCatalogDir(directory);
  builtIn ??= loadCatalogDir(directory).catch((error: unknown) => {
    builtIn = undefined;
    throw error;
  });
  return builtIn;
}
