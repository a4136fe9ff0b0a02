import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { listSignatures } from '../signatures/list-signatures.js';
import type { StoredQuiz } from '../training/quiz.js';
import { moveVersion } from './advance-document-version.js';
import type {
  DocumentDetail,
  DocumentSummary,
  DocumentVersionView,
  ListDocumentsQuery,
} from './document.schema.js';
import { documentReviewRepository } from './document-review.repository.js';
import type { DocumentStatus } from './document-status.js';
import {
  documentRepository,
  type DocumentRow,
  type DocumentVersionRow,
} from './documents.repository.js';
import type { TrainingMode } from './front-matter.js';
import { renderMarkdown } from './render-markdown.js';
import { decideSignoff } from './sign-document-version.js';
import { versionSigners } from './version-facts.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Quiz training without questions: flagged, and read-and-acknowledge until they are attached. */
export const quizMissing = (version: Pick<DocumentVersionRow, 'training' | 'quiz'>): boolean =>
  version.training?.mode === 'quiz' &&
  (version.quiz === null || version.quiz.questions.length === 0);

/** One version as the API shows it: every front matter field, the sign-offs and who is still to sign. */
export async function toVersionView(
  ctx: Pick<AppContext, 'db'>,
  version: DocumentVersionRow,
): Promise<DocumentVersionView> {
  const { facts, signoffs } = await versionSigners(ctx.db, version);
  const attestation = version.attestation_signature_id
    ? (await listSignatures(ctx, 'document_version', version.id)).find(
        (signature) => signature.id === version.attestation_signature_id,
      )
    : undefined;
  return {
    id: version.id,
    version: version.version,
    status: version.status as DocumentStatus,
    title: version.title,
    author: version.author,
    reviewers: version.reviewers,
    approvers: version.approvers,
    training: version.training && {
      requiredDepartments: version.training.requiredDepartments,
      mode: version.training.mode as TrainingMode,
      dueDays: version.training.dueDays,
    },
    frontMatter: version.front_matter,
    unknownFields: version.unknown_fields,
    contentSha256: version.content_sha256,
    effectiveDate: version.effective_date,
    reviewDueOn: version.review_due_on,
    quiz: version.quiz && {
      passMark: version.quiz.passMark,
      questionCount: version.quiz.questions.length,
    },
    quizMissing: quizMissing(version),
    importedAt: version.imported_at.toISOString(),
    importedBy: version.imported_by,
    approvedAt: iso(version.approved_at),
    effectiveAt: iso(version.effective_at),
    supersededAt: iso(version.superseded_at),
    retiredAt: iso(version.retired_at),
    approvalAttested: attestation
      ? {
          signatureId: attestation.id,
          signerLabel: attestation.signerLabel,
          note: attestation.note,
          signedAt: attestation.signedAt.toISOString(),
        }
      : null,
    signoffs: signoffs.map((row) => ({
      kind: row.kind as 'reviewed' | 'approved',
      name: row.name,
      signatureId: row.signature_id,
      signerLabel: row.signer_label,
      signedAt: row.signed_at.toISOString(),
    })),
    reviewsOutstanding: [...facts.reviewsOutstanding],
    approvalsOutstanding: [...facts.approvalsOutstanding],
    unmappedNames: [...facts.unmappedNames],
  };
}

const cursorKey = z.tuple([z.string()]);

/** Documents by id (key), each with its latest version's number and status, a page at a time. */
export async function listDocuments(
  ctx: Pick<AppContext, 'db'>,
  query: ListDocumentsQuery,
): Promise<Page<DocumentSummary>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await documentRepository.page(ctx.db, {
    afterKey: after?.[0],
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.key],
    (row) => ({
      id: row.id,
      key: row.key,
      title: row.title,
      owner: row.owner,
      version: row.version,
      status: row.status as DocumentStatus,
      effectiveVersion: row.effective_version,
      contentSha256: row.content_sha256,
      reviewDueOn: row.review_due_on,
      quizMissing: quizMissing(row),
      updatedAt: row.updated_at.toISOString(),
    }),
  );
}

