import { Readable } from 'node:stream';
import type { z } from 'zod';
import { AppError } from '../errors.js';

/** A tool's raw output as an import receives it: an HTTP body, a file, chunks in a test. */
export type ToolOutputInput = AsyncIterable<string | Buffer> | NodeJS.ReadableStream | Readable;

/**
 * Tool output that is not what the chosen format promises. The message names the format and, when
 * known, the line and the field, e.g. `restic: line 4: summary.snapshot_id is missing`, because it
 * is shown as-is to whoever runs the import. Each importer subclasses it with its closed list of
 * formats (BackupParseError, ScanParseError).
 */
export class ToolOutputError<Format extends string = string> extends Error {
  readonly format: Format;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(format: Format, problem: string, location: { line?: number; field?: string } = {}) {
    const where = [
      location.line === undefined ? null : `line ${location.line}`,
      location.field === undefined || location.field === '' ? null : location.field,
    ].filter((part): part is string => part !== null);
    super([format, ...where, problem].join(': '));
    this.name = new.target.name;
    this.format = format;
    this.line = location.line;
    this.field = location.field;
  }
}

/** The 400 an import answers for refused tool output: nothing stored, line and field named. */
export function toolOutputRefused(error: ToolOutputError): AppError {
  const where = [
    error.line === undefined ? null : `line ${error.line}`,
    error.field ?? null,
  ].filter((part): part is string => part !== null);
  return new AppError('validation_failed', `Nothing was imported: ${error.message}`, {
    issues: [{ path: where.length > 0 ? where.join(': ') : 'body', message: error.message }],
    details: { format: error.format, line: error.line ?? null, field: error.field ?? null },
  });
}

/**
 * Passes the input through, handing each chunk to `onChunk` (hashing, noticing content), and
 * fails with `payload_too_large` once it grows past `maxBytes`. A stream stays open when the
 * parser stops early (malformed input): the HTTP edge still has to read the rest of the request
 * before it can answer, or the client sees a reset connection.
 */
export async function* limitToolOutput(
  input: ToolOutputInput,
  limit: { maxBytes: number; tooLarge: (megabytes: number) => string },
  onChunk: (chunk: Buffer | string) => void = () => undefined,
): AsyncGenerator<Buffer | string> {
  let size = 0;
  const chunks =
    input instanceof Readable
      ? input.iterator({ destroyOnReturn: false })
      : (input as AsyncIterable<Buffer | string>);
  for await (const chunk of chunks as AsyncIterable<Buffer | string>) {
    size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (size > limit.maxBytes) {
      throw new AppError('payload_too_large', limit.tooLarge(limit.maxBytes / 1024 / 1024));
    }
    onChunk(chunk);
    yield chunk;
  }
}

/** Dotted path of a field, with array indexes in brackets: `Results[0].Vulnerabilities[3].PkgName`. */
export function dottedPath(path: readonly PropertyKey[], prefix = ''): string {
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
 * Checks a value of tool output against its schema. Only the first problem is kept, since one
 * clear message serves the person fixing the input better than a list of fifty; zod words an
 * absent field as a type mismatch (or with the field's own format message), so it says
 * `is missing` instead.
 */
export function checkToolValue<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
):
  | { success: true; data: z.output<Schema> }
  | { success: false; problem: string; path: readonly PropertyKey[] } {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const absent = path.length > 0 && valueAt(value, path) === undefined;
  return {
    success: false,
    problem: absent ? 'is missing' : (issue?.message ?? 'is invalid'),
    path,
  };
}
