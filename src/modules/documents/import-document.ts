import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { addMonths, dateInZone } from '../../platform/time/zoned-time.js';
import { quizInputSchema, toStoredQuiz, type StoredQuiz } from '../training/quiz.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { applyEffectiveDateIfDue } from './advance-document-version.js';
import type { ImportDocumentBody, ImportDocumentResult } from './document.schema.js';
import type { DocumentStatus } from './document-status.js';
import { documentRepository } from './documents.repository.js';
import { parseControlledDocument, parseStrictYaml, type ParsedDocument } from './front-matter.js';
import { versionSigners } from './version-facts.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

/** What the importer's signature on an approval given outside Plumbline means. */
export const APPROVAL_ATTESTED_MEANING = 'approval-attested';

/** The sibling quiz file, checked like the front matter: 400 naming the question, nothing stored. */
export function parseQuizYaml(text: string): StoredQuiz {
  const parsed = quizInputSchema.safeParse(parseStrictYaml(text, 'quiz'));
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The quiz is not valid', {
      issues: parsed.error.issues.map((issue) => ({
        path: ['quiz', ...issue.path].join('.'),
        message: issue.message,
      })),
    });
  }
  return toStoredQuiz(parsed.data);
}

function initialStatus(parsed: ParsedDocument, attested: boolean): DocumentStatus {
  switch (parsed.frontMatter.status) {
    case 'draft':
      return 'draft';
    case 'in_review':
      return 'in_review';
    case 'approved':
    case 'effective':
      return attested ? 'approved' : 'in_review';
  }
}

/**
 * Imports a controlled document (Markdown with the seed SOP's front matter). The first import of
 * an id is version 1 (or the file's `version`); a changed file is the next version (an explicit
 * `version` must be higher than the current one); the same file again is already recorded. A file
 * with status approved keeps it only when the importer signs that the approval was given outside
 * Plumbline; otherwise it enters review. Earlier versions still on their way are retired by the
 * new one. Everything is checked before anything is stored.
 */
