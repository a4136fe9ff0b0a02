import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { restoreNeutralised } from './csv.js';

/** A CSV file that cannot be read as the expected columns, with the line at fault. */
export class CsvReadError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRecordOnLine {
  /** The line the record starts on (1 is the header). */
  line: number;
  /** The record's cells by (lower-case) column name, trimmed. */
  cells: Record<string, string>;
}

export interface CsvColumnRules {
  /** Every column the file may have; another column is refused (unless `allowUnknown`). */
  known: readonly string[];
  required: readonly string[];
  allowUnknown?: boolean;
}

/**
 * Reads CSV records as they stream in (a header line, then one record per line), checking the
 * header against the expected columns. Throws CsvReadError naming the line: a malformed file, a
 * record with the wrong number of cells, an unknown, duplicate or missing column.
 */
export async function* readCsvRecords(
  input: Readable | AsyncIterable<Buffer | string>,
  rules: CsvColumnRules,
): AsyncGenerator<CsvRecordOnLine> {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    trim: false,
  });
  const source = input instanceof Readable ? input : Readable.from(input);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let header: string[] | null = null;
  let lastLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      // One-line records: the line a record ends on is the line it starts on.
      const line = item.info.lines;
      lastLine = line;
      if (header === null) {
        header = checkHeader(item.record, rules);
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, index) => {
        const cell = item.record[index] ?? '';
        if (cell.includes('\u0000')) throw new CsvReadError(line, `${name} holds a NUL character`);
        cells[name] = restoreNeutralised(cell.trim());
      });
      yield { line, cells };
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw error;
    const reason = (error as Error).message.replace(/ (?:at|on) line \d+/, '');
    // The parser reads a chunk at once and may fail before the records before the bad one were
    // read from it: its own count of lines says where it stopped.
    const parserLine = (error as { lines?: unknown }).lines;
    const line =
      typeof parserLine === 'number' && parserLine > lastLine ? parserLine : lastLine + 1;
    throw new CsvReadError(line, `the file is not valid CSV: ${reason}`);
  } finally {
    source.unpipe(parser);
  }
  if (header === null) {
    throw new CsvReadError(1, 'the file is empty: expected a header line with the column names');
  }
}

function checkHeader(record: string[], rules: CsvColumnRules): string[] {
  const names = record.map((name) => name.trim().toLowerCase());
  if (!rules.allowUnknown) {
    const known = new Set(rules.known);
    const unknown = names.flatMap((name, index) =>
      known.has(name) ? [] : [name || `(column ${index + 1} has no name)`],
    );
    if (unknown.length > 0) throw new CsvReadError(1, `unknown column(s): ${unknown.join(', ')}`);
  }
  const duplicate = names.find((name, index) => name !== '' && names.indexOf(name) !== index);
  if (duplicate) throw new CsvReadError(1, `column ${duplicate} appears twice`);
  const missing = rules.required.filter((column) => !names.includes(column));
  if (missing.length > 0)
    throw new CsvReadError(1, `missing required column(s): ${missing.join(', ')}`);
  return names;
}
