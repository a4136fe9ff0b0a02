import { describe, expect, it } from 'vitest';
import {
  CHANGE_ACTIONS,
  CHANGE_STATUSES,
  decideChangeAction,
  judgeChangeTimestamps,
  type ChangeType,
} from './change-status.js';

const at = (iso: string) => new Date(iso);

describe('the change transitions', () => {
  it('takes a normal change requested → approved → implemented → verified', () => {
    const normal = { type: 'normal' as ChangeType };
    expect(
      decideChangeAction({ ...normal, status: 'requested', approved: false }, 'approve'),
    ).toEqual({ ok: true, to: 'approved' });
    expect(
      decideChangeAction({ ...normal, status: 'approved', approved: true }, 'implement'),
    ).toEqual({ ok: true, to: 'implemented' });
    expect(
      decideChangeAction({ ...normal, status: 'implemented', approved: true }, 'verify'),
    ).toEqual({ ok: true, to: 'verified' });
  });

  it('refuses to implement a standard or normal change that is not approved, saying why', () => {
    for (const type of ['standard', 'normal'] as const) {
      expect(
        decideChangeAction({ type, status: 'requested', approved: false }, 'implement'),
      ).toEqual({ ok: false, reason: 'approve the change before implementing it' });
    }
  });

  it('lets an emergency change be implemented first and approved afterwards, then verified', () => {
    const emergency = { type: 'emergency' as ChangeType };
    expect(
      decideChangeAction({ ...emergency, status: 'requested', approved: false }, 'implement'),
    ).toEqual({ ok: true, to: 'implemented' });
    expect(
      decideChangeAction({ ...emergency, status: 'implemented', approved: false }, 'verify'),
    ).toMatchObject({ ok: false });
    expect(
      decideChangeAction({ ...emergency, status: 'implemented', approved: false }, 'approve'),
    ).toEqual({ ok: true, to: 'implemented' });
    expect(
      decideChangeAction({ type: 'normal', status: 'implemented', approved: true }, 'approve'),
    ).toMatchObject({ ok: false });
  });

  it('leaves verified, rejected and cancelled changes as they are', () => {
    for (const status of ['verified', 'rejected', 'cancelled'] as const) {
      for (const action of CHANGE_ACTIONS) {
        expect(decideChangeAction({ type: 'emergency', status, approved: true }, action).ok).toBe(
          false,
        );
      }
    }
    expect(CHANGE_STATUSES).toHaveLength(6);
  });
});

describe('what a change’s timestamps say', () => {
  const implementedAt = at('2026-04-01T10:00:00Z');

  it('judges nothing before implementation, and waits while the time runs', () => {
    expect(
      judgeChangeTimestamps(
        { type: 'normal', approvedAt: null, implementedAt: null, verifiedAt: null },
        at('2026-05-01T00:00:00Z'),
        24,
      ),
    ).toEqual({ approvedBeforeImplementation: null, verifiedWithin48h: null });
    expect(
      judgeChangeTimestamps(
        { type: 'emergency', approvedAt: null, implementedAt, verifiedAt: null },
        at('2026-04-02T09:00:00Z'),
        24,
      ),
    ).toEqual({ approvedBeforeImplementation: null, verifiedWithin48h: null });
  });

  it('counts an approval after implementation as late unless it is an emergency within its time', () => {
    const approvedAt = at('2026-04-01T20:00:00Z');
    const now = at('2026-04-10T00:00:00Z');
    expect(
      judgeChangeTimestamps(
        { type: 'normal', approvedAt, implementedAt, verifiedAt: null },
        now,
        24,
      ).approvedBeforeImplementation,
    ).toBe(false);
    expect(
      judgeChangeTimestamps(
        { type: 'emergency', approvedAt, implementedAt, verifiedAt: null },
        now,
        24,
      ).approvedBeforeImplementation,
    ).toBe(true);
    expect(
      judgeChangeTimestamps(
        { type: 'emergency', approvedAt, implementedAt, verifiedAt: null },
        now,
        8,
      ).approvedBeforeImplementation,
    ).toBe(false);
  });

  it('measures the verification against 48 hours after implementation, to the instant', () => {
    const judge = (verifiedAt: string | null, now: string) =>
      judgeChangeTimestamps(
        {
          type: 'normal',
          approvedAt: at('2026-04-01T09:00:00Z'),
          implementedAt,
          verifiedAt: verifiedAt ? at(verifiedAt) : null,
        },
        at(now),
        24,
      ).verifiedWithin48h;
    expect(judge('2026-04-03T10:00:00Z', '2026-04-05T00:00:00Z')).toBe(true);
    expect(judge('2026-04-03T10:00:01Z', '2026-04-05T00:00:00Z')).toBe(false);
    expect(judge(null, '2026-04-03T10:00:01Z')).toBe(false);
  });
});
