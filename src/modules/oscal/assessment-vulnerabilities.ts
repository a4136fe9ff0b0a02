import type { AppContext } from '../../platform/context.js';
import type { ActiveControl } from '../controls/active-control-definitions.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import { FINDING_SLA_TRIGGERS } from '../vulnerabilities/finding-sla.js';
import {
  findingRegisterPages,
  type FindingRegisterRow,
} from '../vulnerabilities/findings-register.js';
import { getFinding } from '../vulnerabilities/list-findings.js';
import type { AssessmentWindow, ObservedAssets } from './assessment-observations.js';
import { oscalControlId, stableUuid } from './oscal-identifiers.js';
import { nonEmpty, plumblineProps } from './oscal-metadata.js';

const SLA_TRIGGERS = new Set<string>(Object.values(FINDING_SLA_TRIGGERS));

/**
 * The controls vulnerability findings bear on: the SLA controls their detection starts (critical
 * 72 hours, high 30 days) and those evaluated from scans. Empty when the framework maps none, and
 * then findings stay out of its document.
 */
export function vulnerabilityControls(controls: ActiveControl[]): ActiveControl[] {
  return controls.filter(
    ({ content }) =>
      (content.sla !== undefined && SLA_TRIGGERS.has(content.sla.trigger)) ||
      evaluatedSourceOf(content.evaluation) === 'vulnerability-scans',
  );
}

interface AssetTally {
  total: number;
  bySeverity: Map<string, number>;
  fixedInPeriod: number;
  openAtEnd: number;
  acceptedAtEnd: number;
  overdue: FindingRegisterRow[];
  accepted: FindingRegisterRow[];
  lastSeen: Date;
}

const findingObservationUuid = (row: FindingRegisterRow, window: AssessmentWindow) =>
  stableUuid(`observation/vulnerability-finding/${row.id}/${window.end.toISOString()}`);

const describeFinding = (row: FindingRegisterRow) =>
  `${row.vulnerabilityId} (${row.severity}) in ${row.packageName} ${row.installedVersion} on ${row.assetKey}`;

/** The findings a description names one by one; the rest are counted (each has its observation). */
const NAMED_IN_DESCRIPTION = 20;

function describeFindings(rows: FindingRegisterRow[]): string {
  const named = rows.slice(0, NAMED_IN_DESCRIPTION).map(describeFinding).join('; ');
  const more = rows.length - NAMED_IN_DESCRIPTION;
  return more > 0 ? `${named}; and ${more} more` : named;
}

/** One finding that was overdue or under an accepted risk at the end of the period. */
function findingObservation(
  row: FindingRegisterRow,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const state = row.overdueAtEnd
    ? `open and past its SLA deadline of ${row.slaDueAt?.toISOString() ?? 'none'}`
    : `accepted as a risk until ${row.acceptedUntil?.toISOString() ?? 'unknown'} (SLA deadline ${row.slaDueAt?.toISOString() ?? 'none'})`;
  return {
    uuid: findingObservationUuid(row, window),
    title: `${row.vulnerabilityId} in ${row.packageName} on ${row.assetKey}`,
    description: `${describeFinding(row)}, first seen ${row.firstSeenAt.toISOString()} by ${row.scanner}: at the end of the period ${state}.`,
    props: plumblineProps([
      ['asset-key', row.assetKey],
      ['vulnerability-id', row.vulnerabilityId],
      ['package', `${row.packageName} ${row.installedVersion}`],
      ['severity', row.severity],
      ['first-seen', row.firstSeenAt.toISOString()],
      ['sla-due', row.slaDueAt?.toISOString()],
      ['status-at-end', row.statusAtEnd],
      ['overdue-at-end', row.overdueAtEnd],
      ['fixed-version', row.fixedVersion],
    ]),
    methods: ['EXAMINE'],
    types: ['finding'],
    ...assets.subjects([row.assetKey]),
    collected: row.lastSeenAt.toISOString(),
  };
}

/** One asset's findings open during the period, counted: the register itself stays in the pack. */
function assetObservation(
  assetKey: string,
  tally: AssetTally,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const severities = [...tally.bySeverity.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    uuid: stableUuid(
      `observation/vulnerability-findings/${assetKey}/${window.start.toISOString()}/${window.end.toISOString()}`,
    ),
    title: `Vulnerability findings of ${assetKey}`,
    description: `${tally.total} finding(s) open during the period (${severities.map(([severity, n]) => `${n} ${severity}`).join(', ')}): ${tally.fixedInPeriod} fixed in it; at its end ${tally.openAtEnd} open, of which ${tally.overdue.length} past their SLA deadline, and ${tally.acceptedAtEnd} under an accepted risk.`,
    props: plumblineProps([
      ['asset-key', assetKey],
      ['vulnerability-findings', tally.total],
      ...severities.map(([severity, n]): [string, number] => [
        `vulnerability-findings-${severity}`,
        n,
      ]),
      ['vulnerability-findings-fixed', tally.fixedInPeriod],
      ['vulnerability-findings-open-at-end', tally.openAtEnd],
      ['vulnerability-findings-overdue-at-end', tally.overdue.length],
      ['vulnerability-findings-accepted-at-end', tally.acceptedAtEnd],
    ]),
    methods: ['EXAMINE'],
    ...assets.subjects([assetKey]),
    collected: tally.lastSeen.toISOString(),
  };
}

