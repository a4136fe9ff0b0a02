import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseAssetCsv } from './asset-csv.js';

const HEADER = 'key,name,category,environment,owner_role,criticality,data_classification';
const row = (key: string, name = key) =>
  `${key},${name},server,production,engineering,low,internal`;

function lines(text: string): [number, string | undefined][] {
  return parseAssetCsv(text).map((record) => [record.line, record.cells.key]);
}

function formatError(text: string): CsvFormatError {
  try {
    parseAssetCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) return error;
    throw error;
  }
  throw new Error('expected a CsvFormatError');
}

describe('parseAssetCsv line numbers', () => {
  it('numbers records by the line they start on', () => {
    expect(lines([HEADER, row('a'), row('b'), ''].join('\n'))).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
  });

  it('counts a multi-line cell once, with LF or CRLF line ends', () => {
    for (const newline of ['\n', '\r\n']) {
      const text = [HEADER, row('a', `"two${newline}lines"`), row('b'), row('c')].join(newline);
      expect(lines(text)).toEqual([
        [2, 'a'],
        [4, 'b'],
        [5, 'c'],
      ]);
    }
  });

  it('skips blank lines without losing count, and ignores a byte order mark', () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${row('a')}\r\n\r\n\r\n${row('b')}`;
    expect(lines(text)).toEqual([
      [3, 'a'],
      [6, 'b'],
    ]);
  });

  it('reads the header case- and space-insensitively, in any column order', () => {
    const [record] = parseAssetCsv(
      ' Name ,KEY,category,environment,owner_role,criticality,data_classification\nBox,box,server,production,engineering,low,internal\n',
    );
    expect(record?.cells).toMatchObject({ key: 'box', name: 'Box' });
  });

  it('gives back a cell that an export guarded against formula injection', () => {
    const [record] = parseAssetCsv(`${HEADER}\nx,'=1+1,server,production,engineering,low,internal`);
    expect(record?.cells.name).toBe('=1+1');
  });

  it('names the line where an unclosed quote opens, not the end of the file', () => {
    const error = formatError([HEADER, row('a'), row('b', '"open'), row('c'), row('d')].join('\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'the file is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote',
    );
  });

  it('names the line of a record with too many cells after a multi-line CRLF cell', () => {
    const text = [HEADER, row('a', '"x\r\ny"'), `${row('b')},surplus`].join('\r\n');
    expect(formatError(text).line).toBe(4);
  });
});
