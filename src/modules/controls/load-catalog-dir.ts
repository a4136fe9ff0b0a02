import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { AppError } from '../../platform/errors.js';
import {
  catalogFileSchema,
  catalogSchema,
  type Catalog,
  type CatalogControl,
  type CatalogFramework,
} from './catalog.schema.js';

/** One problem in a catalogue directory, pointing at the file, line and field that cause it. */
export interface CatalogIssue {
  /** Path of the file relative to the catalogue directory, with forward slashes. */
  file: string;
  line: number | null;
  /** Field inside the file, e.g. `controls[3].cadence.frequency`; empty for the whole file. */
  path: string;
  message: string;
}

export interface LoadedCatalog {
  catalog: Catalog;
  /** The YAML files read, relative to the directory, in the order they were read. */
  files: string[];
}

/** The parts of `fs/promises` the loader uses; injected so tests can hand it a fake disk. */
export type CatalogFs = Pick<typeof nodeFs, 'readdir' | 'readFile'>;

const YAML_FILE = /\.ya?ml$/i;

/** Formats an issue as `file:line field: message`, the way editors and CI logs link to it. */
export function formatCatalogIssue(issue: CatalogIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

/** The error a broken catalogue directory gives: its message lists every problem on its own line. */
export function invalidCatalogError(directory: string, issues: CatalogIssue[]): AppError {
  const lines = issues.map((issue) => `  ${formatCatalogIssue(issue)}`);
  return new AppError(
    'validation_failed',
    `The catalogue in ${directory} is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    {
      issues: issues.map((issue) => ({
        path: `${issue.file}${issue.line === null ? '' : `:${issue.line}`} ${issue.path}`.trim(),
        message: issue.message,
      })),
    },
  );
}

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

async function listYamlFiles(fs: CatalogFs, directory: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(directory, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      files.push(...(await listYamlFiles(fs, directory, relative)));
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
      files.push(relative);
    }
  }
  return files;
}

interface ParsedFile {
  file: string;
  document: Document;
  lineCounter: LineCounter;
}

/** The line of the deepest YAML node that exists along a field path (a missing field: its parent). */
function lineOf(parsed: ParsedFile, segments: readonly PropertyKey[]): number | null {
  for (let length = segments.length; length >= 0; length -= 1) {
    const node = parsed.document.getIn(segments.slice(0, length) as unknown[], true) as
      { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      return parsed.lineCounter.linePos(node.range[0]).line;
    }
  }
  return null;
}

function issueAt(parsed: ParsedFile, segments: PropertyKey[], message: string): CatalogIssue {
  return { file: parsed.file, line: lineOf(parsed, segments), path: fieldPath(segments), message };
}

/**
 * Parses one YAML text strictly: syntax errors, duplicate keys, several documents in one file and
 * every warning (an unknown tag such as `!secret` is only a warning to the YAML parser) are errors.
 */
export function parseCatalogYaml(
  file: string,
  text: string,
): { parsed: ParsedFile; value: unknown; issues: CatalogIssue[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    strict: true,
    uniqueKeys: true,
    schema: 'core',
  });
  const parsed = { file, document, lineCounter };
  const issues = [...document.errors, ...document.warnings].map((problem) => ({
    file,
    line: lineCounter.linePos(problem.pos[0]).line,
    path: '',
    message: problem.message,
  }));
  return { parsed, value: issues.length > 0 ? undefined : document.toJS(), issues };
}

/**
 * Reads every `.yaml`/`.yml` file under a directory (sub-directories included, hidden ones
 * skipped) as one catalogue. Each file is checked on its own first, then the whole catalogue for
 * duplicate keys and mappings to unknown requirements; every problem names its file, line and
 * field. Throws a `validation_failed` AppError listing all of them.
 */
export async function loadCatalogDir(
  directory: string,
  fs: CatalogFs = nodeFs,
): Promise<LoadedCatalog> {
  let files: string[];
  try {
    files = await listYamlFiles(fs, directory);
  } catch (error) {
    throw new AppError(
      'validation_failed',
      `Cannot read the catalogue directory ${directory}: ${(error as Error).message}`,
    );
  }
  if (files.length === 0) {
    throw invalidCatalogError(directory, [
      { file: '.', line: null, path: '', message: 'holds no .yaml or .yml file' },
    ]);
  }

  const issues: CatalogIssue[] = [];
  const frameworks: CatalogFramework[] = [];
  const controls: CatalogControl[] = [];
  // Where each merged entry came from, so whole-catalogue problems point back into their file.
  const origins: { frameworks: [ParsedFile, number][]; controls: [ParsedFile, number][] } = {
    frameworks: [],
    controls: [],
  };
  for (const file of files) {
    const text = await fs.readFile(path.join(directory, file), 'utf8');
    const { parsed, value, issues: yamlIssues } = parseCatalogYaml(file, text);
    if (yamlIssues.length > 0) {
      issues.push(...yamlIssues);
      continue;
    }
    const result = catalogFileSchema.safeParse(value);
    if (!result.success) {
      issues.push(...result.error.issues.map((i) => issueAt(parsed, i.path, i.message)));
      continue;
    }
    (result.data.frameworks ?? []).forEach((framework, index) => {
      frameworks.push(framework);
      origins.frameworks.push([parsed, index]);
    });
    (result.data.controls ?? []).forEach((control, index) => {
      controls.push(control);
      origins.controls.push([parsed, index]);
    });
  }
  if (issues.length > 0) throw invalidCatalogError(directory, issues);

  const whole = catalogSchema.safeParse({ frameworks, controls });
  if (!whole.success) {
    for (const issue of whole.error.issues) {
      const [list, index, ...rest] = issue.path as [
        'frameworks' | 'controls',
        number,
        ...PropertyKey[],
      ];
      const [parsed, localIndex] = origins[list][index]!;
      issues.push(issueAt(parsed, [list, localIndex, ...rest], issue.message));
    }
    throw invalidCatalogError(directory, issues);
  }
  return { catalog: whole.data, files };
}
