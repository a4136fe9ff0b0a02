import type { AppContext } from '../../platform/context.js';
import { normalizeCatalog } from './catalog-content.js';
import type { Catalog, CatalogFramework } from './catalog.schema.js';
import { catalogRepository } from './catalog.repository.js';

/**
 * The current catalogue, retired objects left out, in the same normal form plan and apply use:
 * applying an export back changes nothing. `catalogToFiles` (catalog-files.ts) lays it out as YAML.
 */
export async function exportCatalog(ctx: Pick<AppContext, 'db'>): Promise<Catalog> {
  const stored = await catalogRepository.loadAll(ctx.db);
  const frameworks: CatalogFramework[] = [...stored.frameworks.values()]
    .filter((framework) => framework.retiredAt === null)
    .map(({ content }) => ({
      key: content.key,
      title: content.title,
      kind: content.kind,
      issuer: content.issuer,
      edition: content.edition,
      description: content.description,
      requirements: content.requirements.map((key) => {
        const requirement = stored.requirements.get(key)!.content;
        return { key, title: requirement.title, summary: requirement.summary };
      }),
    }));
  const controls = [...stored.controls.values()]
    .filter((control) => control.retiredAt === null)
    .map((control) => control.content);
  return normalizeCatalog({ frameworks, controls });
}
