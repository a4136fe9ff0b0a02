import { describe, expect, it } from 'vitest';
import { clockStop, stopsClock } from './revocation-clock.js';

const startedAt = new Date('2026-12-02T23:00:00Z');
const dueAt = new Date('2026-12-03T23:00:00Z');

describe('revocation clocks', () => {
  it('stops a leaver clock only when the account is disabled or gone', () => {
    const leaver = { reason: 'leaver' as const, startedAt };
    expect(stopsClock(leaver, { disabled: false, removed: false, rolesChangedAt: null })).toBe(
      false,
    );
    expect(stopsClock(leaver, { disabled: true, removed: false, rolesChangedAt: null })).toBe(true);
    expect(stopsClock(leaver, { disabled: false, removed: true, rolesChangedAt: null })).toBe(true);
    // New roles do not revoke a leaver's access.
    expect(stopsClock(leaver, { disabled: false, removed: false, rolesChangedAt: dueAt })).toBe(
      false,
    );
  });

  it('stops a mover clock when the roles changed after the role change, not before', () => {
    const mover = { reason: 'mover' as const, startedAt };
    const before = new Date(startedAt.getTime() - 1);
    expect(stopsClock(mover, { disabled: false, removed: false, rolesChangedAt: before })).toBe(
      false,
    );
    expect(stopsClock(mover, { disabled: false, removed: false, rolesChangedAt: startedAt })).toBe(
      true,
    );
  });

  it('is met up to the deadline inclusive, missed after it, and never stops before it started', () => {
    expect(clockStop({ startedAt, dueAt }, dueAt)).toEqual({ stoppedAt: dueAt, outcome: 'met' });
    const late = new Date(dueAt.getTime() + 1);
    expect(clockStop({ startedAt, dueAt }, late)).toEqual({ stoppedAt: late, outcome: 'missed' });
    const earlier = new Date('2026-12-01T00:00:00Z');
    expect(clockStop({ startedAt, dueAt }, earlier)).toEqual({
      stoppedAt: startedAt,
      outcome: 'met',
    });
  });
});
