import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { riskyCell, startsAFormula } from '../../../test/support/csv-cells.js';
import { neutraliseFormula, restoreNeutralised, toCsv } from './csv.js';

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r'=1+1"],
    ["'=already quoted", "''=already quoted"],
    ['note\n=HYPERLINK("http://evil")', 'note\n\'=HYPERLINK("http://evil")'],
    ['a\r+1\r\n-2\n@x', "a\r'+1\r\n'-2\n'@x"],
    ["first\n'=typed", "first\n''=typed"],
  ])('guards %j as %j', (value, guarded) => {
    expect(neutraliseFormula(value)).toBe(guarded);
    expect(restoreNeutralised(guarded)).toBe(value);
  });

  it.each(['Production database', "O'Brien's laptop", "'quoted'", '2+3', 'a=b', '', 'a\nb=c'])(
    'leaves %j alone',
    (value) => {
      expect(neutraliseFormula(value)).toBe(value);
      expect(restoreNeutralised(value)).toBe(value);
    },
  );

  it('strips the apostrophe a spreadsheet user typed before a formula character', () => {
    expect(restoreNeutralised("'=1+1")).toBe('=1+1');
  });

  it('gives back every value it guarded', () => {
    const risky = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.stringMatching(/^'*$/),
          fc.constantFrom('=', '+', '-', '@', '\t', '\r'),
          fc.string(),
        )
        .map((parts) => parts.join('')),
      fc
        .array(
          fc.oneof(fc.string(), fc.constantFrom('\r', '\n', '\r\n', "'", '=', '+', '-', '@', '\t')),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(risky, (value) => {
        const guarded = neutraliseFormula(value);
        expect(guarded).not.toMatch(/(^|[\r\n])[=+\-@\t\r]/);
        expect(restoreNeutralised(guarded)).toBe(value);
      }),
    );
  });
});

describe('toCsv', () => {
  it('writes a header and RFC 4180 quoting, guarding every cell', () => {
    const csv = toCsv(['key', 'note'] as const, [
      { key: 'a', note: 'plain' },
      { key: 'b', note: 'comma, "quote" and\nnewline' },
      { key: 'c', note: '=1+1' },
    ]);
    expect(csv).toBe('key,note\na,plain\nb,"comma, ""quote"" and\nnewline"\nc,\'=1+1\n');
    expect(parse(csv, { columns: true })).toEqual([
      { key: 'a', note: 'plain' },
      { key: 'b', note: 'comma, "quote" and\nnewline' },
      { key: 'c', note: "'=1+1" },
    ]);
  });
});

describe('toCsv under random cells', () => {
  it('round-trips every cell to its neutralised value, and no cell or line of one starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(riskyCell, riskyCell), { maxLength: 5 }), (pairs) => {
        const rows = pairs.map(([key, note]) => ({ key, note }));
        const parsed = parse<Record<string, string>>(toCsv(['key', 'note'] as const, rows), {
          columns: true,
        });
        expect(parsed).toEqual(
          rows.map((row) => ({
            key: neutraliseFormula(row.key),
            note: neutraliseFormula(row.note),
          })),
        );
        for (const [index, row] of parsed.entries()) {
          expect(startsAFormula(row.key ?? '') || startsAFormula(row.note ?? '')).toBe(false);
          expect(restoreNeutralised(row.note ?? '')).toBe(rows[index]?.note);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('quotes a cell holding a bare carriage return', () => {
    expect(toCsv(['a', 'b'] as const, [{ a: 'x\ry', b: 'z' }])).toBe('a,b\n"x\ry",z\n');
  });
});
