import type { AppContext } from '../../platform/context.js';
import {
  html,
  PRINTABLE_STYLE,
  SafeHtml,
  trustedHtml,
} from '../../platform/html/printable-html.js';
import { listSignatures } from '../signatures/list-signatures.js';
import { getDocumentBody, toVersionView } from './document.service.js';
import { renderMarkdown } from './render-markdown.js';

/**
 * A version as one self-contained printable page: its approval block (status, content SHA-256,
 * every signature with its meaning, signer, time and the SHA-256 it signed), then its text.
 * The body comes from renderMarkdown, which escapes every piece of text it writes.
 */
export async function printableDocument(
  ctx: Pick<AppContext, 'db'>,
  key: string,
  versionNumber: number,
): Promise<string> {
  const body = await getDocumentBody(ctx, key, versionNumber);
  const view = await toVersionView(ctx, body.row);
  const signatures = await listSignatures(ctx, 'document_version', body.row.id);
  const title = `${body.document.key} v${view.version}: ${view.title}`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        <style>
          ${trustedHtml(PRINTABLE_STYLE)}
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        <section class="approval-block">
          <h2>Approval</h2>
          <dl>
            <dt>Status</dt>
            <dd>${view.status}${view.effectiveAt ? ` (effective ${view.effectiveAt})` : ''}</dd>
            <dt>Author</dt>
            <dd>${view.author}</dd>
            <dt>Reviewers</dt>
            <dd>${view.reviewers.join(', ') || '-'}</dd>
            <dt>Approvers</dt>
            <dd>${view.approvers.join(', ')}</dd>
            <dt>Content SHA-256</dt>
            <dd><code>${view.contentSha256}</code></dd>
            <dt>Next periodic review</dt>
            <dd>${view.reviewDueOn}</dd>
          </dl>
          <table>
            <thead>
              <tr>
                <th>Meaning</th>
                <th>Signer</th>
                <th>Signed at</th>
                <th>Method</th>
                <th>Note</th>
                <th>Record SHA-256</th>
              </tr>
            </thead>
            <tbody>
              ${signatures.map(
                (signature) =>
                  html`<tr>
                    <td>${signature.meaning}</td>
                    <td>${signature.signerLabel}</td>
                    <td>${signature.signedAt.toISOString()}</td>
                    <td>${signature.method}</td>
                    <td>${signature.note}</td>
                    <td><code>${signature.recordSha256}</code></td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${signatures.length === 0 ? html`<p>No signature yet.</p>` : ''}
        </section>
        <article>${new SafeHtml(renderMarkdown(body.markdown))}</article>
      </body>
    </html>`.text;
}
