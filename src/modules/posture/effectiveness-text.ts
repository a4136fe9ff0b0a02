import { neutraliseFormula } from '../../platform/csv/csv.js';
import type { FrameworkControlRow } from './posture.repository.js';

/*
 * The report's rows as JSON and CSV text are written by the database
 * (effectiveness-text.repository.ts): a year of a large register is close to a million rows, and
 * reading each row's columns into JavaScript cost more than the database takes to write the text.
 * What is the same for every row of a control is written here, once per page, exactly as
 * JSON.stringify of reportRow and toCsv write it (a property test compares them).
 */

export type EffectivenessTextFormat = 'json' | 'csv';

/** What makes toCsv quote a cell: a quote, a comma or a line break (LF or CR). */
const NEEDS_QUOTES = /[",\n\r]/;

/** One CSV cell as toCsv writes it: guarded against formulas, quoted when it must be. */
function csvCell(value: string): string {
  const guarded = neutraliseFormula(value);
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * The start of each of a control's rows, up to where the row's own facts begin: in JSON the
 * object's opening up to `"periodKey":`, in CSV the control's three cells and their commas.
 */
export function controlRowHead(
  format: EffectivenessTextFormat,
  control: FrameworkControlRow,
): string {
  if (format === 'json') {
    return (
      `{"controlKey":${JSON.stringify(control.key)},"controlTitle":${JSON.stringify(control.title)},` +
      `"requirementKeys":${JSON.stringify(control.requirement_keys)},"periodKey":`
    );
  }
  return `${csvCell(control.key)},${csvCell(control.title)},${csvCell(control.requirement_keys.join(';'))},`;
}
