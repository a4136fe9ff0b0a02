import { describe, expect, it } from 'vitest';
import { describeSchedule } from './schedule-words.js';

describe('describeSchedule', () => {
  it('writes an elapsed SLA as a duration after its trigger', () => {
    expect(describeSchedule({ sla: { trigger: 'employee-departed', within: 'PT24H' } })).toBe(
      '24 hours after an employee departs',
    );
  });

  it('writes a target SLA as a lead before the target, naming the trigger', () => {
    expect(
      describeSchedule({
        sla: { trigger: 'certificate-expiry', within: { before: 'expiry', lead: 'P30D' } },
      }),
    ).toBe('30 days before the expiry (when a certificate nears its expiry)');
    expect(
      describeSchedule({
        sla: { trigger: 'change-requested', within: { before: 'implementation' } },
      }),
    ).toBe('Before implementation (when a change is requested)');
  });

  it('writes a cadence with its due day and start', () => {
    expect(
      describeSchedule({
        cadence: { frequency: 'monthly', startsOn: '2026-01-01', dayOfPeriod: 5 },
      }),
    ).toBe('Monthly, due on day 5 of the month, from 2026-01-01');
    expect(describeSchedule({ cadence: { frequency: 'annual', startsOn: '2026-01-01' } })).toBe(
      'Yearly, from 2026-01-01',
    );
  });
});
