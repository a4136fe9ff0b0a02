import type { AppContext } from '../../platform/context.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { listAttachments } from '../attachments/list-attachments.js';
import type { CoveringOccurrence } from '../occurrences/find-occurrence-covering.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import {
  decideSecondPersonSigning,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';
import { supplierReviewRepository } from './supplier-review.repository.js';
import { SUPPLIER_REVIEW_RECORD, type SignReviewBody } from './supplier-review.schema.js';

/** What the reviewer's signature on a supplier review means. */
export const SUPPLIER_REVIEW_MEANING = 'supplier-review-decision';
/** The annual control a signed review counts towards (catalog/controls/supplier-oversight.yaml). */
export const SUPPLIER_REVIEW_CONTROL = 'supplier-certification-review';

/** Who may sign a review's decision: a person allowed to review suppliers, once per review. */
export function signReviewRule(review: { status: string }): SecondPersonRule {
  return {
    permission: 'suppliers:review',
    state:
      review.status === 'draft'
        ? { open: true }
        : { open: false, reason: 'the review has been signed' },
    doneBy: null,
    ownWorkReason: '',
  };
}

/**
 * Records the reviewer's decision on a supplier's report or certificate with an electronic
 * signature over the whole review (report, opinion, exceptions, bridge letter, every CUEC as
 * checked, findings, decision, the SHA-256 of each evidence file). A review is signed only with
 * its report or certificate attached and every CUEC checked. The signed review goes on the
 * supplier's timeline, and once every supplier that provides a registered asset has a review
 * signed within the year's supplier-review occurrence, that occurrence is completed and verified
 * in the same transaction.
 */
export async function signSupplierReview(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: SignReviewBody,
): Promise<void> {
  const signer = requireSigningPerson(principal, 'sign a supplier review');
  const occurrence = await findOccurrenceCovering(ctx, {
    control: SUPPLIER_REVIEW_CONTROL,
    asset: null,
    instant: ctx.clock.now(),
  });
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await supplierReviewRepository.lockForUpdate(tx.trx, id);
    if (!locked) throw notFound('Supplier review');
    const allowed = decideSecondPersonSigning(principal, signReviewRule(locked));
    if (!allowed.allowed) throw new AppError(allowed.code, allowed.reason);
    const review = (await supplierReviewRepository.get(tx.trx, id))!;
    const cuecs = await supplierReviewRepository.cuecs(tx.trx, id);
    const evidence = await listAttachments(tx.trx, SUPPLIER_REVIEW_RECORD, id);
    const unchecked = cuecs.filter((cuec) => cuec.in_place === null);
    if (unchecked.length > 0) {
      throw new AppError(
        'conflict',
        `Check every CUEC before signing: ${unchecked.map((c) => c.position).join(', ')} not checked`,
      );
    }
    if (evidence.length === 0) {
      throw new AppError(
        'conflict',
        "Attach the supplier's report or certificate before signing the review",
      );
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: SUPPLIER_REVIEW_RECORD,
      entityId: id,
      meaning: SUPPLIER_REVIEW_MEANING,
      note: input.note,
      credentials: signerCredentialsOf(input),
      record: {
        supplier: review.supplier_key,
        reportKind: review.report_kind,
        reportTitle: review.report_title,
        periodFrom: review.period_from,
        periodTo: review.period_to,
        opinion: review.opinion,
        exceptions: review.exceptions,
        bridgeLetterThrough: review.bridge_letter_through,
        cuecs: cuecs.map((c) => ({ text: c.text, inPlace: c.in_place, comment: c.comment })),
        findings: review.findings,
        decision: input.decision,
        conditions: input.conditions,
        nextReviewDue: input.nextReviewDue,
        evidence: evidence.map((file) => ({ filename: file.filename, sha256: file.sha256 })),
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await supplierReviewRepository.update(tx.trx, id, {
      status: 'signed',
      decision: input.decision,
      conditions: input.conditions,
      next_review_due: input.nextReviewDue,
      signature_id: signed.signatureId,
      signed_at: tx.now,
      signed_by: signed.signerLabel,
      updated_at: tx.now,
    });
    await supplierReviewRepository.insertEvent(tx.trx, {
      supplier_id: review.supplier_id,
      kind: 'review',
      at: tx.now,
      title: `Review of ${review.report_title}: ${input.decision.replaceAll('_', ' ')}`,
      detail: input.conditions,
      incident_id: null,
      review_id: id,
      recorded_by: signed.signerLabel,
      recorded_at: tx.now,
    });
    await tx.audit({
      action: 'supplier_review.signed',
      entityType: 'supplier_review',
      entityId: id,
      after: {
        supplier: review.supplier_key,
        decision: input.decision,
        conditions: input.conditions,
        nextReviewDue: input.nextReviewDue,
        signatureId: signed.signatureId,
      },
    });
    if (occurrence) await satisfyWhenEverySupplierReviewed(tx, occurrence, signed.signatureId);
    return { refused: null };
  });
  throwIfRefused(outcome);
}

/** The year's review occurrence is met once no supplier of a registered asset is left unreviewed. */
async function satisfyWhenEverySupplierReviewed(
  tx: AuditedTransaction,
  occurrence: CoveringOccurrence,
  signatureId: string,
): Promise<void> {
  const unreviewed = await supplierReviewRepository.suppliersWithAssetsUnreviewed(
    tx.trx,
    occurrence.opensAt,
    occurrence.closesAt,
  );
  if (unreviewed.length > 0) return;
  await satisfyOccurrence(tx, occurrence, {
    note: 'Every supplier of a registered asset has a signed review in the period',
    signatureId,
  });
}
