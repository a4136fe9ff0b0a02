import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.js';
import type { Principal } from '../../platform/http/principal.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { conformityDecisionRule } from './decide-incident-conformity.js';
import {
  decideIncidentTransition,
  INCIDENT_STATUSES,
  INCIDENT_TRANSITIONS,
} from './incident-status.js';

const person = (role: Role): Principal => ({
  via: 'session',
  actor: { type: 'user', id: 'u1', label: role, role },
  userId: 'u1',
  sessionIdHash: 'h',
  sessionState: 'active',
  csrfToken: 'c',
});

describe('the incident transitions', () => {
  it('works an incident open → mitigated → resolved → closed and never reopens a closed one', () => {
    const facts = { decided: true, postIncidentReview: 'Cause and fix written up.' };
    expect(decideIncidentTransition({ ...facts, status: 'open' }, 'mitigated')).toEqual({
      ok: true,
    });
    expect(decideIncidentTransition({ ...facts, status: 'mitigated' }, 'resolved')).toEqual({
      ok: true,
    });
    expect(decideIncidentTransition({ ...facts, status: 'resolved' }, 'closed')).toEqual({
      ok: true,
    });
    expect(decideIncidentTransition({ ...facts, status: 'resolved' }, 'open')).toEqual({
      ok: true,
    });
    for (const to of INCIDENT_STATUSES) {
      expect(decideIncidentTransition({ ...facts, status: 'closed' }, to).ok).toBe(false);
    }
    expect(INCIDENT_TRANSITIONS.open).not.toContain('closed');
  });

  it('refuses to close without the conformity decision or the post-incident review', () => {
    expect(
      decideIncidentTransition(
        { status: 'resolved', decided: false, postIncidentReview: 'x' },
        'closed',
      ),
    ).toEqual({ ok: false, reason: 'record the conformity decision before closing the incident' });
    expect(
      decideIncidentTransition(
        { status: 'resolved', decided: true, postIncidentReview: '  ' },
        'closed',
      ),
    ).toEqual({ ok: false, reason: 'write the post-incident review before closing the incident' });
  });
});

describe('who signs the conformity decision', () => {
  it('is a person of the quality role, not an admin, once per incident', () => {
    const open = conformityDecisionRule({ decision: null });
    expect(decideSecondPersonSigning(person('quality'), open)).toEqual({ allowed: true });
    expect(decideSecondPersonSigning(person('admin'), open)).toMatchObject({
      allowed: false,
      code: 'forbidden',
      reason: 'the conformity decision is signed by a person of the quality role',
    });
    expect(decideSecondPersonSigning(person('engineering'), open)).toMatchObject({
      allowed: false,
      byRole: true,
    });
    expect(
      decideSecondPersonSigning(
        person('quality'),
        conformityDecisionRule({ decision: 'no-impact' }),
      ),
    ).toMatchObject({ allowed: false, code: 'conflict' });
  });
});
