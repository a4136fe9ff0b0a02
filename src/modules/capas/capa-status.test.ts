import { describe, expect, it } from 'vitest';
import { actionsComplete, capaTransition, CAPA_STATUSES } from './capa-status.js';

describe('the CAPA lifecycle', () => {
  it('starts implementing once the root cause is recorded', () => {
    expect(capaTransition('analysis', 'root-cause-recorded')).toEqual({
      ok: true,
      to: 'implementing',
    });
  });

  it('awaits the effectiveness check once every action is done, and returns when one reopens', () => {
    expect(capaTransition('implementing', 'actions-done')).toEqual({ ok: true, to: 'verifying' });
    expect(capaTransition('verifying', 'action-reopened')).toEqual({
      ok: true,
      to: 'implementing',
    });
    expect(capaTransition('verifying', 'action-added')).toEqual({ ok: true, to: 'implementing' });
  });

  it('is effective after a passing check and back to implementing after a failing one', () => {
    expect(capaTransition('verifying', 'check-passed')).toEqual({ ok: true, to: 'effective' });
    expect(capaTransition('verifying', 'check-failed')).toEqual({ ok: true, to: 'implementing' });
  });

  it('refuses closure from every status but effective', () => {
    for (const status of CAPA_STATUSES) {
      const outcome = capaTransition(status, 'close');
      expect(outcome.ok, status).toBe(status === 'effective');
    }
    expect(capaTransition('verifying', 'close')).toEqual({
      ok: false,
      reason: 'A CAPA is closed only after its effectiveness check has passed',
    });
  });

  it('refuses a check before the actions are done', () => {
    expect(capaTransition('implementing', 'check-passed').ok).toBe(false);
    expect(capaTransition('analysis', 'check-failed').ok).toBe(false);
  });

  it('takes actions only after the root cause, and none once found effective', () => {
    expect(capaTransition('analysis', 'action-added').ok).toBe(false);
    expect(capaTransition('effective', 'action-added').ok).toBe(false);
    expect(capaTransition('effective', 'actions-done').ok).toBe(false);
  });

  it('keeps a closed CAPA closed', () => {
    expect(capaTransition('closed', 'action-added').ok).toBe(false);
  });

  it('needs at least one done action and none open for the check', () => {
    expect(actionsComplete(['done', 'cancelled'])).toBe(true);
    expect(actionsComplete(['cancelled'])).toBe(false);
    expect(actionsComplete(['done', 'in_progress'])).toBe(false);
    expect(actionsComplete([])).toBe(false);
  });
});
