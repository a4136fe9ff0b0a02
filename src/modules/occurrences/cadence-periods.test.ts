import { describe, expect, it } from 'vitest';
import { dueDateOf, periodContaining, periodInstants, periodsBetween } from './cadence-periods.js';

describe('cadence periods', () => {
  it('names ISO weeks across a year end (29 Dec 2025 is in week 1 of 2026)', () => {
    expect(periodContaining('weekly', '2025-12-31')).toEqual({
      key: '2026-W01',
      startDate: '2025-12-29',
      endDate: '2026-01-05',
    });
    expect(periodContaining('weekly', '2027-01-01')).toEqual({
      key: '2026-W53',
      startDate: '2026-12-28',
      endDate: '2027-01-04',
    });
  });

  it('finds months, quarters and years', () => {
    expect(periodContaining('monthly', '2026-02-14')).toEqual({
      key: '2026-02',
      startDate: '2026-02-01',
      endDate: '2026-03-01',
    });
    expect(periodContaining('quarterly', '2026-12-31')).toEqual({
      key: '2026-Q4',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
    });
    expect(periodContaining('annual', '2026-07-01')).toEqual({
      key: '2026',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
    });
  });

  it('lists periods from the start date on, never before it', () => {
    const months = periodsBetween('monthly', '2026-03-10', '2026-01-01', '2026-06-01').map(
      (p) => p.key,
    );
    expect(months).toEqual(['2026-03', '2026-04', '2026-05']);
    const quarters = periodsBetween('quarterly', '2025-01-01', '2025-11-15', '2026-04-02').map(
      (p) => p.key,
    );
    expect(quarters).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('clamps a day of period to the period (day 31 of February is its last day)', () => {
    expect(dueDateOf(periodContaining('monthly', '2026-02-03'), 31)).toBe('2026-02-28');
    expect(dueDateOf(periodContaining('monthly', '2026-02-03'), 15)).toBe('2026-02-15');
    expect(dueDateOf(periodContaining('monthly', '2026-02-03'))).toBe('2026-02-28');
  });

  it('puts period boundaries at local midnight across the spring DST change in Berlin', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
    const day = periodInstants(periodContaining('daily', '2026-03-29'), 'Europe/Berlin');
    expect(day.startsAt.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(day.endsAt.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(day.endsAt.getTime() - day.startsAt.getTime()).toBe(23 * 3_600_000);
  });

  it('puts period boundaries at local midnight across the autumn DST change in New York', () => {
    // 1 November 2026: clocks go back from 02:00 EDT to 01:00 EST.
    const day = periodInstants(periodContaining('daily', '2026-11-01'), 'America/New_York');
    expect(day.startsAt.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(day.endsAt.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(day.endsAt.getTime() - day.startsAt.getTime()).toBe(25 * 3_600_000);
  });

  it('ends a year at local midnight on 1 January, not at UTC midnight', () => {
    const year = periodInstants(periodContaining('annual', '2026-06-01'), 'Asia/Tokyo');
    expect(year.startsAt.toISOString()).toBe('2025-12-31T15:00:00.000Z');
    expect(year.dueAt.toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it('makes a monthly deadline on day 15 the end of the 15th local time', () => {
    const month = periodInstants(periodContaining('monthly', '2026-10-02'), 'Europe/Berlin', 15);
    expect(month.dueAt.toISOString()).toBe('2026-10-15T22:00:00.000Z');
  });
});
