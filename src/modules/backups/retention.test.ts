import { describe, expect, it } from 'vitest';
import { retentionCompliance, type PointListing } from './retention.js';

const DAY = 86_400_000;
const listedAt = new Date('2026-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(listedAt.getTime() - days * DAY);
const listing = (oldestDaysAgo: number): PointListing => ({
  tool: 'restic',
  listedAt,
  oldestPointAt: daysAgo(oldestDaysAgo),
  newestPointAt: daysAgo(0.5),
  pointCount: 30,
});
const daily = { retention: 'P30D', rpo: 'PT24H' };

describe('checking retention against a snapshot listing', () => {
  it('is met when the oldest point reaches back the retention, less one RPO', () => {
    // `restic forget --keep-within 30d` run daily keeps a point between 29 and 30 days old.
    const result = retentionCompliance(daily, listing(29.5), daysAgo(200));
    expect(result).toMatchObject({ state: 'met', retention: 'P30D', pointCount: 30 });
    expect(result.requiredOldestPointAt).toEqual(daysAgo(29));
  });

  it('is not met when points were pruned before the retention, naming the oldest and the required', () => {
    expect(retentionCompliance(daily, listing(10), daysAgo(200))).toMatchObject({
      state: 'not_met',
      oldestPointAt: daysAgo(10),
      requiredOldestPointAt: daysAgo(29),
      listedAt,
      tool: 'restic',
    });
  });

  it('judges an asset younger than its retention from its first recorded point', () => {
    expect(retentionCompliance(daily, listing(5), daysAgo(5)).state).toBe('met');
    // Its first point (5 days ago) is gone though nothing that young may be pruned.
    const pruned = retentionCompliance(daily, listing(2), daysAgo(5));
    expect(pruned).toMatchObject({ state: 'not_met', requiredOldestPointAt: daysAgo(4) });
  });

  it('never flags indefinite retention, however young the oldest point', () => {
    expect(
      retentionCompliance({ retention: 'indefinite', rpo: 'PT1H' }, listing(0.5), daysAgo(90)),
    ).toMatchObject({ state: 'met', retention: 'indefinite', requiredOldestPointAt: null });
  });

  it('says when there is no listing to judge from', () => {
    expect(retentionCompliance(daily, null, daysAgo(90))).toEqual({
      state: 'no_listing',
      retention: 'P30D',
      tool: null,
      listedAt: null,
      oldestPointAt: null,
      pointCount: null,
      requiredOldestPointAt: null,
    });
  });
});