export async function importDocument(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  input: ImportDocumentBody,
): Promise<ImportDocumentResult> {
  const parsed = parseControlledDocument(input.markdown);
  const quiz = input.quizYaml === undefined ? null : parseQuizYaml(input.quizYaml);
  const fm = parsed.frontMatter;
  const wantsApproval = fm.status === 'approved' || fm.status === 'effective';
  if (input.attestApproval && !wantsApproval) {
    throw new AppError('validation_failed', 'Only an approved document can be attested', {
      issues: [{ path: 'body.attestApproval', message: `the file's status is ${fm.status}` }],
    });
  }
  const signer = input.attestApproval
    ? requireSigningPerson(principal, 'attest an approval given outside Plumbline')
    : null;
  const contentSha256 = createHash('sha256').update(input.markdown).digest('hex');

  const outcome = await mutate(ctx, principal.actor, async (tx) => {
    const existing = await documentRepository.findByKeyForUpdate(tx.trx, fm.id);
    const latest = existing
      ? await documentRepository.latestVersion(tx.trx, existing.id)
      : undefined;
    if (existing && latest && latest.content_sha256 === contentSha256) {
      const { facts } = await versionSigners(tx.trx, latest);
      await tx.audit({
        action: 'document.import_already_recorded',
        entityType: 'document_version',
        entityId: latest.id,
        after: { document: fm.id, version: latest.version, contentSha256 },
      });
      return {
        refused: null,
        result: {
          received: 1,
          created: 0,
          alreadyRecorded: 1,
          key: existing.key,
          version: latest.version,
          status: latest.status as DocumentStatus,
          contentSha256,
          unmappedNames: [...facts.unmappedNames],
          notes: [`v${latest.version} already holds this content`],
        },
      };
    }
    if (latest && fm.version !== undefined && fm.version <= latest.version) {
      throw new AppError('validation_failed', 'The version must increase', {
        issues: [
          {
            path: 'frontMatter.version',
            message: `is ${fm.version}; the current version of ${fm.id} is ${latest.version}`,
          },
        ],
      });
    }
    const versionNumber = fm.version ?? (latest ? latest.version + 1 : 1);
    // Signed first, before anything is stored: a refused signature leaves only its audit entry.
    const versionId = randomUUID();
    let attestation: { signatureId: string; signerLabel: string; note: string } | null = null;
    if (signer && input.attestApproval) {
      const signed = await signRecord(ctx, tx, signer, {
        entityType: 'document_version',
        entityId: versionId,
        meaning: APPROVAL_ATTESTED_MEANING,
        note: input.attestApproval.note,
        credentials: signerCredentialsOf(input.attestApproval),
        record: { document: fm.id, version: versionNumber, contentSha256 },
      });
      if (!signed.ok) return { refused: signed.reason, result: null };
      attestation = {
        signatureId: signed.signatureId,
        signerLabel: signed.signerLabel,
        note: input.attestApproval.note,
      };
    }
    const document =
      existing ??
      (await documentRepository.insertDocument(tx.trx, {
        key: fm.id,
        title: fm.title,
        owner: fm.author,
        by: tx.actor.label,
        now: tx.now,
      }));
    if (existing) {
      await documentRepository.updateDocument(tx.trx, existing.id, {
        title: fm.title,
        owner: fm.author,
        now: tx.now,
      });
    }
    const notes: string[] = [];
    for (const pending of existing
      ? await documentRepository.pendingVersions(tx.trx, document.id)
      : []) {
      await documentRepository.updateVersion(tx.trx, pending.id, {
        status: 'retired',
        retired_at: tx.now,
      });
      await documentRepository.addEvent(tx.trx, {
        documentId: document.id,
        versionId: pending.id,
        kind: 'retired',
        text: `v${pending.version} ${pending.status} → retired: replaced by v${versionNumber} before it became effective`,
        by: tx.actor.label,
        now: tx.now,
      });
      notes.push(
        `v${pending.version} (${pending.status}) retired: replaced before it became effective`,
      );
    }
    const today = dateInZone(tx.now, ctx.config.timezone);
    let status = initialStatus(parsed, input.attestApproval !== undefined);
    const version = await documentRepository.insertVersion(tx.trx, {
      id: versionId,
      attestationSignatureId: attestation?.signatureId ?? null,
      approvedAt: attestation ? tx.now : null,
      documentId: document.id,
      version: versionNumber,
      status,
      title: fm.title,
      author: fm.author,
      reviewers: fm.reviewers,
      approvers: fm.approvers,
      training: fm.training
        ? {
            requiredDepartments: fm.training.required_departments,
            mode: fm.training.training_mode,
            dueDays: fm.training.due_days,
          }
        : null,
      frontMatter: parsed.raw,
      unknownFields: parsed.unknown,
      body: parsed.body,
      source: input.markdown,
      contentSha256,
      effectiveDate: fm.effective_date ?? null,
      reviewDueOn: fm.review_date ?? addMonths(fm.effective_date ?? today, 12),
      quiz,
      importedBy: tx.actor.label,
      now: tx.now,
    });
    await documentRepository.addEvent(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      kind: 'imported',
      text: `v${versionNumber} imported as ${status} (SHA-256 ${contentSha256.slice(0, 12)}…)`,
      by: tx.actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: existing ? 'document.revised' : 'document.imported',
      entityType: 'document_version',
      entityId: version.id,
      after: {
        document: fm.id,
        version: versionNumber,
        status,
        contentSha256,
        frontMatter: parsed.raw,
      },
    });
    if (wantsApproval && !signer) {
      notes.push(
        'approved outside Plumbline but not attested by signature: the version enters review',
      );
    }
    if (attestation) {
      await documentRepository.addEvent(tx.trx, {
        documentId: document.id,
        versionId: version.id,
        kind: 'approval_attested',
        text: `approval given outside Plumbline attested by ${attestation.signerLabel}: ${attestation.note}`,
        by: attestation.signerLabel,
        now: tx.now,
      });
      if (await applyEffectiveDateIfDue(tx, ctx.config.timezone, document, version)) {
        status = 'effective';
      }
    }
    const { facts } = await versionSigners(tx.trx, version);
    if (facts.unmappedNames.length > 0) {
      notes.push(
        `map ${facts.unmappedNames.join(', ')} to people in the settings before the version can leave review`,
      );
    }
    return {
      refused: null,
      result: {
        received: 1,
        created: 1,
        alreadyRecorded: 0,
        key: document.key,
        version: versionNumber,
        status,
        contentSha256,
        unmappedNames: [...facts.unmappedNames],
        notes,
      },
    };
  });
  throwIfRefused(outcome);
  return outcome.result!;
}
