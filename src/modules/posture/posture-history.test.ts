import { describe, expect, it } from 'vitest';
import { planHistoryInstants } from './posture-history.js';

describe('planHistoryInstants', () => {
  it('ends each past month at local midnight of the next month’s first day, and now last', () => {
    const now = new Date('2026-03-15T12:00:00Z');
    expect(planHistoryInstants(now, 3, 'Europe/Berlin')).toEqual([
      { month: '2026-01', at: new Date('2026-01-31T23:00:00Z'), monthComplete: true },
      { month: '2026-02', at: new Date('2026-02-28T23:00:00Z'), monthComplete: true },
      { month: '2026-03', at: now, monthComplete: false },
    ]);
  });

  it('reads the current month in the organisation’s zone, across a year boundary', () => {
    // Still 31 December in New York when it is already January in UTC.
    const now = new Date('2027-01-01T03:00:00Z');
    expect(planHistoryInstants(now, 2, 'America/New_York').map((instant) => instant.month)).toEqual(
      ['2026-11', '2026-12'],
    );
    expect(planHistoryInstants(now, 1, 'UTC')).toEqual([
      { month: '2027-01', at: now, monthComplete: false },
    ]);
  });
});
