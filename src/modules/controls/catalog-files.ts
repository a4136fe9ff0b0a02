import fs from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import { normalizeCatalog } from './catalog-content.js';
import { CATALOG_FORMAT, type Catalog } from './catalog.schema.js';

/** Every generated file starts with this, so readers know where the format is described. */
const FORMAT_NOTE = ' Plumbline catalogue file; the format is described in docs/catalog.md.';

/**
 * Prose fields too long for one line are written as folded blocks (`>-`), which read like text.
 * Up to this length they still fit on their line at the deepest indentation used.
 */
const PROSE_FIELDS = new Set(['description', 'objective', 'summary']);
const LONGEST_INLINE_PROSE = 75;

function toYaml(comment: string, value: Record<string, unknown>): string {
  const document = new Document({ format: CATALOG_FORMAT, ...value });
  document.commentBefore = `${comment}\n${FORMAT_NOTE}`;
  visit(document, {
    Pair(_key, pair) {
      if (
        isScalar(pair.key) &&
        PROSE_FIELDS.has(String(pair.key.value)) &&
        isScalar(pair.value) &&
        typeof pair.value.value === 'string' &&
        pair.value.value.length > LONGEST_INLINE_PROSE
      ) {
        pair.value.type = Scalar.BLOCK_FOLDED;
      }
    },
  });
  // A blank line between controls, the long entries, so each stands on its own in a diff.
  const controls = document.get('controls', true);
  if (isSeq(controls)) {
    controls.items.forEach((item, index) => {
      if (index > 0 && isMap(item)) item.spaceBefore = true;
    });
  }
  return document.toString({ lineWidth: 100, minContentWidth: 40 });
}

/**
 * Lays a catalogue out as YAML files: `frameworks/<key>.yaml` with one framework and its
 * requirements, `controls/<theme>.yaml` with that theme's controls sorted by key. The same catalogue
 * always gives the same bytes, so an exported catalogue diffs cleanly in git.
 */
export function catalogToFiles(catalog: Catalog): Map<string, string> {
  const normal = normalizeCatalog(catalog);
  const files = new Map<string, string>();
  for (const framework of normal.frameworks) {
    // An empty edition is the default; leaving it out keeps internal documents' files clean.
    const { edition, ...rest } = framework;
    const written = edition === '' ? rest : framework;
    files.set(
      `frameworks/${framework.key}.yaml`,
      toYaml(` ${framework.title}`, { frameworks: [written] }),
    );
  }
  const themes = [...new Set(normal.controls.map((control) => control.theme))].sort();
  for (const theme of themes) {
    const controls = normal.controls.filter((control) => control.theme === theme);
    files.set(`controls/${theme}.yaml`, toYaml(` Controls: ${theme}`, { controls }));
  }
  return files;
}

async function existingCatalogFiles(directory: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(path.join(directory, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      found.push(...(await existingCatalogFiles(directory, relative)));
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
      const text = await fs.readFile(path.join(directory, relative), 'utf8');
      if (text.includes(CATALOG_FORMAT)) found.push(relative);
    }
  }
  return found;
}

/**
 * Writes the files into a directory and removes the catalogue files it no longer needs (a theme or
 * framework that is gone), so the directory holds exactly the catalogue. YAML files that are not
 * catalogue files are left alone.
 */
export async function writeCatalogFiles(
  directory: string,
  files: Map<string, string>,
): Promise<{ written: string[]; removed: string[] }> {
  const root = path.resolve(directory);
  for (const file of files.keys()) {
    // Keys are slugs, so this holds by construction; the check keeps a bad key from escaping.
    if (!path.resolve(root, file).startsWith(`${root}${path.sep}`)) {
      throw new Error(`Refusing to write ${file} outside ${root}`);
    }
  }
  const stale = (await existingCatalogFiles(directory)).filter((file) => !files.has(file));
  for (const file of stale) await fs.rm(path.join(directory, file));
  for (const [file, text] of files) {
    await fs.mkdir(path.dirname(path.join(directory, file)), { recursive: true });
    await fs.writeFile(path.join(directory, file), text);
  }
  return { written: [...files.keys()], removed: stale.sort() };
}
