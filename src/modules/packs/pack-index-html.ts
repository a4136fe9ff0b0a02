import {
  PRINTABLE_STYLE,
  anchorId as anchor,
  html,
  relativeHref as href,
  trustedHtml,
  type SafeHtml,
} from '../../platform/html/printable-html.js';
import type { PackIndexContent } from './pack-contents.js';
import { evidencePathOf } from './pack-contents.js';
import type { RequirementCoverageView } from './pack.schema.js';

const STYLE = trustedHtml(PRINTABLE_STYLE);

function coverageBadge(coverage: RequirementCoverageView['coverage']): SafeHtml {
  const label = { covered: 'covered', partial: 'partial', gap: 'GAP: no evidence' }[coverage];
  return html`<span class="${coverage}">${label}</span>`;
}

function requirementSection(
  requirement: RequirementCoverageView,
  content: PackIndexContent,
): SafeHtml {
  const { counts } = content;
  const controls = requirement.controls.map(
    (control) =>
      html`<tr>
        <td>
          <a href="#${anchor('control', control.key)}">${control.key}</a
          >${control.critical ? ' (critical)' : ''}
        </td>
        <td>${control.title}</td>
        <td>${control.evaluation}</td>
        <td>${control.occurrences}</td>
        <td>${control.notApplicable}</td>
        <td>${control.withExceptions}</td>
        <td>${control.missed}</td>
        <td>${control.coverage}</td>
      </tr>`,
  );
  return html`<section id="${anchor('req', requirement.key)}">
    <h3>${requirement.reference} ${requirement.title} ${coverageBadge(requirement.coverage)}</h3>
    <dl>
      <dt>Determined</dt>
      <dd>
        <a href="registers/matrix.csv">Process-to-infrastructure matrix</a> (${counts.matrixRows}
        rows); <a href="registers/assets.csv">asset register</a> (${counts.assets} assets,
        ${counts.criticalAssets} critical, with criticality rationale);
        ${requirement.controls.length} control(s) mapped to this requirement (below).
      </dd>
      <dt>Provided</dt>
      <dd>
        <a href="registers/assets.csv">Asset register</a>: ${counts.assetsWithAcceptanceCriteria}
        asset(s) with recorded acceptance criteria and configuration references,
        ${counts.thirdPartyAssets} third-party managed;
        <a href="registers/suppliers.csv">suppliers</a> (${counts.suppliers}).
      </dd>
      <dt>Maintained</dt>
      <dd>
        ${
          requirement.controls.length === 0
            ? html`<span class="gap">no control maps this requirement</span>`
            : html`<table>
                <thead>
                  <tr>
                    <th>Control</th>
                    <th>Title</th>
                    <th>Evaluated</th>
                    <th>Occurrences due</th>
                    <th>Not applicable</th>
                    <th>With exceptions</th>
                    <th>Missed</th>
                    <th>Coverage</th>
                  </tr>
                </thead>
                <tbody>
                  ${controls}
                </tbody>
              </table>`
        }
      </dd>
    </dl>
  </section> `;
}

/**
 * index.html: one self-contained page (inline style, no script, no external asset) that an
 * auditor can open from the unzipped pack and print. Written piece by piece: occurrences and
 * evidence files are read a page at a time. Every value is escaped by the `html` tag.
 */
