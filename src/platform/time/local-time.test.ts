import { describe, expect, it } from 'vitest';
import { periodContaining } from '../../modules/occurrences/cadence-periods.js';
import { formatLocal, localWallClock } from './local-time.js';

const isoWeekOf = (date: string) => periodContaining('weekly', date).key;

describe('local time for notifications', () => {
  it('numbers digest weeks as ISO weeks across year boundaries', () => {
    expect(isoWeekOf('2026-03-30')).toBe('2026-W14');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-01-04')).toBe('2026-W01');
  });

  it('reads the wall clock in the zone on both sides of a DST change', () => {
    expect(localWallClock(new Date('2026-03-23T06:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-23',
      isoWeekday: 1,
      hour: 7,
      minute: 0,
    });
    expect(localWallClock(new Date('2026-03-30T05:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-30',
      isoWeekday: 1,
      hour: 7,
      minute: 0,
    });
    expect(localWallClock(new Date('2026-03-29T23:30:00Z'), 'UTC').isoWeekday).toBe(7);
  });

  it('formats instants for people in the organisation’s zone', () => {
    expect(formatLocal(new Date('2026-03-30T12:00:00Z'), 'Europe/Berlin')).toBe(
      '30 Mar 2026, 14:00 CEST',
    );
  });
});