/**
 * The accepted risk of a finding at the end of the period: the approved exception in force then,
 * with its reason and signer. A handful per period, so each is read with its finding's detail.
 */
async function acceptedRisk(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  row: FindingRegisterRow,
  window: AssessmentWindow,
) {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const detail = await getFinding(ctx, null, row.id);
  const exception = detail.exceptions
    .filter(
      (candidate) =>
        candidate.status === 'approved' &&
        candidate.approvedAt !== null &&
        new Date(candidate.approvedAt) <= window.asOf &&
        new Date(candidate.expiresAt) > until,
    )
    .sort((a, b) => b.expiresAt.localeCompare(a.expiresAt))[0];
  return {
    uuid: stableUuid(`risk/vulnerability-finding/${row.id}/${window.end.toISOString()}`),
    title: `Accepted risk: ${row.vulnerabilityId} in ${row.packageName} on ${row.assetKey}`,
    description: `${describeFinding(row)} is left unfixed under a time-limited risk acceptance.`,
    statement: exception
      ? `${exception.reason} (requested by ${exception.requestedBy}; approved by e-signature of ${exception.approvedBy ?? 'unknown'} at ${exception.approvedAt}).`
      : 'Accepted by an approved exception.',
    props: plumblineProps([
      ['asset-key', row.assetKey],
      ['vulnerability-id', row.vulnerabilityId],
      ['severity', row.severity],
      ['signature', exception?.signatureId],
    ]),
    status: 'deviation-approved',
    ...(exception ? { deadline: new Date(exception.expiresAt).toISOString() } : {}),
    'related-observations': [{ 'observation-uuid': findingObservationUuid(row, window) }],
  };
}

/**
 * What the period's vulnerability findings say, for a framework whose controls they bear on: an
 * observation per asset (counts by severity and state), one per finding overdue or accepted at
 * the period's end, a risk (deviation approved, with its deadline) per accepted finding, and a
 * finding per asset and requirement with findings past their SLA deadline. The findings are those
 * of the evidence pack's register (open at some time in the period, as known at `asOf`).
 */
export async function vulnerabilityAssessment(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  window: AssessmentWindow,
  requirementKeys: string[],
  assets: ObservedAssets,
) {
  const byAsset = new Map<string, AssetTally>();
  for await (const page of findingRegisterPages(ctx, window)) {
    for (const row of page) {
      const tally = byAsset.get(row.assetKey) ?? {
        total: 0,
        bySeverity: new Map<string, number>(),
        fixedInPeriod: 0,
        openAtEnd: 0,
        acceptedAtEnd: 0,
        overdue: [],
        accepted: [],
        lastSeen: row.lastSeenAt,
      };
      tally.total += 1;
      tally.bySeverity.set(row.severity, (tally.bySeverity.get(row.severity) ?? 0) + 1);
      if (row.fixedAt !== null && row.fixedAt >= window.start) tally.fixedInPeriod += 1;
      if (row.statusAtEnd === 'open') tally.openAtEnd += 1;
      if (row.statusAtEnd === 'accepted') {
        tally.acceptedAtEnd += 1;
        tally.accepted.push(row);
      }
      if (row.overdueAtEnd) tally.overdue.push(row);
      if (row.lastSeenAt > tally.lastSeen) tally.lastSeen = row.lastSeenAt;
      byAsset.set(row.assetKey, tally);
    }
  }
  const observations: unknown[] = [];
  const risks: unknown[] = [];
  const findings: unknown[] = [];
  for (const [assetKey, tally] of [...byAsset.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    observations.push(assetObservation(assetKey, tally, window, assets));
    for (const row of [...tally.overdue, ...tally.accepted]) {
      observations.push(findingObservation(row, window, assets));
    }
    for (const row of tally.accepted) risks.push(await acceptedRisk(ctx, row, window));
    if (tally.overdue.length === 0) continue;
    for (const requirementKey of requirementKeys) {
      findings.push({
        uuid: stableUuid(
          `finding/vulnerability-findings/${assetKey}/${requirementKey}/${window.end.toISOString()}`,
        ),
        title: `${assetKey}: ${tally.overdue.length} vulnerability finding(s) past their SLA deadline`,
        description: `At the end of the period, ${describeFindings(tally.overdue)} remained open past the remediation deadline set at detection.`,
        props: plumblineProps([
          ['requirement-key', requirementKey],
          ['asset-key', assetKey],
          ['vulnerability-findings-overdue-at-end', tally.overdue.length],
        ]),
        target: {
          type: 'objective-id',
          'target-id': oscalControlId(requirementKey),
          status: { state: 'not-satisfied', reason: 'fail' },
        },
        ...nonEmpty(
          'related-observations',
          tally.overdue.map((row) => ({ 'observation-uuid': findingObservationUuid(row, window) })),
        ),
      });
    }
  }
  return { observations, risks, findings };
}
