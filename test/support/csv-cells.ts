import fc from 'fast-check';

/** Cells built from what CSV injection and CSV framing hinge on: breaks, quotes, formula starts. */
export const riskyCell: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('\r', '\n', '\r\n', '"', ',', "'", '=', '+', '-', '@', '\t', 'cmd', ' '),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Whether a parsed cell, or any line inside it, starts as a spreadsheet formula would. */
export function startsAFormula(cell: string): boolean {
  return cell.split(/[\r\n]/).some((line) => /^[=+\-@\t]/.test(line));
}
