import { describe, expect, it } from 'vitest';
import { columnHeader, formatTable } from './output.js';

describe('CLI tables', () => {
  it.each([
    ['status', 'STATUS'],
    ['controlKey', 'CONTROL'],
    ['dueAt', 'DUE AT'],
    ['lastSuccessAt', 'LAST SUCCESS AT'],
    ['rpo30Days', 'RPO 30 DAYS'],
    ['id', 'ID'],
  ])('heads the %s column "%s"', (field, header) => {
    expect(columnHeader(field)).toBe(header);
  });

  it('aligns the columns under their readable headers', () => {
    expect(formatTable([{ assetKey: 'db-1', dueAt: '2026-12-07' }], ['assetKey', 'dueAt'])).toBe(
      'ASSET  DUE AT\ndb-1   2026-12-07',
    );
  });
});
