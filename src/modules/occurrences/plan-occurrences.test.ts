import { describe, expect, it } from 'vitest';
import { durationMs } from '../../platform/time/iso-duration.js';
import { planCadenceOccurrences, planSlaOccurrence } from './plan-occurrences.js';
import type { ScopedAsset } from './scope-match.js';

const asset = (key: string, overrides: Partial<ScopedAsset> = {}): ScopedAsset => ({
  key,
  category: 'server',
  environment: 'production',
  criticality: 'high',
  dataClassification: 'confidential',
  lifecycleStatus: 'in-service',
  thirdPartyManaged: false,
  tags: [],
  ...overrides,
});

describe('planning occurrences', () => {
  const patching = {
    key: 'os-patching-monthly',
    perAsset: true,
    scope: { categories: ['server' as const], environments: ['production' as const] },
    cadence: { frequency: 'monthly' as const, startsOn: '2026-01-01', dayOfPeriod: 20 },
  };

  it('gives a per-asset monthly control one occurrence per asset in scope per month', () => {
    const assets = [
      asset('web-1'),
      asset('web-2'),
      asset('dev-1', { environment: 'development' }),
      asset('old-1', { lifecycleStatus: 'decommissioned' }),
    ];
    const planned = planCadenceOccurrences(
      patching,
      assets,
      { from: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-04-01T00:00:00Z') },
      'Europe/Berlin',
    );
    // February ends on 28 Feb 23:00 UTC (midnight in Berlin), before the window: not included.
    // April opens on 31 March 22:00 UTC (midnight CEST), inside the window: included.
    expect(planned.map((p) => `${p.periodKey}/${p.assetKey}`)).toEqual([
      '2026-03/web-1',
      '2026-03/web-2',
      '2026-04/web-1',
      '2026-04/web-2',
    ]);
    expect(planned[0]!.dueAt.toISOString()).toBe('2026-03-20T23:00:00.000Z');
    expect(planned[0]!.opensAt.toISOString()).toBe('2026-02-28T23:00:00.000Z');
  });

  it('plans nothing before the control starts and one organisation-wide occurrence when not per asset', () => {
    const review = {
      key: 'access-review-quarterly',
      perAsset: false,
      scope: undefined,
      cadence: { frequency: 'quarterly' as const, startsOn: '2026-04-01' },
    };
    const planned = planCadenceOccurrences(
      review,
      [],
      { from: new Date('2025-12-31T23:00:00Z'), until: new Date('2026-12-31T23:00:00Z') },
      'Europe/Berlin',
    );
    expect(planned.map((p) => p.periodKey)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    expect(planned.every((p) => p.assetKey === '')).toBe(true);
    expect(planned[2]!.dueAt.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('sets an SLA deadline a duration after the trigger', () => {
    const control = {
      key: 'critical-patch-72h',
      perAsset: true,
      scope: {},
      sla: { trigger: 'critical-patch-released' as const, within: 'PT72H' },
    };
    const event = {
      id: 'e1',
      type: 'critical-patch-released',
      assetKey: 'web-1',
      at: new Date('2026-03-28T10:00:00Z'),
      targetAt: null,
    };
    const planned = planSlaOccurrence(control, event, asset('web-1'));
    // 72 elapsed hours, whatever the DST change on 29 March does to wall clocks.
    expect(planned).toMatchObject({ periodKey: 'event:e1', assetKey: 'web-1' });
    expect(planned!.dueAt.toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('sets a "before expiry" deadline a lead time before the instant the event carries', () => {
    const control = {
      key: 'tls-renewal',
      perAsset: true,
      scope: {},
      sla: {
        trigger: 'certificate-expiry' as const,
        within: { before: 'expiry' as const, lead: 'P14D' },
      },
    };
    const event = {
      id: 'e2',
      type: 'certificate-expiry',
      assetKey: 'api-gw',
      at: new Date('2026-05-01T00:00:00Z'),
      targetAt: new Date('2026-06-30T12:00:00Z'),
    };
    expect(planSlaOccurrence(control, event, asset('api-gw'))!.dueAt.toISOString()).toBe(
      '2026-06-16T12:00:00.000Z',
    );
  });

  it('ignores events of another type or for an asset outside the scope', () => {
    const control = {
      key: 'critical-patch-72h',
      perAsset: true,
      scope: { environments: ['production' as const] },
      sla: { trigger: 'critical-patch-released' as const, within: 'PT72H' },
    };
    const event = {
      id: 'e3',
      type: 'critical-patch-released',
      assetKey: 'dev-1',
      at: new Date('2026-03-28T10:00:00Z'),
      targetAt: null,
    };
    expect(
      planSlaOccurrence(control, event, asset('dev-1', { environment: 'development' })),
    ).toBeNull();
    expect(
      planSlaOccurrence(control, { ...event, type: 'role-changed' }, asset('web-1')),
    ).toBeNull();
  });

  it('reads ISO durations of weeks, days, hours and minutes', () => {
    expect(durationMs('PT72H')).toBe(72 * 3_600_000);
    expect(durationMs('P1DT12H')).toBe(36 * 3_600_000);
    expect(durationMs('P2W')).toBe(14 * 86_400_000);
    expect(() => durationMs('P1Y')).toThrow();
  });
});
