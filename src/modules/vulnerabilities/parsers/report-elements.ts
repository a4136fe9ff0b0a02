import type { z } from 'zod';
import {
  JsonStreamError,
  selectJsonValues,
  type JsonPath,
  type JsonSelection,
  type SelectedJsonValue,
} from '../../../platform/json/json-stream.js';
import { checkToolValue, dottedPath } from '../../../platform/imports/tool-output.js';
import { ScanParseError } from './scan-parse-error.js';
import type { FindingSeverity, ScanFormat, ScanInput } from './scan-report.js';

/** Checks one element of a report against its schema; the first problem names line and field. */
export function parseElement<Schema extends z.ZodType>(
  format: ScanFormat,
  schema: Schema,
  element: SelectedJsonValue,
): z.output<Schema> {
  const result = checkToolValue(schema, element.value);
  if (result.success) return result.data;
  throw new ScanParseError(format, result.problem, {
    line: element.line,
    field: dottedPath([...element.path, ...result.path]),
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
