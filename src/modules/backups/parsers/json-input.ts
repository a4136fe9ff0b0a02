import type { z } from 'zod';
import { readDocument, type BackupInput } from './backup-input.js';
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
    const position = /position (\d+)/.exec(detail)?.[1];
    const line = position === undefined ? lineCount(text) : lineAt(text, Number(position));
    // V8 says "end of JSON input" only sometimes; an error at the very end means the same thing.
    const truncated =
      /end of (JSON )?input|Unterminated/i.test(detail) ||
      (position !== undefined && Number(position) >= text.trimEnd().length);
    throw new BackupParseError(
      format,
      truncated ? 'the JSON ends too early (truncated output?)' : 'is not valid JSON',
      { line: firstLine - 1 + line },
    );
  }
}

/** Parses a whole JSON document, refusing an empty one with a message that says what was expected. */
function parseJsonDocument(format: BackupImportFormat, text: string, expected: string): unknown {
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

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
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
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  // Zod words an absent field as a type mismatch, or with the field's own format message.
  const absent = path.length > 0 && valueAt(value, path) === undefined;
  throw new BackupParseError(format, absent ? 'is missing' : (issue?.message ?? 'is invalid'), {
    ...(location.line === undefined ? {} : { line: location.line }),
    field: issuePath(location.fieldPrefix ?? '', issue?.path ?? []),
  });
}

/**
 * Reads a whole single-document output and checks its outer shape, so that another tool's
 * output is refused with a message that says which command's output was expected.
 */
export async function readJsonDocument(
  format: BackupImportFormat,
  input: BackupInput,
  command: string,
  shape: 'array',
): Promise<unknown[]>;
export async function readJsonDocument(
  format: BackupImportFormat,
  input: BackupInput,
  command: string,
  shape: 'object',
): Promise<object>;
export async function readJsonDocument(
  format: BackupImportFormat,
  input: BackupInput,
  command: string,
  shape: 'array' | 'object',
): Promise<unknown[] | object> {
  const document = parseJsonDocument(
    format,
    await readDocument(format, input),
    `the output of \`${command}\``,
  );
  const isArray = Array.isArray(document);
  if (typeof document !== 'object' || document === null || isArray !== (shape === 'array')) {
    throw new BackupParseError(format, `expected the JSON ${shape} that \`${command}\` prints`, {
      line: 1,
    });
  }
  return document;
}
