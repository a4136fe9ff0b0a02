import { describe, expect, it } from 'vitest';
import { isoCalendarDate, isoInstant } from './iso-instant.js';
import { UNSUPPORTED_INSTANT_MESSAGE } from './supported-instants.js';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('an instant in a request', () => {
  it('takes an ISO date-time with Z or an offset', () => {
    expect(isoInstant().parse('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00Z');
    expect(isoInstant().parse('2026-03-01T11:00:00.250+01:00')).toBe(
      '2026-03-01T11:00:00.250+01:00',
    );
  });

  it('refuses a date-time without its offset, and a date, with the field’s example', () => {
    expect(messagesOf(isoInstant().safeParse('2026-03-01T10:00:00'))).toEqual([
      'must be an ISO date-time such as 2026-03-01T10:00:00Z',
    ]);
    expect(messagesOf(isoInstant('must be an ISO 8601 date-time').safeParse('2026-03-01'))).toEqual(
      ['must be an ISO 8601 date-time'],
    );
  });

  it('refuses a year the database and the periods around it cannot hold', () => {
    expect(messagesOf(isoInstant().safeParse('9999-12-31T23:59:59Z'))).toEqual([
      UNSUPPORTED_INSTANT_MESSAGE,
    ]);
  });

  it('takes a calendar date as YYYY-MM-DD in a supported year, and nothing else', () => {
    expect(isoCalendarDate().parse('2026-12-07')).toBe('2026-12-07');
    expect(messagesOf(isoCalendarDate().safeParse('2026-12-07T00:00:00Z'))).toEqual([
      'must be a date as YYYY-MM-DD',
    ]);
    expect(messagesOf(isoCalendarDate().safeParse('9999-01-01'))).toEqual([
      UNSUPPORTED_INSTANT_MESSAGE,
    ]);
  });
});
