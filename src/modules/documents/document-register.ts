import type { AppContext } from '../../platform/context.js';
import { documentRepository } from './documents.repository.js';

const REGISTER_PAGE = 500;

export interface DocumentInEffect {
  key: string;
  versionId: string;
  version: number;
  title: string;
  author: string;
  reviewers: string[];
  approvers: string[];
  contentSha256: string;
  approvedAt: Date | null;
  effectiveAt: Date | null;
  reviewDueOn: string;
}

export interface DocumentSignatureRecord {
  documentKey: string;
  version: number;
  signatureId: string;
  meaning: string;
  signerLabel: string;
  signerRole: string;
  method: string;
  note: string;
  recordSha256: string;
  signedAt: Date;
}

/**
 * The controlled documents in effect at an instant (the pack's as-of), one version per document
 * in id order, each page with the e-signatures made on those versions by that instant: the
 * attested approval, the reviews and the approvals. A version's signatures come with its page.
 */
export async function* documentsInEffectPages(
  ctx: Pick<AppContext, 'db'>,
  at: Date,
): AsyncGenerator<{ documents: DocumentInEffect[]; signatures: DocumentSignatureRecord[] }> {
  let afterKey: string | null = null;
  for (;;) {
    const rows = await documentRepository.versionsInEffectAt(ctx.db, at, afterKey, REGISTER_PAGE);
    if (rows.length > 0) {
      const byVersion = new Map(rows.map((row) => [row.id, row]));
      const signatures = await documentRepository.signaturesOfVersions(
        ctx.db,
        [...byVersion.keys()],
        at,
      );
      yield {
        documents: rows.map((row) => ({
          key: row.key,
          versionId: row.id,
          version: row.version,
          title: row.title,
          author: row.author,
          reviewers: row.reviewers,
          approvers: row.approvers,
          contentSha256: row.content_sha256,
          approvedAt: row.approved_at,
          effectiveAt: row.effective_at,
          reviewDueOn: row.review_due_on,
        })),
        signatures: signatures.map((signature) => {
          const version = byVersion.get(signature.entity_id)!;
          return {
            documentKey: version.key,
            version: version.version,
            signatureId: signature.id,
            meaning: signature.meaning,
            signerLabel: signature.signer_label,
            signerRole: signature.signer_role,
            method: signature.method,
            note: signature.reason,
            recordSha256: signature.record_sha256,
            signedAt: signature.signed_at,
          };
        }),
      };
    }
    if (rows.length < REGISTER_PAGE) return;
    afterKey = rows[rows.length - 1]!.key;
  }
}

/** A version's file as imported (front matter and Markdown), for the evidence pack. */
export function documentVersionSource(
  ctx: Pick<AppContext, 'db'>,
  versionId: string,
): Promise<string> {
  return documentRepository.sourceOf(ctx.db, versionId);
}