async function requireDocument(ctx: Pick<AppContext, 'db'>, key: string): Promise<DocumentRow> {
  const document = await documentRepository.findByKey(ctx.db, key);
  if (!document) throw notFound('Document');
  return document;
}

/** A document: its latest and effective versions, change history, links, and what the caller may sign. */
export async function getDocument(
  ctx: Pick<AppContext, 'db'>,
  key: string,
  principal: Principal | null,
): Promise<DocumentDetail> {
  const document = await requireDocument(ctx, key);
  const versions = await documentRepository.versions(ctx.db, document.id);
  const latest = versions[0]!;
  const effectiveRow = versions.find((version) => version.status === 'effective');
  const [current, effective, history, links, reviewOccurrences, periodicReviews] =
    await Promise.all([
      toVersionView(ctx, latest),
      effectiveRow ? toVersionView(ctx, effectiveRow) : Promise.resolve(null),
      documentRepository.events(ctx.db, document.id),
      documentRepository.links(ctx.db, document.id),
      documentReviewRepository.occurrences(ctx.db, document.id),
      documentReviewRepository.periodicReviews(ctx.db, document.id),
    ]);
  const abilityFor = async (kind: 'reviewed' | 'approved') => {
    if (!principal || principal.via !== 'session') {
      return { allowed: false, names: [], reason: null };
    }
    const signers = await versionSigners(ctx.db, latest);
    const email = await documentRepository.emailOf(ctx.db, principal.userId);
    const decision = decideSignoff(latest, signers, principal.userId, email, kind);
    return decision.allowed
      ? { allowed: true, names: decision.names, reason: null }
      : { allowed: false, names: decision.names, reason: decision.reason };
  };
  return {
    id: document.id,
    key: document.key,
    title: document.title,
    owner: document.owner,
    version: latest.version,
    status: latest.status as DocumentStatus,
    effectiveVersion: effectiveRow?.version ?? null,
    contentSha256: latest.content_sha256,
    reviewDueOn: latest.review_due_on,
    quizMissing: quizMissing(latest),
    updatedAt: document.updated_at.toISOString(),
    current,
    effective,
    history: history.map((event) => ({
      kind: event.kind,
      version: event.version,
      text: event.text,
      at: event.at.toISOString(),
      by: event.by,
    })),
    links: links.map((link) => ({
      kind: link.target_kind as 'requirement' | 'control',
      key: link.target_key,
    })),
    periodicReview: {
      occurrences: reviewOccurrences.map((row) => ({
        occurrenceId: row.occurrence_id,
        version: row.version,
        reviewDueOn: row.review_due_on,
        openedAt: row.opened_at.toISOString(),
        metAt: row.met_at?.toISOString() ?? null,
        metBy: row.met_by,
      })),
      reviews: periodicReviews.map((row) => ({
        version: row.version,
        reviewDueOn: row.review_due_on,
        nextReviewDueOn: row.next_review_due_on,
        note: row.note,
        signatureId: row.signature_id,
        signerLabel: row.signer_label,
        reviewedAt: row.reviewed_at.toISOString(),
      })),
    },
    abilities: { review: await abilityFor('reviewed'), approve: await abilityFor('approved') },
  };
}

/** Every version of a document, newest first. */
export async function listDocumentVersions(
  ctx: Pick<AppContext, 'db'>,
  key: string,
): Promise<{ items: DocumentVersionView[] }> {
  const document = await requireDocument(ctx, key);
  const versions = await documentRepository.versions(ctx.db, document.id);
  return { items: await Promise.all(versions.map((version) => toVersionView(ctx, version))) };
}

/** One version's text: the Markdown as imported (without front matter) and as safe HTML. */
export async function getDocumentBody(
  ctx: Pick<AppContext, 'db'>,
  key: string,
  versionNumber: number | undefined,
): Promise<{
  version: number;
  markdown: string;
  html: string;
  row: DocumentVersionRow;
  document: DocumentRow;
}> {
  const document = await requireDocument(ctx, key);
  const version =
    versionNumber === undefined
      ? ((await documentRepository.effectiveVersion(ctx.db, document.id)) ??
        (await documentRepository.latestVersion(ctx.db, document.id)))
      : await documentRepository.version(ctx.db, document.id, versionNumber);
  if (!version) throw notFound('Document version');
  return {
    version: version.version,
    markdown: version.body,
    html: renderMarkdown(version.body),
    row: version,
    document,
  };
}

