import { durationInWords } from '../../platform/time/duration-words.js';
import type { ControlContent } from './catalog-content.js';
import type { CadenceFrequency, SlaTarget, SlaTrigger } from './catalog.schema.js';

/** What happened, as the end of "… after ___": each trigger in words. */
export const SLA_TRIGGER_WORDS: Record<SlaTrigger, string> = {
  'critical-patch-released': 'a critical patch is released',
  'high-vulnerability-found': 'a high-severity vulnerability is found',
  'role-changed': "a person's role changes",
  'employee-departed': 'an employee departs',
  'access-requested': 'access is requested',
  'certificate-expiry': 'a certificate nears its expiry',
  'supplier-certification-expiry': "a supplier's certification nears its expiry",
  'backup-job-failed': 'a backup job fails',
  'provisioning-requested': 'provisioning is requested',
  'change-requested': 'a change is requested',
  'change-implemented': 'a change is implemented',
  'incident-opened': 'an incident is opened',
  'dr-deficiency-found': 'a disaster-recovery deficiency is found',
  'capa-opened': 'a corrective action (CAPA) is opened',
  'decommissioning-requested': 'decommissioning is requested',
  'decommissioning-completed': 'decommissioning is completed',
  'document-review-due': "a document's periodic review comes due",
};

/** The instant an SLA is measured back from, as the end of "… before ___". */
export const SLA_TARGET_WORDS: Record<SlaTarget, string> = {
  expiry: 'the expiry',
  'access-grant': 'access is granted',
  'provisioning-start': 'provisioning starts',
  'production-use': 'production use',
  implementation: 'implementation',
  'data-disposal': 'the data is disposed of',
  'effectiveness-check': 'the effectiveness check',
  'review-date': 'the review date',
};

const FREQUENCY_WORDS: Record<CadenceFrequency, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Yearly',
};

const PERIOD_NAMES: Record<CadenceFrequency, string> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  annual: 'year',
};

/**
 * A control's cadence or SLA in words, for lists and the CLI: "24 hours after an employee
 * departs", "Monthly, due on day 5 of the month, from 2026-01-01", "30 days before the expiry
 * (when a certificate nears its expiry)".
 */
export function describeSchedule(control: Pick<ControlContent, 'cadence' | 'sla'>): string {
  if (control.cadence) {
    const { frequency, startsOn, dayOfPeriod } = control.cadence;
    const due =
      dayOfPeriod === undefined
        ? ''
        : `, due on day ${dayOfPeriod} of the ${PERIOD_NAMES[frequency]}`;
    return `${FREQUENCY_WORDS[frequency]}${due}, from ${startsOn}`;
  }
  const sla = control.sla!;
  const trigger = SLA_TRIGGER_WORDS[sla.trigger];
  if (typeof sla.within === 'string') return `${durationInWords(sla.within)} after ${trigger}`;
  const lead = sla.within.lead === undefined ? '' : `${durationInWords(sla.within.lead)} `;
  const before = `${lead}before ${SLA_TARGET_WORDS[sla.within.before]} (when ${trigger})`;
  return before.charAt(0).toUpperCase() + before.slice(1);
}
