import { PRINTABLE_STYLE, anchorId, escapeHtml as h } from '../../platform/html/printable-html.js';
import type { Walkthrough, WalkthroughDependency, WalkthroughGap } from './walkthrough.schema.js';

const GAP_LABELS: Record<WalkthroughGap['kind'], string> = {
  no_evidence: 'No evidence',
  overdue_occurrence: 'Overdue',
  missed_occurrence: 'Missed',
  unverified_closeout: 'Unverified closeout',
  third_party_without_service_evidence: 'Third party without service evidence',
  backup_without_success: 'Backup without success',
  open_nonconformance: 'Open nonconformance',
};

/** A table, or a sentence when there is nothing to list. */
function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p>${h(empty)}</p>`;
  const head = headers.map((header) => `<th>${h(header)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function gapList(gaps: WalkthroughGap[]): string {
  return table(
    ['Gap', 'Asset', 'Reference', 'What is missing'],
    gaps.map((gap) => [
      `<span class="gap">${h(GAP_LABELS[gap.kind])}</span>`,
      `<a href="#${anchorId('asset', gap.assetKey)}">${h(gap.assetKey)}</a>`,
      h(gap.reference),
      h(gap.message),
    ]),
    'No gap found for the period.',
  );
}

function backupsSection(backups: WalkthroughDependency['backups']): string {
  if (!backups) return '<p>No backup policy applies to this asset.</p>';
  const last = backups.lastSuccessAt ? `, last success ${h(backups.lastSuccessAt)}` : '';
  return `<p>Policy from ${h(backups.policySource)}: ${backups.runs.total} run(s), ${backups.runs.succeeded} succeeded, ${backups.runs.failed} failed${last}.</p>
${table(
  ['Backup incident', 'Opened', 'Closed'],
  backups.incidents.map((incident) => [
    `${h(incident.kind)}: ${h(incident.summary)}`,
    h(incident.openedAt),
    h(incident.closedAt ?? 'open'),
  ]),
  'No backup incident in the period.',
)}
${table(
  ['Restore test', 'Started', 'Outcome', 'Status', 'Performer', 'Verifier'],
  backups.restoreTests.map((test) => [
    h(test.number),
    h(test.startedAt),
    h(test.outcome),
    h(test.status),
    h(test.performer),
    h(test.verifier),
  ]),
  'No restore test in the period.',
)}
${table(
  ['DR exercise', 'Type', 'Started', 'Outcome', 'Status', 'Verifier'],
  backups.drExercises.map((exercise) => [
    h(exercise.number),
    h(exercise.type),
    h(exercise.startedAt),
    h(exercise.outcome),
    h(exercise.status),
    h(exercise.verifier),
  ]),
  'No DR exercise measured this asset in the period.',
)}`;
}

function dependencySection(dependency: WalkthroughDependency): string {
  const { asset, supplier } = dependency;
  const occurrenceCells = (row: WalkthroughDependency['maintenance'][number]) => [
    `${h(row.controlKey)}<br>${h(row.controlTitle)}`,
    h(row.periodKey),
    h(row.dueAt),
    row.status === 'verified' ? h(row.status) : `<strong>${h(row.status)}</strong>`,
    h(row.performer),
    h(row.verifier),
    String(row.evidenceCount),
    h(row.exceptions.join(', ')),
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
    .map((c) => `${h(c.name)} (${c.expiresOn ? `expires ${h(c.expiresOn)}` : 'no expiry'})`)
    .join(', ');
  return `<section id="${anchorId('asset', asset.key)}">
<h2>${h(asset.key)}: ${h(asset.name)} ${dependency.gaps.length > 0 ? `<span class="gap">${dependency.gaps.length} gap(s)</span>` : '<span class="covered">no gap</span>'}</h2>
<dl>
<dt>Asset</dt><dd>${h(asset.category)}, criticality ${h(asset.criticality)}, owner ${h(asset.ownerRole)}, ${h(asset.lifecycleStatus)}${asset.thirdPartyManaged ? ', managed by a third party' : ''}</dd>
<dt>Conformity impact</dt><dd>${h(dependency.conformityImpact)}</dd>
<dt>Control method</dt><dd>${h(dependency.controlMethod)}</dd>
<dt>System of record</dt><dd>${h(dependency.systemOfRecord)}</dd>
<dt>Supplier</dt><dd>${supplier ? `${h(supplier.name)} (${h(supplier.key)})${certifications ? `: ${certifications}` : ', no certification'}` : 'none recorded'}</dd>
</dl>
<h3>Gaps</h3>${gapList(dependency.gaps)}
<h3>Maintenance evidence</h3>${table(occurrenceHeaders, dependency.maintenance.map(occurrenceCells), 'No occurrence of a control scoped to this asset was due in the period.')}
<h3>Changes</h3>${table(
    ['When', 'Who', 'What'],
    dependency.changes.map((change) => [h(change.at), h(change.actor), h(change.action)]),
    'No change to the asset was recorded in the period.',
  )}${table(
    occurrenceHeaders,
    dependency.maintenance.filter((row) => row.changeControl).map(occurrenceCells),
    'No change-control work for the asset was due in the period.',
  )}
<h3>Nonconformances and deficiencies</h3>${table(
    ['Number', 'Title', 'Source', 'Status', 'Raised', 'Closed'],
    dependency.nonconformances.map((nc) => [
      h(nc.number),
      h(nc.title),
      h(nc.sourceType),
      nc.openAtPeriodEnd ? `<span class="gap">${h(nc.status)}</span>` : h(nc.status),
      h(nc.raisedAt),
      h(nc.closedAt),
    ]),
    'No nonconformance concerned the asset in the period.',
  )}
<h3>Backups and recovery</h3>${backupsSection(dependency.backups)}
</section>\n`;
}

/**
 * The walkthrough as one self-contained page (inline style, no script, no external asset) that
 * an auditor can open from a pack or a download and print. Every value is escaped.
 */
export function walkthroughHtml(walkthrough: Walkthrough): string {
  const { process } = walkthrough;
  const title = `Walkthrough: ${process.name} (${walkthrough.from} to ${walkthrough.to})`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(title)}</title><style>${PRINTABLE_STYLE}</style></head><body>
<h1>${h(title)}</h1>
<dl>
<dt>Process</dt><dd>${h(process.key)}: ${h(process.description)} (owner ${h(process.ownerRole)}${process.affectsConformity ? ', affects conformity' : ''})</dd>
<dt>Period</dt><dd>${h(walkthrough.from)} to ${h(walkthrough.to)} (${h(walkthrough.timeZone)}), records as of ${h(walkthrough.asOf)}</dd>
<dt>Generated</dt><dd>${h(walkthrough.generatedAt)}</dd>
<dt>Dependencies</dt><dd>${walkthrough.dependencies.length} asset(s) in the process-to-infrastructure matrix, ${walkthrough.gaps.length} gap(s)</dd>
</dl>
<nav>${walkthrough.dependencies.map((dependency) => `<a href="#${anchorId('asset', dependency.asset.key)}">${h(dependency.asset.key)}</a>`).join('')}</nav>
<h2 id="gaps">Gaps</h2>${gapList(walkthrough.gaps)}
${walkthrough.dependencies.length === 0 ? '<p>No asset is linked to this process in the matrix.</p>' : ''}${walkthrough.dependencies.map(dependencySection).join('')}</body></html>\n`;
}
