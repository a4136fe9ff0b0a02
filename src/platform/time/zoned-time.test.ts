import { describe, expect, it } from 'vitest';
import { addMonths, dateInZone, zonedTimeToInstant, zoneOffsetMs } from './zoned-time.js';

describe('zoned time', () => {
  it('knows the offset on both sides of a DST change', () => {
    expect(zoneOffsetMs(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
  });

  it('moves a local time inside the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist on 29 March 2026 in Berlin; 03:30 CEST is 01:30 UTC.
    const instant = zonedTimeToInstant(
      { year: 2026, month: 3, day: 29, hour: 2, minute: 30 },
      'Europe/Berlin',
    );
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the earlier instant of a local time that happens twice', () => {
    const instant = zonedTimeToInstant(
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30 },
      'Europe/Berlin',
    );
    expect(instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first instant', () => {
    // Santiago skipped 00:00–01:00 on 6 September 2026 (DST start at local midnight).
    const instant = zonedTimeToInstant({ year: 2026, month: 9, day: 6 }, 'America/Santiago');
    expect(dateInZone(instant, 'America/Santiago')).toBe('2026-09-06');
    expect(dateInZone(new Date(instant.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('tells the local calendar date of an instant', () => {
    expect(dateInZone(new Date('2026-03-31T22:30:00Z'), 'Europe/Berlin')).toBe('2026-04-01');
    expect(dateInZone(new Date('2026-03-31T22:30:00Z'), 'UTC')).toBe('2026-03-31');
  });

  it('clamps month arithmetic to the end of the month and wraps years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
