import type { z } from 'zod';
import { checkToolValue, dottedPath } from '../../../platform/imports/tool-output.js';
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

/**
 * Validates tool output against its schema; the first problem becomes a BackupParseError naming the
 * field.
 */
export function parseWithSchema<Schema extends z.ZodType>(
  format: BackupImportFormat,
  schema: Schema,
  value: unknown,
  location: { line?: number; fieldPrefix?: string } = {},
): z.output<Schema> {
  const result = checkToolValue(schema, value);
  if (result.success) return result.data;
  throw new BackupParseError(format, result.problem, {
    ...(location.line === undefined ? {} : { line: location.line }),
    field: dottedPath(result.path, location.fieldPrefix ?? ''),
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
