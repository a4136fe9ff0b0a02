import type { z } from 'zod';
import { BackupParseError } from './backup-parse-error.js';
import type { BackupImportFormat } from './parsed-backup-run.js';

/** Line (1-based) of a character offset, for error messages about a whole document. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) line += 1;
  }
  return line;
}

function lineCount(text: string): number {
  return lineAt(text, text.trimEnd().length);
}

/**
 * JSON.parse with an error that says where: V8 reports a character position (or, for truncated
 * input, only "end of JSON input"), which is turned into a line number a person can look up.
 */
export function parseJson(format: BackupImportFormat, text: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const line = position?.[1] === undefined ? lineCount(text) : lineAt(text, Number(position[1]));
    const truncated = /end of (JSON )?input|Unterminated/i.test(detail);
    throw new BackupParseError(
      format,
      truncated ? 'the JSON ends too early (truncated output?)' : 'is not valid JSON',
      { line: firstLine - 1 + line },
    );
  }
}

/** Parses a whole JSON document, refusing an empty one with a message that says what was expected. */
export function parseJsonDocument(
  format: BackupImportFormat,
  text: string,
  expected: string,
): unknown {
  if (text.trim() === '')
    throw new BackupParseError(format, `the input is empty; expected ${expected}`);
  return parseJson(format, text);
}

/** Dotted path of a zod issue, with array indexes in brackets: `BackupJobs[3].CreationDate`. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  let dotted = prefix;
  for (const key of path) {
    if (typeof key === 'number') dotted += `[${key}]`;
    else dotted += dotted === '' ? String(key) : `.${String(key)}`;
  }
  return dotted;
}

/**
 * Validates tool output against its schema; the first problem becomes a BackupParseError naming the
 * field, since one clear message serves the person fixing the input better than a list of fifty.
 */
export function parseWithSchema<Schema extends z.ZodType>(
  format: BackupImportFormat,
  schema: Schema,
  value: unknown,
  location: { line?: number; fieldPrefix?: string } = {},
): z.output<Schema> {
  const result = schema.safeParse(value, {
    // Zod's default for an absent field ("expected string, received undefined") reads badly.
    error: (issue) => (issue.input === undefined ? 'is missing' : undefined),
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BackupParseError(format, issue?.message ?? 'is invalid', {
    ...(location.line === undefined ? {} : { line: location.line }),
    field: issuePath(location.fieldPrefix ?? '', issue?.path ?? []),
  });
}
