import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { meetDocumentReviews } from './meet-document-reviews.js';
import { assignTraining } from '../training/assign-training.js';
import {
  decideDocumentTransition,
  type DocumentStatus,
  type DocumentVersionFacts,
} from './document-status.js';
import {
  documentRepository,
  type DocumentRow,
  type DocumentVersionRow,
} from './documents.repository.js';

/** Moves a version to `to` if the transition function allows it; throws 409 with its reason. */
export async function moveVersion(
  tx: AuditedTransaction,
  document: DocumentRow,
  version: DocumentVersionRow,
  facts: DocumentVersionFacts,
  to: DocumentStatus,
  note: string,
): Promise<void> {
  const decision = decideDocumentTransition(facts, to);
  if (!decision.ok) {
    throw new AppError(
      'conflict',
      `Cannot move ${document.key} v${version.version}: ${decision.reason}`,
    );
  }
  const instant = {
    approved: { approved_at: tx.now },
    effective: { effective_at: tx.now },
    superseded: { superseded_at: tx.now },
    retired: { retired_at: tx.now },
    draft: {},
    in_review: {},
  }[to];
  await documentRepository.updateVersion(tx.trx, version.id, { status: to, ...instant });
  await documentRepository.addEvent(tx.trx, {
    documentId: document.id,
    versionId: version.id,
    kind: to,
    text: `v${version.version} ${version.status} → ${to}${note ? `: ${note}` : ''}`,
    by: tx.actor.label,
    now: tx.now,
  });
  await tx.audit({
    action: 'document.transitioned',
    entityType: 'document_version',
    entityId: version.id,
    before: { status: version.status },
    after: { document: document.key, version: version.version, status: to, note },
  });
}

const noSigners = (status: DocumentStatus): DocumentVersionFacts => ({
  status,
  reviewsOutstanding: [],
  approvalsOutstanding: [],
  unmappedNames: [],
  approvalAttested: false,
});

/**
 * Makes an approved version effective: the effective version before it is superseded, its open
 * periodic review occurrences are met, and its training is assigned, all in this transaction.
 */
export async function makeVersionEffective(
  tx: AuditedTransaction,
  document: DocumentRow,
  version: DocumentVersionRow,
): Promise<void> {
  const previous = await documentRepository.effectiveVersion(tx.trx, document.id);
  if (previous && previous.version > version.version) {
    throw new AppError(
      'conflict',
      `${document.key} v${previous.version} is effective: v${version.version} cannot replace a newer version`,
    );
  }
  if (previous) {
    await moveVersion(
      tx,
      document,
      previous,
      noSigners('effective'),
      'superseded',
      `by v${version.version}`,
    );
  }
  await moveVersion(tx, document, version, noSigners('approved'), 'effective', '');
  // A new version is the outcome of a review: it meets the periodic review of the ones before it.
  await meetDocumentReviews(tx, {
    documentId: document.id,
    documentKey: document.key,
    by: 'new-version',
    note: `${document.key} v${version.version} took effect`,
  });
  if (version.training) {
    const assigned = await assignTraining(tx, {
      documentKey: document.key,
      documentId: document.id,
      versionId: version.id,
      version: version.version,
      departments: version.training.requiredDepartments,
      dueDays: version.training.dueDays,
    });
    await documentRepository.addEvent(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      kind: 'training',
      text: `training assigned to ${assigned} people (${version.training.requiredDepartments.join(', ')}), due in ${version.training.dueDays} days`,
      by: tx.actor.label,
      now: tx.now,
    });
  }
}

/**
 * After an approval: the version becomes effective at once when its effective date (in the
 * organisation's time zone) has come or it has none; otherwise the scheduler's documents job
 * applies it on that date (apply-effective-dates.ts).
 */
export async function applyEffectiveDateIfDue(
  tx: AuditedTransaction,
  timeZone: string,
  document: DocumentRow,
  version: DocumentVersionRow,
): Promise<boolean> {
  const today = dateInZone(tx.now, timeZone);
  if (version.effective_date !== null && version.effective_date > today) return false;
  await makeVersionEffective(tx, document, { ...version, status: 'approved' });
  return true;
}
