import { stringify } from 'csv-stringify/sync';

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab/CR before them) as a formula, which
 * an attacker can use to run commands on an auditor's machine (CSV injection); some spreadsheets
 * also read each line of a multi-line cell as if it started a cell. So at the start of the cell and
 * after every line break in it (CR or LF), text that starts that way gets a leading apostrophe;
 * the importer strips it again so files round-trip. A line that itself starts with apostrophes
 * before such a character gets one more, so that stripping one on import gives it back unchanged
 * instead of eating its own apostrophe.
 */
const NEEDS_GUARD = /(?:^|(?<=[\r\n]))(?='*[=+\-@\t\r])/g;
const GUARDED = /(?:^|(?<=[\r\n]))'(?='*[=+\-@\t\r])/g;

export function neutraliseFormula(value: string): string {
  return value.replace(NEEDS_GUARD, "'");
}

export function restoreNeutralised(value: string): string {
  return value.replace(GUARDED, '');
}

/**
 * Writes rows as RFC 4180 CSV with a header line, every cell guarded against formula injection.
 * A cell holding a carriage return is quoted too (csv-stringify quotes only for the line feed it
 * ends records with), so no reader can take a bare CR for the end of a record.
 */
export function toCsv<C extends string>(columns: readonly C[], rows: Record<C, string>[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => neutraliseFormula(row[column]))),
    { header: true, columns: [...columns], record_delimiter: '\n', quoted_match: /\r/ },
  );
}
