import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { can } from '../../platform/auth/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { listAttachments } from '../attachments/list-attachments.js';
import { getSupplier } from '../register/supplier.service.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { listSignatures } from '../signatures/list-signatures.js';
import { signReviewRule, SUPPLIER_REVIEW_MEANING } from './sign-supplier-review.js';
import {
  supplierReviewRepository,
  type CuecRow,
  type ReviewRow,
} from './supplier-review.repository.js';
import type {
  CheckCuecBody,
  CreateReviewBody,
  CuecView,
  Decision,
  ListReviewsQuery,
  Opinion,
  ReportKind,
  ReviewDetail,
  ReviewStatus,
  ReviewView,
  UpdateReviewBody,
} from './supplier-review.schema.js';
import { SUPPLIER_REVIEW_RECORD } from './supplier-review.schema.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

export function toReviewView(row: ReviewRow): ReviewView {
  return {
    id: row.id,
    supplier: { key: row.supplier_key, name: row.supplier_name },
    status: row.status as ReviewStatus,
    reportKind: row.report_kind as ReportKind,
    reportTitle: row.report_title,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    opinion: row.opinion as Opinion,
    exceptions: row.exceptions,
    bridgeLetterThrough: row.bridge_letter_through,
    findings: row.findings,
    nextReviewDue: row.next_review_due,
    decision: row.decision as Decision | null,
    conditions: row.conditions,
    cuecCount: Number(row.cuec_count ?? 0),
    cuecsChecked: Number(row.cuecs_checked ?? 0),
    signedAt: row.signed_at?.toISOString() ?? null,
    signedBy: row.signed_by,
    signatureId: row.signature_id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toCuecView(row: CuecRow): CuecView {
  return {
    position: row.position,
    text: row.text,
    inPlace: row.in_place,
    comment: row.comment,
    checkedBy: row.checked_by,
    checkedAt: row.checked_at?.toISOString() ?? null,
  };
}

const reviewCursor = z.tuple([cursorInstant.transform((at) => at.toISOString()), z.uuid()]);

/** Supplier reviews, newest first, a page at a time (optionally one supplier's, or by status). */
export async function listSupplierReviews(
  ctx: Ctx,
  query: ListReviewsQuery & { signedFrom?: Date; signedBefore?: Date },
): Promise<Page<ReviewView>> {
  const supplierId = query.supplier ? (await getSupplier(ctx, query.supplier)).id : undefined;
  const rows = await supplierReviewRepository.page(ctx.db, {
    ...(supplierId ? { supplierId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.signedFrom ? { signedFrom: query.signedFrom } : {}),
    ...(query.signedBefore ? { signedBefore: query.signedBefore } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor, reviewCursor) } : {}),
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.created_at.toISOString(), row.id],
    toReviewView,
  );
}

/** One review with its CUECs, evidence files, signature and what the caller may do. */
export async function getSupplierReview(
  ctx: Pick<AppContext, 'db'>,
  id: string,
  principal: Principal | null,
): Promise<ReviewDetail> {
  const row = await supplierReviewRepository.get(ctx.db, id);
  if (!row) throw notFound('Supplier review');
  const [cuecs, evidence, signatures] = await Promise.all([
    supplierReviewRepository.cuecs(ctx.db, id),
    listAttachments(ctx.db, SUPPLIER_REVIEW_RECORD, id),
    listSignatures(ctx, SUPPLIER_REVIEW_RECORD, id),
  ]);
  const signature = signatures.find((s) => s.meaning === SUPPLIER_REVIEW_MEANING) ?? null;
  const editable = principal !== null && can(principal.actor.role, 'suppliers:review');
  return {
    ...toReviewView(row),
    cuecs: cuecs.map(toCuecView),
    evidence,
    signature: signature && {
      signerLabel: signature.signerLabel,
      signerRole: signature.signerRole,
      meaning: signature.meaning,
      method: signature.method,
      recordSha256: signature.recordSha256,
      signedAt: signature.signedAt.toISOString(),
    },
    abilities: {
      edit:
        row.status === 'draft'
          ? { allowed: editable, reason: null }
          : {
              allowed: false,
              reason: editable ? 'The review is signed and can no longer change' : null,
            },
      sign: abilityOf(decideSecondPersonSigning(principal, signReviewRule(row))),
    },
  };
}

/** Locks a draft review for a change; a signed one is a record and refuses every change. */
export async function lockDraftReview(tx: AuditedTransaction, id: string) {
  const row = await supplierReviewRepository.lockForUpdate(tx.trx, id);
  if (!row) throw notFound('Supplier review');
  if (row.status !== 'draft') {
    throw new AppError('conflict', 'The review is signed and can no longer change');
  }
  return row;
}

/** Starts the review of a supplier's report or certificate, with the CUECs it names. */
export async function createSupplierReview(
  ctx: Ctx,
  actor: Actor,
  supplierKey: string,
  input: CreateReviewBody,
): Promise<string> {
  const supplier = await getSupplier(ctx, supplierKey);
  return mutate(ctx, actor, async (tx) => {
    const { id } = await supplierReviewRepository.insert(tx.trx, {
      supplier_id: supplier.id,
      status: 'draft' satisfies ReviewStatus,
      report_kind: input.reportKind,
      report_title: input.reportTitle,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      opinion: input.opinion,
      exceptions: input.exceptions,
      bridge_letter_through: input.bridgeLetterThrough,
      findings: input.findings,
      next_review_due: input.nextReviewDue,
      created_at: tx.now,
      created_by: actor.label,
      updated_at: tx.now,
    });
    await supplierReviewRepository.insertCuecs(tx.trx, id, input.cuecs, 1);
    await tx.audit({
      action: 'supplier_review.created',
      entityType: 'supplier_review',
      entityId: id,
      after: { supplier: supplier.key, ...input },
    });
    return id;
  });
}

/** Changes the report details or findings of a draft review. */
export async function updateSupplierReview(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: UpdateReviewBody,
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    await lockDraftReview(tx, id);
    const before = toReviewView((await supplierReviewRepository.get(tx.trx, id))!);
    const merged = { ...before, ...patch };
    if (merged.periodFrom && merged.periodTo && merged.periodFrom > merged.periodTo) {
      throw new AppError('validation_failed', 'The period ends before it starts', {
        issues: [{ path: 'body.periodTo', message: 'must not be before periodFrom' }],
      });
    }
    await supplierReviewRepository.update(tx.trx, id, {
      report_kind: merged.reportKind,
      report_title: merged.reportTitle,
      period_from: merged.periodFrom,
      period_to: merged.periodTo,
      opinion: merged.opinion,
      exceptions: merged.exceptions,
      bridge_letter_through: merged.bridgeLetterThrough,
      findings: merged.findings,
      next_review_due: merged.nextReviewDue,
      updated_at: tx.now,
    });
    await tx.audit({
      action: 'supplier_review.updated',
      entityType: 'supplier_review',
      entityId: id,
      before: Object.fromEntries(
        Object.keys(patch).map((key) => [key, before[key as keyof ReviewView]]),
      ),
      after: patch,
    });
  });
}

