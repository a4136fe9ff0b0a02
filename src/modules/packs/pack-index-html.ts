import {
  PRINTABLE_STYLE as STYLE,
  anchorId as anchor,
  escapeHtml as h,
  relativeHref as href,
} from '../../platform/html/printable-html.js';
import type { PackIndexContent } from './pack-contents.js';
import { evidencePathOf } from './pack-contents.js';
import type { RequirementCoverageView } from './pack.schema.js';

function coverageBadge(coverage: RequirementCoverageView['coverage']): string {
  const label = { covered: 'covered', partial: 'partial', gap: 'GAP: no evidence' }[coverage];
  return `<span class="${coverage}">${label}</span>`;
}

function requirementSection(requirement: RequirementCoverageView, content: PackIndexContent) {
  const { counts } = content;
  const controls = requirement.controls
    .map(
      (control) =>
        `<tr><td><a href="#${anchor('control', control.key)}">${h(control.key)}</a>${control.critical ? ' (critical)' : ''}</td><td>${h(control.title)}</td><td>${h(control.evaluation)}</td><td>${control.occurrences}</td><td>${control.notApplicable}</td><td>${control.withExceptions}</td><td>${control.missed}</td><td>${h(control.coverage)}</td></tr>`,
    )
    .join('');
  return `<section id="${anchor('req', requirement.key)}">
<h3>${h(requirement.reference)} ${h(requirement.title)} ${coverageBadge(requirement.coverage)}</h3>
<dl>
<dt>Determined</dt><dd><a href="registers/matrix.csv">Process-to-infrastructure matrix</a> (${counts.matrixRows} rows); <a href="registers/assets.csv">asset register</a> (${counts.assets} assets, ${counts.criticalAssets} critical, with criticality rationale); ${requirement.controls.length} control(s) mapped to this requirement (below).</dd>
<dt>Provided</dt><dd><a href="registers/assets.csv">Asset register</a>: ${counts.assetsWithAcceptanceCriteria} asset(s) with recorded acceptance criteria and configuration references, ${counts.thirdPartyAssets} third-party managed; <a href="registers/suppliers.csv">suppliers</a> (${counts.suppliers}).</dd>
<dt>Maintained</dt><dd>${
    requirement.controls.length === 0
      ? '<span class="gap">no control maps this requirement</span>'
      : `<table><thead><tr><th>Control</th><th>Title</th><th>Evaluated</th><th>Occurrences due</th><th>Not applicable</th><th>With exceptions</th><th>Missed</th><th>Coverage</th></tr></thead><tbody>${controls}</tbody></table>`
  }</dd>
</dl></section>\n`;
}

/**
 * index.html: one self-contained page (inline style, no script, no external asset) that an
 * auditor can open from the unzipped pack and print. Written piece by piece: occurrences and
 * evidence files are read a page at a time.
 */
