import { describe, expect, it } from 'vitest';
import { ALLOWED_EVENTS, occurrenceStatusAt, type OccurrenceEvent } from './occurrence-status.js';

const window = {
  opensAt: new Date('2026-03-01T00:00:00Z'),
  dueAt: new Date('2026-03-20T00:00:00Z'),
  closesAt: new Date('2026-04-20T00:00:00Z'),
};
const at = (iso: string) => new Date(iso);

describe('occurrence status at an instant', () => {
  it('runs upcoming → due → overdue → missed when nothing is done', () => {
    expect(occurrenceStatusAt(window, [], at('2026-02-27T00:00:00Z'))).toBe('upcoming');
    expect(occurrenceStatusAt(window, [], at('2026-03-05T00:00:00Z'))).toBe('due');
    expect(occurrenceStatusAt(window, [], at('2026-03-20T00:00:00Z'))).toBe('overdue');
    expect(occurrenceStatusAt(window, [], at('2026-04-20T00:00:00Z'))).toBe('missed');
  });

  it('shows work in progress, done and verified, each from the instant it was recorded', () => {
    const events: OccurrenceEvent[] = [
      { kind: 'started', at: at('2026-03-10T09:00:00Z') },
      { kind: 'completed', at: at('2026-03-12T09:00:00Z') },
      { kind: 'verified', at: at('2026-03-13T09:00:00Z') },
    ];
    expect(occurrenceStatusAt(window, events, at('2026-03-09T00:00:00Z'))).toBe('due');
    expect(occurrenceStatusAt(window, events, at('2026-03-11T00:00:00Z'))).toBe('in_progress');
    expect(occurrenceStatusAt(window, events, at('2026-03-12T12:00:00Z'))).toBe('done');
    expect(occurrenceStatusAt(window, events, at('2026-05-01T00:00:00Z'))).toBe('verified');
  });

  it('is not changed, for a past instant, by events recorded after it', () => {
    const late: OccurrenceEvent[] = [{ kind: 'completed', at: at('2026-04-25T00:00:00Z') }];
    expect(occurrenceStatusAt(window, late, at('2026-04-21T00:00:00Z'))).toBe('missed');
    expect(occurrenceStatusAt(window, late, at('2026-04-26T00:00:00Z'))).toBe('done');
  });

  it('sends a rejected closeout back: in progress, or overdue once past due', () => {
    const events: OccurrenceEvent[] = [
      { kind: 'completed', at: at('2026-03-12T09:00:00Z') },
      { kind: 'rejected', at: at('2026-03-14T09:00:00Z') },
    ];
    expect(occurrenceStatusAt(window, events, at('2026-03-15T00:00:00Z'))).toBe('in_progress');
    expect(occurrenceStatusAt(window, events, at('2026-03-25T00:00:00Z'))).toBe('overdue');
  });

  it('keeps not applicable for good', () => {
    const events: OccurrenceEvent[] = [{ kind: 'not_applicable', at: at('2026-03-02T00:00:00Z') }];
    expect(occurrenceStatusAt(window, events, at('2026-06-01T00:00:00Z'))).toBe('not_applicable');
  });

  it('allows verification only of done work and nothing after verification', () => {
    expect(ALLOWED_EVENTS.due).not.toContain('verified');
    expect(ALLOWED_EVENTS.done).toEqual(['verified', 'rejected']);
    expect(ALLOWED_EVENTS.verified).toEqual([]);
  });
});
