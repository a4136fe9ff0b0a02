import { neutraliseFormula } from '../register/csv.js';
import type { EffectivenessRow, FrameworkControlRow } from './posture.repository.js';

/*
 * The report's rows as JSON and CSV text, written straight from the database rows: a year of a
 * large register is close to a million rows, and building an object per row to stringify it cost
 * more than reading the row. The output is byte for byte what JSON.stringify of reportRow and
 * toCsv give (a property test compares them). Instants arrive as ISO-8601 text and statuses are
 * a closed set of plain words, so neither needs escaping; free text always goes through
 * JSON.stringify or the CSV cell rules.
 */

const exceptionLists = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) =>
  [bits & 4 ? 'missed' : '', bits & 2 ? 'late' : '', bits & 1 ? 'unverified' : ''].filter(Boolean),
);
/** The exceptions of each combination of (missed, late, unverified), as JSON and as a CSV cell. */
const EXCEPTIONS_JSON = exceptionLists.map((list) => JSON.stringify(list));
const EXCEPTIONS_CSV = exceptionLists.map((list) => list.join(';'));
const exceptionsIndex = (row: EffectivenessRow) =>
  (row.missed ? 4 : 0) + (row.late ? 2 : 0) + (row.unverified ? 1 : 0);

const jsonText = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
const jsonInstant = (value: string | null) => (value === null ? 'null' : `"${value}"`);

/** Rows of one control as the members of a JSON array, comma-separated. */
export function effectivenessJsonRows(
  control: FrameworkControlRow,
  rows: EffectivenessRow[],
): string {
  const head =
    `{"controlKey":${JSON.stringify(control.key)},"controlTitle":${JSON.stringify(control.title)},` +
    `"requirementKeys":${JSON.stringify(control.requirement_keys)},"periodKey":`;
  return rows
    .map(
      (row) =>
        `${head}${JSON.stringify(row.period_key)},` +
        `"assetKey":${JSON.stringify(row.asset_key)},"opensAt":"${row.opens_at}",` +
        `"dueAt":"${row.due_at}","status":"${row.status}",` +
        `"completedAt":${jsonInstant(row.completed_at)},"performer":${jsonText(row.performer)},` +
        `"verifiedAt":${jsonInstant(row.verified_at)},"verifier":${jsonText(row.verifier)},` +
        `"evidenceCount":${row.evidence_count},"exceptions":${EXCEPTIONS_JSON[exceptionsIndex(row)]!}}`,
    )
    .join(',');
}

/** What makes csv-stringify (as toCsv configures it) quote a cell: a quote, a comma or a newline. */
const NEEDS_QUOTES = /[",\n]/;

/** One CSV cell as toCsv writes it: guarded against formulas, quoted when it must be. */
function csvCell(value: string): string {
  const guarded = neutraliseFormula(value);
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Rows of one control as CSV lines (EFFECTIVENESS_CSV_COLUMNS), each ending in a newline. */
export function effectivenessCsvLines(
  control: FrameworkControlRow,
  rows: EffectivenessRow[],
): string {
  const head = `${csvCell(control.key)},${csvCell(control.title)},${csvCell(control.requirement_keys.join(';'))},`;
  let text = '';
  for (const row of rows) {
    text +=
      `${head}${csvCell(row.period_key)},${csvCell(row.asset_key)},${row.opens_at},` +
      `${row.due_at},${row.status},${row.completed_at ?? ''},${csvCell(row.performer ?? '')},` +
      `${row.verified_at ?? ''},${csvCell(row.verifier ?? '')},${row.evidence_count},` +
      `${EXCEPTIONS_CSV[exceptionsIndex(row)]!}\n`;
  }
  return text;
}
