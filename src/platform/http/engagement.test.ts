import { describe, expect, it } from 'vitest';
import { startOfDate } from '../time/zoned-time.js';
import {
  assertWithinEngagement,
  engagementInstant,
  isWithinEngagement,
  keepWithinEngagement,
} from './engagement.js';
import type { Principal } from './principal.js';

const ZONE = 'Europe/Berlin';
const actor = { type: 'user' as const, id: 'u1', label: 'erin', role: 'auditor' as const };
const session = (engagement: Principal['engagement']): Principal => ({
  via: 'session',
  actor,
  userId: 'u1',
  sessionIdHash: 'h',
  sessionState: 'active',
  csrfToken: 'c',
  engagement,
});
const engaged = session({
  status: 'active',
  scope: {
    engagementId: 'e1',
    framework: 'iso9001',
    periodFrom: '2026-03-01',
    periodTo: '2026-03-31',
    periodStart: startOfDate('2026-03-01', ZONE),
    periodEnd: startOfDate('2026-04-01', ZONE),
    expiresAt: new Date('2026-05-01T00:00:00Z'),
  },
});
const internal = session(null);

describe('engagement scope', () => {
  it('refuses another framework or a period reaching outside, with outside_engagement', () => {
    expect(() => assertWithinEngagement(engaged, { framework: 'soc2' })).toThrow(
      expect.objectContaining({ code: 'outside_engagement' }),
    );
    expect(() => assertWithinEngagement(engaged, { from: '2026-02-28', to: '2026-03-31' })).toThrow(
      /2026-03-01 to 2026-03-31/,
    );
    expect(() =>
      assertWithinEngagement(engaged, {
        framework: 'iso9001',
        from: '2026-03-01',
        to: '2026-03-31',
      }),
    ).not.toThrow();
  });

  it("bounds instants by the period's days in the organisation's time zone", () => {
    // 31 March 23:30 in Berlin is still March; 31 March 22:30 UTC is 1 April 00:30 there.
    expect(isWithinEngagement(engaged, { at: '2026-03-31T21:30:00Z' })).toBe(true);
    expect(isWithinEngagement(engaged, { at: '2026-03-31T22:30:00Z' })).toBe(false);
    expect(isWithinEngagement(engaged, { at: '2026-02-28T23:30:00Z' })).toBe(true);
    expect(isWithinEngagement(engaged, { at: '2026-02-28T22:30:00Z' })).toBe(false);
  });

  it('leaves everyone who is not an engaged auditor alone', () => {
    expect(() =>
      assertWithinEngagement(internal, { framework: 'soc2', at: '2020-01-01T00:00:00Z' }),
    ).not.toThrow();
    expect(keepWithinEngagement(null, [1, 2], () => null)).toEqual([1, 2]);
    expect(engagementInstant(internal, undefined, new Date())).toBeUndefined();
  });

  it('keeps the records dated in the period, and defaults posture to its end', () => {
    const dates = ['2026-02-27T10:00:00Z', '2026-03-10T10:00:00Z', null, '2026-04-02T10:00:00Z'];
    expect(keepWithinEngagement(engaged, dates, (date) => date)).toEqual(['2026-03-10T10:00:00Z']);
    expect(engagementInstant(engaged, undefined, new Date('2026-06-01T00:00:00Z'))).toBe(
      '2026-03-31T21:59:59.999Z',
    );
    expect(engagementInstant(engaged, undefined, new Date('2026-03-05T00:00:00Z'))).toBe(
      '2026-03-05T00:00:00.000Z',
    );
    expect(engagementInstant(engaged, '2026-01-01T00:00:00Z', new Date())).toBe(
      '2026-01-01T00:00:00Z',
    );
  });
});
