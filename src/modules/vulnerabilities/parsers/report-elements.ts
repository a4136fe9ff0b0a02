import type { z } from 'zod';
import {
  JsonStreamError,
  selectJsonValues,
  type JsonPath,
  type JsonSelection,
  type SelectedJsonValue,
} from '../../../platform/json/json-stream.js';
import { ScanParseError } from './scan-parse-error.js';
import type { FindingSeverity, ScanFormat, ScanInput } from './scan-report.js';

/** Dotted path with array indexes in brackets: `Results[0].Vulnerabilities[3].PkgName`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let dotted = '';
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

/** Checks one element of a report against its schema; the first problem names line and field. */
export function parseElement<Schema extends z.ZodType>(
  format: ScanFormat,
  schema: Schema,
  element: SelectedJsonValue,
): z.output<Schema> {
  const result = schema.safeParse(element.value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const absent = path.length > 0 && valueAt(element.value, path) === undefined;
  throw new ScanParseError(format, absent ? 'is missing' : (issue?.message ?? 'is invalid'), {
    line: element.line,
    field: fieldPath([...element.path, ...path]),
  });
}

/** The values a parser takes from the report, with JSON errors worded for the format. */
export async function* reportElements(
  format: ScanFormat,
  input: ScanInput,
  select: (path: JsonPath) => JsonSelection,
  expected: string,
): AsyncGenerator<SelectedJsonValue> {
  try {
    yield* selectJsonValues(input as AsyncIterable<string | Buffer>, select, (kind) => {
      if (kind !== 'object') {
        throw new ScanParseError(format, `expected the JSON object ${expected} writes`, {
          line: 1,
        });
      }
    });
  } catch (error) {
    if (error instanceof JsonStreamError) {
      const problem =
        error.problem === 'the input is empty'
          ? `the input is empty; expected the JSON object ${expected} writes`
          : error.problem;
      throw new ScanParseError(format, problem, { line: error.line });
    }
    throw error;
  }
}

/** A tool's severity word as Plumbline's severity; anything else is refused, naming the field. */
export function severityOf(
  format: ScanFormat,
  words: Readonly<Record<string, FindingSeverity>>,
  word: string,
  location: { line: number; field: string },
): FindingSeverity {
  const severity = words[word.toLowerCase()];
  if (severity === undefined) {
    throw new ScanParseError(
      format,
      `"${word}" is not a severity (expected one of ${Object.keys(words).join(', ')})`,
      location,
    );
  }
  return severity;
}

/** An instant a report states, or null when it is absent or not a date-time. */
export function instantOrNull(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
