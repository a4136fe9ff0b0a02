import { describe, expect, it } from 'vitest';
import { ALERT_RULES, decideAlert, EVIDENCE_RULE_KEY } from './alert-rules.js';

const production = { environment: 'production', criticality: 'high' };

describe('the alert rules', () => {
  it('opens a critical incident for a critical alert on a production asset', () => {
    expect(decideAlert({ severity: 'critical', asset: production })).toEqual({
      rule: 'critical-on-production',
      action: 'open-incident',
      incidentSeverity: 'critical',
    });
  });

  it('opens a major incident for a paging alert on a production asset', () => {
    expect(decideAlert({ severity: 'page', asset: production })).toMatchObject({
      action: 'open-incident',
      incidentSeverity: 'major',
    });
  });

  it('keeps as monitoring evidence what no rule picks: warnings, other environments, unmapped alerts', () => {
    for (const facts of [
      { severity: 'warning', asset: production },
      { severity: 'critical', asset: { environment: 'staging', criticality: 'high' } },
      { severity: 'critical', asset: null },
      { severity: null, asset: production },
    ]) {
      expect(decideAlert(facts)).toEqual({
        rule: EVIDENCE_RULE_KEY,
        action: 'evidence',
        incidentSeverity: null,
      });
    }
  });

  it('decides by the first rule that holds', () => {
    const rules = [
      {
        key: 'first',
        description: '',
        when: { severity: ['critical'] },
        action: 'evidence' as const,
      },
      ...ALERT_RULES,
    ];
    expect(decideAlert({ severity: 'critical', asset: production }, rules).rule).toBe('first');
  });
});
