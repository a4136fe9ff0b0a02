import { stringify } from 'csv-stringify/sync';

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab/CR before them) as a formula, which
 * an attacker can use to run commands on an auditor's machine (CSV injection). Exported cells that
 * start that way get a leading apostrophe; the importer strips it again so files round-trip.
 * A value that itself starts with apostrophes before such a character gets one more, so that
 * stripping one on import gives it back unchanged instead of eating its own apostrophe.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function restoreNeutralised(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** Writes rows as RFC 4180 CSV with a header line, every cell guarded against formula injection. */
export function toCsv<C extends string>(columns: readonly C[], rows: Record<C, string>[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => neutraliseFormula(row[column]))),
    { header: true, columns: [...columns], record_delimiter: '\n' },
  );
}
