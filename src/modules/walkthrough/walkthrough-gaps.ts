import type { WalkthroughDependency, WalkthroughGap } from './walkthrough.schema.js';

/** A dependency's records for the period, before its gaps are judged. */
export type DependencyRecords = Omit<WalkthroughDependency, 'gaps'>;

/** What the catalogue says about controls that the gap rules need. */
export interface GapRules {
  /** Controls whose completion reviews a third-party service (supplier-oversight theme). */
  supplierReviewControls: ReadonlySet<string>;
}

const occurrenceReference = (row: { controlKey: string; periodKey: string }) =>
  `${row.controlKey}/${row.periodKey}`;

const isCompleted = (status: string) => status === 'done' || status === 'verified';

function occurrenceGaps(assetKey: string, records: DependencyRecords): WalkthroughGap[] {
  const gaps: WalkthroughGap[] = [];
  for (const row of records.maintenance) {
    const reference = occurrenceReference(row);
    switch (row.status) {
      case 'overdue':
        gaps.push({
          kind: 'overdue_occurrence',
          assetKey,
          reference,
          message: `${row.controlTitle} (${row.periodKey}) was due ${row.dueAt} and is not done.`,
        });
        break;
      case 'missed':
        gaps.push({
          kind: 'missed_occurrence',
          assetKey,
          reference,
          message: `${row.controlTitle} (${row.periodKey}) was missed: its window closed without the work being done.`,
        });
        break;
      case 'done':
        gaps.push({
          kind: 'unverified_closeout',
          assetKey,
          reference,
          message: `${row.controlTitle} (${row.periodKey}) was completed by ${row.performer ?? 'someone'} but nobody verified it.`,
        });
        break;
      case 'upcoming':
      case 'due':
      case 'in_progress':
      case 'verified':
      case 'not_applicable':
        break;
    }
  }
  return gaps;
}

function recoveryGaps(assetKey: string, records: DependencyRecords): WalkthroughGap[] {
  const backups = records.backups;
  if (!backups) return [];
  const gaps: WalkthroughGap[] = [];
  if (backups.runs.succeeded === 0) {
    gaps.push({
      kind: 'backup_without_success',
      assetKey,
      reference: `backup-policy:${backups.policySource}`,
      message:
        backups.runs.total === 0
          ? 'A backup policy applies but no backup run was recorded in the period.'
          : `A backup policy applies but none of the ${backups.runs.total} backup runs in the period succeeded.`,
    });
  }
  for (const test of backups.restoreTests.filter((item) => item.status !== 'verified')) {
    gaps.push({
      kind: 'unverified_closeout',
      assetKey,
      reference: test.number,
      message: `Restore test ${test.number} was recorded by ${test.performer} but nobody verified it.`,
    });
  }
  for (const exercise of backups.drExercises.filter((item) => item.status !== 'verified')) {
    gaps.push({
      kind: 'unverified_closeout',
      assetKey,
      reference: exercise.number,
      message: `DR exercise ${exercise.number} was recorded but nobody verified it.`,
    });
  }
  return gaps;
}

/**
 * Service evidence of a third-party managed asset for the period: its supplier is in the register
 * and holds a certification valid on the last day of the period, or a supplier-review control of
 * the asset was completed in the period.
 */
function thirdPartyGap(
  assetKey: string,
  records: DependencyRecords,
  rules: GapRules,
): WalkthroughGap | null {
  if (!records.asset.thirdPartyManaged) return null;
  const reviewed = records.maintenance.some(
    (row) => rules.supplierReviewControls.has(row.controlKey) && isCompleted(row.status),
  );
  const supplier = records.supplier;
  if (supplier?.certifications.some((certification) => certification.validAtPeriodEnd)) {
    return null;
  }
  if (reviewed) return null;
  const kind = 'third_party_without_service_evidence';
  if (!supplier) {
    return {
      kind,
      assetKey,
      reference: assetKey,
      message:
        'Managed by a third party, but no supplier is recorded for it and no service review was completed in the period.',
    };
  }
  const expired = supplier.certifications.filter((certification) => certification.expiresOn);
  return {
    kind,
    assetKey,
    reference: supplier.key,
    message:
      supplier.certifications.length === 0
        ? `Managed by ${supplier.name}, which has no certification on record, and no service review was completed in the period.`
        : `Managed by ${supplier.name}, whose certifications (${expired.map((c) => `${c.name} expired ${c.expiresOn}`).join(', ')}) were not valid at the end of the period, and no service review was completed in it.`,
  };
}

/** Every gap of one dependency, in a stable order: evidence, work, third party, recovery, NCs. */
export function dependencyGaps(records: DependencyRecords, rules: GapRules): WalkthroughGap[] {
  const assetKey = records.asset.key;
  const backups = records.backups;
  const evidenced =
    records.maintenance.some((row) => isCompleted(row.status)) ||
    (backups !== null &&
      (backups.runs.succeeded > 0 ||
        backups.restoreTests.length > 0 ||
        backups.drExercises.length > 0));
  const gaps: WalkthroughGap[] = evidenced
    ? []
    : [
        {
          kind: 'no_evidence',
          assetKey,
          reference: assetKey,
          message:
            'No maintenance evidence for the period: no occurrence due in it was completed, and no successful backup, restore test or DR exercise was recorded.',
        },
      ];
  gaps.push(...occurrenceGaps(assetKey, records));
  const thirdParty = thirdPartyGap(assetKey, records, rules);
  if (thirdParty) gaps.push(thirdParty);
  gaps.push(...recoveryGaps(assetKey, records));
  // Open at the end of the period: closing it afterwards does not clear the period's record.
  for (const nc of records.nonconformances.filter((item) => item.openAtPeriodEnd)) {
    gaps.push({
      kind: 'open_nonconformance',
      assetKey,
      reference: nc.number,
      message: `${nc.number} "${nc.title}" is ${nc.status.replace('_', ' ')}, not closed.`,
    });
  }
  for (const incident of records.incidents.filter((item) => item.decisionOnTime === false)) {
    gaps.push({
      kind: 'undecided_incident',
      assetKey,
      reference: incident.number,
      message: incident.decision
        ? `${incident.number} "${incident.title}": the conformity decision was signed after it was due.`
        : `${incident.number} "${incident.title}" had no conformity decision by the end of the period, although it was due.`,
    });
  }
  return gaps;
}