export async function* packIndexHtml(content: PackIndexContent): AsyncGenerator<string> {
  const { head, coverage } = content;
  yield html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>
          Evidence pack: ${head.framework.title} ${head.period.from} to ${head.period.to}
        </title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <h1>Evidence pack: ${head.framework.title}</h1>
        <dl>
          <dt>Framework</dt>
          <dd>${head.framework.key}</dd>
          <dt>Period</dt>
          <dd>
            ${head.period.from} to ${head.period.to} (${head.period.timeZone}), records as of
            ${head.period.asOf}
          </dd>
          <dt>Generated</dt>
          <dd>${head.generatedAt} by Plumbline ${head.generator.version}</dd>
          <dt>Audit chain</dt>
          <dd>
            ${head.auditChain.valid ? 'intact' : html`<span class="gap">BROKEN</span>`},
            ${head.auditChain.eventCount} events, head <code>${head.auditChain.headHash}</code>
          </dd>
          <dt>Signing key</dt>
          <dd>
            Ed25519, fingerprint <code>${head.signingKey.fingerprint}</code> (<a
              href="public-key.pem"
              >public-key.pem</a
            >)
          </dd>
          <dt>Requirements</dt>
          <dd>
            ${coverage.counts.covered} covered, ${coverage.counts.partial} partial,
            ${coverage.counts.gap} with no evidence (gaps)
          </dd>
        </dl>
        <nav>
          <a href="#requirements">Requirements</a><a href="#maintained">Occurrences</a
          ><a href="#evidence">Evidence files</a><a href="#walkthroughs">Walkthroughs</a
          ><a href="#registers">Registers</a><a href="#verify">Verifying this pack</a>
        </nav>
        <h2 id="requirements">Requirements: determined, provided, maintained</h2>
      </body>
    </html> `.text;
  for (const requirement of coverage.requirements) {
    yield requirementSection(requirement, content).text;
  }

  yield html`<h2 id="maintained">Maintained: occurrences due in the period</h2>
    <p>
      Status, performer and verifier as recorded by ${head.period.asOf}; the same rows are in
      <a href="registers/occurrences.csv">registers/occurrences.csv</a>.
    </p> `.text;
  let control: string | null = null;
  const header = html`<table>
    <thead>
      <tr>
        <th>Period</th>
        <th>Asset</th>
        <th>Due</th>
        <th>Status</th>
        <th>Performer</th>
        <th>Completed</th>
        <th>Verifier</th>
        <th>Verified</th>
        <th>Evidence</th>
        <th>Exceptions</th>
      </tr>
    </thead>
    <tbody></tbody>
  </table>`;
  for await (const page of content.occurrencePages()) {
    const parts: SafeHtml[] = [];
    for (const row of page) {
      if (row.controlKey !== control) {
        if (control !== null) parts.push(html`</tbody></table>\n`);
        control = row.controlKey;
        parts.push(
          html`<h3 id="${anchor('control', row.controlKey)}">
              ${row.controlKey}: ${row.controlTitle}
            </h3>
            ${header}`,
        );
      }
      parts.push(
        html`<tr>
          <td>${row.periodKey}</td>
          <td>${row.assetKey}</td>
          <td>${row.dueAt}</td>
          <td>${row.status}</td>
          <td>${row.performer}</td>
          <td>${row.completedAt}</td>
          <td>${row.verifier}</td>
          <td>${row.verifiedAt}</td>
          <td>${row.evidenceCount}</td>
          <td>${row.exceptions.join(', ')}</td>
        </tr>`,
      );
    }
    yield html`${parts}`.text;
  }
  yield control === null ? '<p>No occurrence was due in the period.</p>\n' : '</tbody></table>\n';

  yield html`<h2 id="evidence">Evidence files (${content.counts.evidenceFiles})</h2>
    <p>
      Each file as uploaded, with the SHA-256 recorded at upload (also checked against the
      manifest).
    </p>
    <table>
      <thead>
        <tr>
          <th>File</th>
          <th>Control or record</th>
          <th>Period</th>
          <th>Asset</th>
          <th>Work order</th>
          <th>Uploaded</th>
          <th>Size</th>
          <th>SHA-256</th>
        </tr>
      </thead>
      <tbody></tbody>
    </table>`.text;
  for await (const page of content.evidencePages()) {
    yield html`${page.map(
      (file) =>
        html`<tr>
          <td><a href="${href(evidencePathOf(file))}">${file.filename}</a></td>
          <td>${file.control_key}</td>
          <td>${file.period_key}</td>
          <td>${file.asset_key}</td>
          <td>${file.work_order_number === null ? '' : `WO-${file.work_order_number}`}</td>
          <td>${file.uploaded_at.toISOString()} by ${file.uploaded_by}</td>
          <td>${file.size_bytes}</td>
          <td><code>${file.sha256}</code></td>
        </tr>`,
    )}`.text;
  }
  yield html`</tbody></table>
<h2 id="walkthroughs">Walkthroughs</h2>${
    content.walkthroughs.length === 0
      ? html`<p>No process has infrastructure in the matrix.</p>`
      : html`<p>
            Each process walked end to end over the period: every infrastructure dependency, its
            evidence and its gaps.
          </p>
          <ul>
            ${content.walkthroughs.map(
              (walkthrough) =>
                html`<li>
                  <a href="${href(walkthrough.path)}">${walkthrough.path}</a>: ${walkthrough.title}
                </li>`,
            )}
          </ul>`
  }
<h2 id="registers">Registers</h2><ul>${content.registers.map(
    (register) =>
      html`<li><a href="${href(register.path)}">${register.path}</a>: ${register.title}</li>`,
  )}<li><a href="index.pdf">index.pdf</a>: this index as PDF</li></ul>
<h2 id="verify">Verifying this pack</h2>
<p><code>manifest.json</code> lists every file with its SHA-256 and size; <code>manifest.sig</code> is the Ed25519 signature of <code>manifest.json</code> by the key in <code>public-key.pem</code>, whose fingerprint (SHA-256 of the DER public key) is <code>${head.signingKey.fingerprint}</code>. Check it with <code>plumbline pack verify pack.zip --fingerprint ${head.signingKey.fingerprint}</code>, or by hand:</p>
<pre>openssl pkey -pubin -in public-key.pem -outform DER | sha256sum
openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.sig
jq -r '.files[] | "\\(.sha256)  \\(.path)"' manifest.json | sha256sum -c</pre>
</body></html>\n`.text;
}
