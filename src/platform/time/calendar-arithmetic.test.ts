import { describe, expect, it } from 'vitest';
import { addMonths, dateInZone } from './zoned-time.js';

describe('dateInZone', () => {
  it.each([
    ['2026-03-31T22:30:00Z', 'Europe/Berlin', '2026-04-01'],
    ['2026-03-31T21:59:59Z', 'Europe/Berlin', '2026-03-31'],
    ['2026-03-31T22:30:00Z', 'UTC', '2026-03-31'],
    ['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31'],
    ['2026-06-30T14:00:00Z', 'Pacific/Auckland', '2026-07-01'],
  ])('gives %s in %s as %s', (instant, timeZone, date) => {
    expect(dateInZone(new Date(instant), timeZone)).toBe(date);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-04-01', 3, '2026-07-01'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-10-15', 3, '2027-01-15'],
    ['2026-01-31', 12, '2027-01-31'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-10', -1, '2025-12-10'],
    ['2026-05-20', 0, '2026-05-20'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('does not drift when a clamped date is carried forward', () => {
    // 31 Jan → 28 Feb → 28 May: each step starts from the stored date, as reviews do.
    expect(addMonths(addMonths('2026-01-31', 1), 3)).toBe('2026-05-28');
  });
});
