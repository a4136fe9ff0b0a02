import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';
import { applyEffectiveDateIfDue, moveVersion } from './advance-document-version.js';
import type { SignDocumentBody } from './document.schema.js';
import { decideDocumentTransition } from './document-status.js';
import { documentRepository, type DocumentVersionRow } from './documents.repository.js';
import { versionSigners, type VersionSigners } from './version-facts.js';

export type SignoffKind = 'reviewed' | 'approved';

/**
 * Which names a person may sign for now, and why not: reviewers sign "reviewed", approvers
 * "approved", each name once, while the version is in review; no approval before every review,
 * nor while a name is unmapped; the author does not approve their own document.
 */
export function decideSignoff(
  version: Pick<DocumentVersionRow, 'status' | 'author'>,
  signers: VersionSigners,
  userId: string,
  userEmail: string,
  kind: SignoffKind,
): { allowed: true; names: string[] } | { allowed: false; reason: string; names: string[] } {
  const { facts, peopleByName } = signers;
  const outstanding = kind === 'reviewed' ? facts.reviewsOutstanding : facts.approvalsOutstanding;
  const names = outstanding.filter((name) => peopleByName.get(name)?.has(userId));
  if (version.status !== 'in_review') {
    return { allowed: false, names, reason: `the version is ${version.status}, not in review` };
  }
  if (names.length === 0) {
    return {
      allowed: false,
      names,
      reason: `you are not among the ${kind === 'reviewed' ? 'reviewers' : 'approvers'} still to sign (${outstanding.join(', ') || 'none'})`,
    };
  }
  if (kind === 'approved') {
    if (facts.unmappedNames.length > 0) {
      return {
        allowed: false,
        names,
        reason: `map ${facts.unmappedNames.join(', ')} to people in the settings first`,
      };
    }
    if (facts.reviewsOutstanding.length > 0) {
      return {
        allowed: false,
        names,
        reason: `no approval before the review of ${facts.reviewsOutstanding.join(', ')}`,
      };
    }
    if (version.author.toLowerCase() === userEmail.toLowerCase()) {
      return { allowed: false, names, reason: 'the author cannot approve their own document' };
    }
  }
  return { allowed: true, names };
}

/**
 * Signs a version in review as reviewer ("reviewed") or approver ("approved") with
 * re-authentication, for each name the signer answers to (or the one named). The last approval
 * approves the version, which then becomes effective at once unless its effective date is later.
 */
export async function signDocumentVersion(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  key: string,
  versionNumber: number,
  input: SignDocumentBody,
): Promise<void> {
  const signer = requireSigningPerson(principal, 'sign a document');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const document = await documentRepository.findByKeyForUpdate(tx.trx, key);
    if (!document) throw notFound('Document');
    const version = await documentRepository.versionForUpdate(tx.trx, document.id, versionNumber);
    if (!version) throw notFound('Document version');
    const allowedByRole = decideSecondPersonSigning(principal, {
      permission: 'documents:sign',
      state: { open: true },
      doneBy: null,
      ownWorkReason: '',
    });
    if (!allowedByRole.allowed) throw new AppError(allowedByRole.code, allowedByRole.reason);
    const email = await documentRepository.emailOf(tx.trx, signer.userId);
    const signers = await versionSigners(tx.trx, version);
    const decision = decideSignoff(version, signers, signer.userId, email, input.meaning);
    if (!decision.allowed) throw new AppError('conflict', `Cannot sign: ${decision.reason}`);
    const names =
      input.name === undefined
        ? decision.names
        : decision.names.filter((name) => name.toLowerCase() === input.name!.toLowerCase());
    if (names.length === 0) {
      throw new AppError('validation_failed', `You do not sign for ${input.name}`, {
        issues: [{ path: 'body.name', message: `must be one of ${decision.names.join(', ')}` }],
      });
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'document_version',
      entityId: version.id,
      meaning: input.meaning,
      note: input.note || `for ${names.join(', ')}`,
      credentials: signerCredentialsOf(input),
      record: {
        document: document.key,
        version: version.version,
        contentSha256: version.content_sha256,
        meaning: input.meaning,
        names,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await documentRepository.addSignoffs(
      tx.trx,
      names.map((name) => ({
        versionId: version.id,
        kind: input.meaning,
        name,
        signatureId: signed.signatureId,
        signerId: signed.signerId,
        signerLabel: signed.signerLabel,
        now: tx.now,
      })),
    );
    await documentRepository.addEvent(tx.trx, {
      documentId: document.id,
      versionId: version.id,
      kind: input.meaning,
      text: `v${version.version} ${input.meaning} by ${signed.signerLabel} for ${names.join(', ')}`,
      by: signed.signerLabel,
      now: tx.now,
    });
    const after = await versionSigners(tx.trx, version);
    if (decideDocumentTransition(after.facts, 'approved').ok) {
      await moveVersion(
        tx,
        document,
        version,
        after.facts,
        'approved',
        'every reviewer and approver signed',
      );
      await applyEffectiveDateIfDue(tx, ctx.config.timezone, document, version);
    }
    return { refused: null };
  });
  throwIfRefused(outcome);
}
