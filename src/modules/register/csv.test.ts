import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreNeutralised, toCsv } from './csv.js';

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ["'=already quoted", "''=already quoted"],
  ])('guards %j as %j', (value, guarded) => {
    expect(neutraliseFormula(value)).toBe(guarded);
    expect(restoreNeutralised(guarded)).toBe(value);
  });

  it.each(['Production database', "O'Brien's laptop", "'quoted'", '2+3', 'a=b', ''])(
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
    );
    fc.assert(
      fc.property(risky, (value) => {
        const guarded = neutraliseFormula(value);
        expect(guarded).not.toMatch(/^[=+\-@\t\r]/);
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