export async function* packIndexHtml(content: PackIndexContent): AsyncGenerator<string> {
  const { head, coverage } = content;
  yield `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Evidence pack: ${h(head.framework.title)} ${h(head.period.from)} to ${h(head.period.to)}</title><style>${STYLE}</style></head><body>
<h1>Evidence pack: ${h(head.framework.title)}</h1>
<dl>
<dt>Framework</dt><dd>${h(head.framework.key)}</dd>
<dt>Period</dt><dd>${h(head.period.from)} to ${h(head.period.to)} (${h(head.period.timeZone)}), records as of ${h(head.period.asOf)}</dd>
<dt>Generated</dt><dd>${h(head.generatedAt)} by Plumbline ${h(head.generator.version)}</dd>
<dt>Audit chain</dt><dd>${head.auditChain.valid ? 'intact' : '<span class="gap">BROKEN</span>'}, ${head.auditChain.eventCount} events, head <code>${h(head.auditChain.headHash)}</code></dd>
<dt>Signing key</dt><dd>Ed25519, fingerprint <code>${h(head.signingKey.fingerprint)}</code> (<a href="public-key.pem">public-key.pem</a>)</dd>
<dt>Requirements</dt><dd>${coverage.counts.covered} covered, ${coverage.counts.partial} partial, ${coverage.counts.gap} with no evidence (gaps)</dd>
</dl>
<nav><a href="#requirements">Requirements</a><a href="#maintained">Occurrences</a><a href="#evidence">Evidence files</a><a href="#walkthroughs">Walkthroughs</a><a href="#registers">Registers</a><a href="#verify">Verifying this pack</a></nav>
<h2 id="requirements">Requirements: determined, provided, maintained</h2>\n`;
  for (const requirement of coverage.requirements) yield requirementSection(requirement, content);

  yield `<h2 id="maintained">Maintained: occurrences due in the period</h2>
<p>Status, performer and verifier as recorded by ${h(head.period.asOf)}; the same rows are in <a href="registers/occurrences.csv">registers/occurrences.csv</a>.</p>\n`;
  let control: string | null = null;
  const header =
    '<table><thead><tr><th>Period</th><th>Asset</th><th>Due</th><th>Status</th><th>Performer</th><th>Completed</th><th>Verifier</th><th>Verified</th><th>Evidence</th><th>Exceptions</th></tr></thead><tbody>';
  for await (const page of content.occurrencePages()) {
    let text = '';
    for (const row of page) {
      if (row.controlKey !== control) {
        if (control !== null) text += '</tbody></table>\n';
        control = row.controlKey;
        text += `<h3 id="${anchor('control', row.controlKey)}">${h(row.controlKey)}: ${h(row.controlTitle)}</h3>${header}`;
      }
      text += `<tr><td>${h(row.periodKey)}</td><td>${h(row.assetKey)}</td><td>${h(row.dueAt)}</td><td>${h(row.status)}</td><td>${h(row.performer)}</td><td>${h(row.completedAt)}</td><td>${h(row.verifier)}</td><td>${h(row.verifiedAt)}</td><td>${row.evidenceCount}</td><td>${h(row.exceptions.join(', '))}</td></tr>`;
    }
    yield text;
  }
  yield control === null ? '<p>No occurrence was due in the period.</p>\n' : '</tbody></table>\n';

  yield `<h2 id="evidence">Evidence files (${content.counts.evidenceFiles})</h2>
<p>Each file as uploaded, with the SHA-256 recorded at upload (also checked against the manifest).</p>
<table><thead><tr><th>File</th><th>Control or record</th><th>Period</th><th>Asset</th><th>Work order</th><th>Uploaded</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>`;
  for await (const page of content.evidencePages()) {
    yield page
      .map(
        (file) =>
          `<tr><td><a href="${href(evidencePathOf(file))}">${h(file.filename)}</a></td><td>${h(file.control_key)}</td><td>${h(file.period_key)}</td><td>${h(file.asset_key)}</td><td>${file.work_order_number === null ? '' : `WO-${file.work_order_number}`}</td><td>${h(file.uploaded_at.toISOString())} by ${h(file.uploaded_by)}</td><td>${h(file.size_bytes)}</td><td><code>${h(file.sha256)}</code></td></tr>`,
      )
      .join('');
  }
  yield `</tbody></table>
<h2 id="walkthroughs">Walkthroughs</h2>${
    content.walkthroughs.length === 0
      ? '<p>No process has infrastructure in the matrix.</p>'
      : `<p>Each process walked end to end over the period: every infrastructure dependency, its evidence and its gaps.</p><ul>${content.walkthroughs
          .map(
            (walkthrough) =>
              `<li><a href="${href(walkthrough.path)}">${h(walkthrough.path)}</a>: ${h(walkthrough.title)}</li>`,
          )
          .join('')}</ul>`
  }
<h2 id="registers">Registers</h2><ul>${content.registers
    .map(
      (register) =>
        `<li><a href="${href(register.path)}">${h(register.path)}</a>: ${h(register.title)}</li>`,
    )
    .join('')}<li><a href="index.pdf">index.pdf</a>: this index as PDF</li></ul>
<h2 id="verify">Verifying this pack</h2>
<p><code>manifest.json</code> lists every file with its SHA-256 and size; <code>manifest.sig</code> is the Ed25519 signature of <code>manifest.json</code> by the key in <code>public-key.pem</code>, whose fingerprint (SHA-256 of the DER public key) is <code>${h(head.signingKey.fingerprint)}</code>. Check it with <code>plumbline pack verify pack.zip --fingerprint ${h(head.signingKey.fingerprint)}</code>, or by hand:</p>
<pre>openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
jq -r '.files[] | "\\(.sha256)  \\(.path)"' manifest.json | sha256sum -c</pre>
</body></html>\n`;
}
