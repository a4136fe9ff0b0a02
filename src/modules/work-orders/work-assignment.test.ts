import { describe, expect, it } from 'vitest';
import { errorCodeOfRefusal } from './assign-work.js';
import { planAssignments, type WorkToAssign } from './work-assignment.js';

const PERSON = '00000000-0000-4000-8000-000000000001';

function openWork(id: string, currentAssigneeId: string | null = null): WorkToAssign {
  return {
    ref: { type: 'occurrence', id },
    found: { key: { occurrenceId: id }, label: `Work ${id}`, closed: null, currentAssigneeId },
  };
}

describe('planning assignments', () => {
  it('refuses work that does not exist as not found, which a single request answers with 404', () => {
    const [decision] = planAssignments(
      [{ ref: { type: 'work-order', id: 'w1' }, found: null }],
      PERSON,
    );
    expect(decision).toEqual({
      ref: { type: 'work-order', id: 'w1' },
      outcome: 'refused',
      refusal: 'not_found',
      reason: 'Work order not found',
    });
    expect(errorCodeOfRefusal('not_found')).toBe('not_found');
  });

  it('refuses closed work, and work named a second time, as conflicts (409)', () => {
    const closed: WorkToAssign = {
      ref: { type: 'occurrence', id: 'o2' },
      found: {
        key: { occurrenceId: 'o2' },
        label: 'Backups',
        closed: 'it is verified',
        currentAssigneeId: null,
      },
    };
    const decisions = planAssignments([openWork('o1'), openWork('o1'), closed], PERSON);
    expect(decisions.map((d) => (d.outcome === 'refused' ? d.refusal : d.outcome))).toEqual([
      'assigned',
      'named_twice',
      'closed',
    ]);
    expect(decisions[2]!.reason).toBe('Backups cannot be assigned: it is verified');
    expect(errorCodeOfRefusal('closed')).toBe('conflict');
    expect(errorCodeOfRefusal('named_twice')).toBe('conflict');
  });

  it('leaves work already held by the person unchanged, and unassigns held work', () => {
    expect(planAssignments([openWork('o1', PERSON)], PERSON)[0]!.outcome).toBe('unchanged');
    expect(planAssignments([openWork('o1', PERSON)], null)[0]!.outcome).toBe('unassigned');
    expect(planAssignments([openWork('o1')], null)[0]!.outcome).toBe('unchanged');
  });
});