/** Adds a complementary user-entity control to a draft review's checklist. */
export async function addSupplierReviewCuec(
  ctx: Ctx,
  actor: Actor,
  id: string,
  text: string,
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    await lockDraftReview(tx, id);
    const existing = await supplierReviewRepository.cuecs(tx.trx, id);
    const position = (existing.at(-1)?.position ?? 0) + 1;
    await supplierReviewRepository.insertCuecs(tx.trx, id, [text], position);
    await tx.audit({
      action: 'supplier_review.cuec_added',
      entityType: 'supplier_review',
      entityId: id,
      after: { position, text },
    });
  });
}

/** Records whether the organisation operates one CUEC of a draft review, and how. */
export async function checkSupplierReviewCuec(
  ctx: Ctx,
  actor: Actor,
  id: string,
  position: number,
  input: CheckCuecBody,
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    await lockDraftReview(tx, id);
    const checked = await supplierReviewRepository.checkCuec(tx.trx, id, position, {
      in_place: input.inPlace,
      comment: input.comment,
      checked_by: actor.label,
      checked_at: tx.now,
    });
    if (!checked) throw notFound(`CUEC ${position} of the review`);
    await tx.audit({
      action: 'supplier_review.cuec_checked',
      entityType: 'supplier_review',
      entityId: id,
      after: { position, text: checked.text, inPlace: input.inPlace, comment: input.comment },
    });
  });
}