/** A document and one of its versions, locked for the change; 404 when either is missing. */
export async function lockVersion(
  tx: AuditedTransaction,
  key: string,
  versionNumber: number,
): Promise<{ document: DocumentRow; version: DocumentVersionRow }> {
  const document = await documentRepository.findByKeyForUpdate(tx.trx, key);
  if (!document) throw notFound('Document');
  const version = await documentRepository.versionForUpdate(tx.trx, document.id, versionNumber);
  if (!version) throw notFound('Document version');
  return { document, version };
}

/** Submits a draft for review, or retires a version (never deleted). */
export async function transitionDocumentVersion(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  key: string,
  versionNumber: number,
  input: { to: 'in_review' | 'retired'; note: string },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const { document, version } = await lockVersion(tx, key, versionNumber);
    const { facts } = await versionSigners(tx.trx, version);
    await moveVersion(tx, document, version, facts, input.to, input.note);
  });
}

/** Attaches (or replaces) a version's quiz; the quiz of an effective version too, for its training. */
export async function attachQuiz(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  key: string,
  versionNumber: number,
  quiz: StoredQuiz,
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const { document, version } = await lockVersion(tx, key, versionNumber);
    if (version.status === 'superseded' || version.status === 'retired') {
      throw new AppError('conflict', `v${version.version} is ${version.status}`);
    }
    await documentRepository.setQuiz(tx.trx, version.id, quiz);
    await documentRepository.addEvent(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      kind: 'quiz',
      text: `quiz of ${quiz.questions.length} questions attached (pass mark ${quiz.passMark}%)`,
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'document.quiz_attached',
      entityType: 'document_version',
      entityId: version.id,
      after: { document: key, version: versionNumber, quiz },
    });
  });
}

/** The names mapped to people in the settings. */
export async function listSignerMappings(ctx: Pick<AppContext, 'db'>) {
  const rows = await documentRepository.mappings(ctx.db);
  const byName = new Map<
    string,
    { name: string; emails: string[]; mappedBy: string; mappedAt: string }
  >();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? {
      name: row.name,
      emails: [],
      mappedBy: row.mapped_by,
      mappedAt: row.mapped_at.toISOString(),
    };
    entry.emails.push(row.email);
    byName.set(row.name, entry);
  }
  return { items: [...byName.values()] };
}

/** Maps a reviewer or approver name (e.g. quality-lead) to people; an empty list removes it. */
export async function mapSignerName(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  name: string,
  emails: string[],
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const users = await documentRepository.usersByEmail(tx.trx, emails);
    const missing = emails.filter(
      (email) => !users.some((user) => user.email.toLowerCase() === email.toLowerCase()),
    );
    if (missing.length > 0) {
      throw new AppError('validation_failed', 'Every e-mail must be an active user', {
        issues: missing.map((email) => ({
          path: 'body.emails',
          message: `${email} is no active user`,
        })),
      });
    }
    await documentRepository.replaceMapping(tx.trx, {
      name,
      userIds: users.map((user) => user.id),
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'document.signer_mapped',
      entityType: 'document_signer_mapping',
      entityId: name,
      after: { name, emails: users.map((user) => user.email) },
    });
  });
}

/** Links a document to a catalogue requirement or control (the pack then holds it). */
export async function linkDocument(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  key: string,
  link: { kind: 'requirement' | 'control'; key: string },
): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const document = await documentRepository.findByKeyForUpdate(tx.trx, key);
    if (!document) throw notFound('Document');
    if (!(await documentRepository.catalogueEntryExists(tx.trx, link.kind, link.key))) {
      throw new AppError('validation_failed', `No ${link.kind} ${link.key} in the catalogue`, {
        issues: [{ path: 'body.key', message: `is no ${link.kind} of the catalogue` }],
      });
    }
    await documentRepository.addLink(tx.trx, {
      documentId: document.id,
      kind: link.kind,
      key: link.key,
      by: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'document.linked',
      entityType: 'document',
      entityId: document.id,
      after: { document: key, ...link },
    });
  });
}
