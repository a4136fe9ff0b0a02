import {
  PRINTABLE_STYLE,
  anchorId,
  html,
  trustedHtml,
  type HtmlValue,
  type SafeHtml,
} from '../../platform/html/printable-html.js';
import type { Walkthrough, WalkthroughDependency, WalkthroughGap } from './walkthrough.schema.js';

const STYLE = trustedHtml(PRINTABLE_STYLE);

const GAP_LABELS: Record<WalkthroughGap['kind'], string> = {
  no_evidence: 'No evidence',
  overdue_occurrence: 'Overdue',
  missed_occurrence: 'Missed',
  unverified_closeout: 'Unverified closeout',
  third_party_without_service_evidence: 'Third party without service evidence',
  backup_without_success: 'Backup without success',
  open_nonconformance: 'Open nonconformance',
  undecided_incident: 'Incident without a timely conformity decision',
};

/** A table, or a sentence when there is nothing to list. Cells are escaped unless `html`. */
function table(headers: string[], rows: HtmlValue[][], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p>${empty}</p>`;
  const head = headers.map((header) => html`<th>${header}</th>`);
  const body = rows.map(
    (cells) =>
      html`<tr>
        ${cells.map((cell) => html`<td>${cell}</td>`)}
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        ${head}
      </tr>
    </thead>
    <tbody>
      ${body}
    </tbody>
  </table>`;
}

/** What a change's timestamps say, for a printed cell. */
const judged = (value: boolean | null) => (value === null ? 'not yet' : value ? 'yes' : 'no');

function gapList(gaps: WalkthroughGap[]): SafeHtml {
  return table(
    ['Gap', 'Asset', 'Reference', 'What is missing'],
    gaps.map((gap) => [
      html`<span class="gap">${GAP_LABELS[gap.kind]}</span>`,
      html`<a href="#${anchorId('asset', gap.assetKey)}">${gap.assetKey}</a>`,
      gap.reference,
      gap.message,
    ]),
    'No gap found for the period.',
  );
}

function backupsSection(backups: WalkthroughDependency['backups']): SafeHtml {
  if (!backups) return html`<p>No backup policy applies to this asset.</p>`;
  const last = backups.lastSuccessAt ? `, last success ${backups.lastSuccessAt}` : '';
  return html`<p>
      Policy from ${backups.policySource}: ${backups.runs.total} run(s), ${backups.runs.succeeded}
      succeeded, ${backups.runs.failed} failed${last}.
    </p>
    ${table(
      ['Backup incident', 'Opened', 'Closed'],
      backups.incidents.map((incident) => [
        `${incident.kind}: ${incident.summary}`,
        incident.openedAt,
        incident.closedAt ?? 'open',
      ]),
      'No backup incident in the period.',
    )}
    ${table(
      ['Restore test', 'Started', 'Outcome', 'Status', 'Performer', 'Verifier'],
      backups.restoreTests.map((test) => [
        test.number,
        test.startedAt,
        test.outcome,
        test.status,
        test.performer,
        test.verifier,
      ]),
      'No restore test in the period.',
    )}
    ${table(
      ['DR exercise', 'Type', 'Started', 'Outcome', 'Status', 'Verifier'],
      backups.drExercises.map((exercise) => [
        exercise.number,
        exercise.type,
        exercise.startedAt,
        exercise.outcome,
        exercise.status,
        exercise.verifier,
      ]),
      'No DR exercise measured this asset in the period.',
    )}`;
}

function dependencySection(dependency: WalkthroughDependency): SafeHtml {
  const { asset, supplier } = dependency;
  const occurrenceCells = (row: WalkthroughDependency['maintenance'][number]): HtmlValue[] => [
    html`${row.controlKey}<br />${row.controlTitle}`,
    row.periodKey,
    row.dueAt,
    row.status === 'verified' ? row.status : html`<strong>${row.status}</strong>`,
    row.performer,
    row.verifier,
    String(row.evidenceCount),
    row.exceptions.join(', '),
  ];
  const occurrenceHeaders = [
    'Control',
    'Period',
    'Due',
    'Status',
    'Performer',
    'Verifier',
    'Evidence',
    'Exceptions',
  ];
  const certifications = supplier?.certifications
    .map((c) => `${c.name} (${c.expiresOn ? `expires ${c.expiresOn}` : 'no expiry'})`)
    .join(', ');
  return html`<section id="${anchorId('asset', asset.key)}">
    <h2>
      ${asset.key}: ${asset.name}
      ${dependency.gaps.length > 0 ? html`<span class="gap">${dependency.gaps.length} gap(s)</span>` : html`<span class="covered">no gap</span>`}
    </h2>
    <dl>
      <dt>Asset</dt>
      <dd>
        ${asset.category}, criticality ${asset.criticality}, owner ${asset.ownerRole},
        ${asset.lifecycleStatus}${asset.thirdPartyManaged ? ', managed by a third party' : ''}
      </dd>
      <dt>Conformity impact</dt>
      <dd>${dependency.conformityImpact}</dd>
      <dt>Control method</dt>
      <dd>${dependency.controlMethod}</dd>
      <dt>System of record</dt>
      <dd>${dependency.systemOfRecord}</dd>
      <dt>Supplier</dt>
      <dd>
        ${supplier ? `${supplier.name} (${supplier.key})${certifications ? `: ${certifications}` : ', no certification'}` : 'none recorded'}
      </dd>
    </dl>
    <h3>Gaps</h3>
    ${gapList(dependency.gaps)}
    <h3>Maintenance evidence</h3>
    ${table(occurrenceHeaders, dependency.maintenance.map(occurrenceCells), 'No occurrence of a control scoped to this asset was due in the period.')}
    <h3>Changes</h3>
    ${table(
      ['When', 'Who', 'What'],
      dependency.changes.map((change) => [change.at, change.actor, change.action]),
      'No change to the asset was recorded in the period.',
    )}${table(
      [
        'Change',
        'Type',
        'Status',
        'Requested',
        'Implemented',
        'Approved before',
        'Verified in 48 h',
      ],
      dependency.changeRecords.map((change) => [
        `${change.number} ${change.title}`,
        change.type,
        change.status,
        change.requestedAt,
        change.implementedAt ?? '',
        judged(change.approvedBeforeImplementation),
        judged(change.verifiedWithin48h),
      ]),
      'No change record affected the asset in the period.',
    )}${table(
      occurrenceHeaders,
      dependency.maintenance.filter((row) => row.changeControl).map(occurrenceCells),
      'No change-control work for the asset was due in the period.',
    )}
    <h3>Nonconformances and deficiencies</h3>
    ${table(
      ['Number', 'Title', 'Source', 'Status', 'Raised', 'Closed'],
      dependency.nonconformances.map((nc) => [
        nc.number,
        nc.title,
        nc.sourceType,
        nc.openAtPeriodEnd ? html`<span class="gap">${nc.status}</span>` : nc.status,
        nc.raisedAt,
        nc.closedAt,
      ]),
      'No nonconformance concerned the asset in the period.',
    )}
    <h3>Incidents</h3>
    ${table(
      ['Number', 'Title', 'Severity', 'Detected', 'Status at end', 'Conformity decision'],
      dependency.incidents.map((incident) => [
        incident.number,
        incident.title,
        incident.severity,
        incident.detectedAt,
        incident.statusAtEnd,
        incidentDecision(incident),
      ]),
      'No incident affected the asset in the period.',
    )}
    <h3>Backups and recovery</h3>
    ${backupsSection(dependency.backups)}
  </section> `;
}

/** An incident's conformity decision as the period saw it, flagged when it was late or missing. */
function incidentDecision(incident: WalkthroughDependency['incidents'][number]) {
  const text = incident.decision
    ? `${incident.decision}${incident.nonconformance ? ` (${incident.nonconformance})` : ''}`
    : 'not decided';
  return incident.decisionOnTime === false ? html`<span class="gap">${text}, late</span>` : text;
}

/**
 * The walkthrough as one self-contained page (inline style, no script, no external asset) that
 * an auditor can open from a pack or a download and print. Every value is escaped by `html`.
 */
export function walkthroughHtml(walkthrough: Walkthrough): string {
  const { process } = walkthrough;
  const title = `Walkthrough: ${process.name} (${walkthrough.from} to ${walkthrough.to})`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        <dl>
          <dt>Process</dt>
          <dd>
            ${process.key}: ${process.description} (owner
            ${process.ownerRole}${process.affectsConformity ? ', affects conformity' : ''})
          </dd>
          <dt>Period</dt>
          <dd>
            ${walkthrough.from} to ${walkthrough.to} (${walkthrough.timeZone}), records as of
            ${walkthrough.asOf}
          </dd>
          <dt>Generated</dt>
          <dd>${walkthrough.generatedAt}</dd>
          <dt>Dependencies</dt>
          <dd>
            ${walkthrough.dependencies.length} asset(s) in the process-to-infrastructure matrix,
            ${walkthrough.gaps.length} gap(s)
          </dd>
        </dl>
        <nav>
          ${walkthrough.dependencies.map((dependency) => html`<a href="#${anchorId('asset', dependency.asset.key)}">${dependency.asset.key}</a>`)}
        </nav>
        <h2 id="gaps">Gaps</h2>
        ${gapList(walkthrough.gaps)}
        ${walkthrough.dependencies.length === 0 ? html`<p>No asset is linked to this process in the matrix.</p>` : ''}${walkthrough.dependencies.map(dependencySection)}
      </body>
    </html> `.text;
}
