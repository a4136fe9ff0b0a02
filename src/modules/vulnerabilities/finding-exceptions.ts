import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { exceptionApprovalRule } from './finding-exception-rule.js';
import { getFinding, toFindingView } from './list-findings.js';
import {
  MAX_EXCEPTION_DAYS,
  type FindingDetail,
  type FindingView,
  type RequestExceptionBody,
} from './vulnerability.schema.js';
import { vulnerabilityRepository } from './vulnerability.repository.js';

const DAY_MS = 86_400_000;

/** What an approval signs about the finding: its identity and deadline, not its status of the moment. */
function signedFindingFacts(view: FindingView) {
  return {
    id: view.id,
    assetKey: view.assetKey,
    vulnerabilityId: view.vulnerabilityId,
    packageName: view.packageName,
    installedVersion: view.installedVersion,
    severity: view.severity,
    firstSeenAt: view.firstSeenAt,
    slaDueAt: view.slaDueAt,
  };
}

/**
 * Requests a risk acceptance for an unfixed finding: a reason and an expiry (in the future, at
 * most a year away). It holds nothing until a second person approves it by signature.
 */
export async function requestFindingException(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  findingId: string,
  body: RequestExceptionBody,
): Promise<FindingDetail> {
  const expiresAt = new Date(body.expiresAt);
  await mutate(ctx, principal.actor, async (tx) => {
    const finding = await vulnerabilityRepository.lockFinding(tx.trx, findingId);
    if (!finding) throw notFound('Finding');
    if (finding.fixed_at !== null) {
      throw new AppError('conflict', 'The finding is fixed; there is nothing to accept');
    }
    if (
      expiresAt <= tx.now ||
      expiresAt.getTime() - tx.now.getTime() > MAX_EXCEPTION_DAYS * DAY_MS
    ) {
      throw new AppError(
        'validation_failed',
        `The expiry must be in the future and at most ${MAX_EXCEPTION_DAYS} days away`,
        {
          issues: [
            {
              path: 'body.expiresAt',
              message: `must be in the future and at most ${MAX_EXCEPTION_DAYS} days away`,
            },
          ],
        },
      );
    }
    const exception = await vulnerabilityRepository.insertException(tx.trx, {
      findingId,
      reason: body.reason,
      expiresAt,
      requestedById: principal.via === 'session' ? principal.userId : null,
      requestedByLabel: principal.actor.label,
      at: tx.now,
    });
    await tx.audit({
      action: 'finding-exception.requested',
      entityType: 'finding_exception',
      entityId: exception.id,
      after: { findingId, reason: body.reason, expiresAt: expiresAt.toISOString() },
    });
  });
  return getFinding(ctx, principal, findingId);
}

/**
 * Approves a requested exception with an e-signature meaning "approved": a member of Security
 * other than the requester re-authenticates. The finding is then accepted until the exception
 * expires; after that its SLA deadline (never moved) applies again.
 */
export async function approveFindingException(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  ids: { findingId: string; exceptionId: string },
  input: { credentials: SignerCredentials; note: string },
): Promise<FindingDetail> {
  const signer = requireSigningPerson(principal, 'approve a risk acceptance');
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const [finding] = await vulnerabilityRepository.list(tx.trx, {
      ids: [ids.findingId],
      at: tx.now,
      limit: 1,
    });
    const exception =
      finding &&
      (await vulnerabilityRepository.lockException(tx.trx, ids.findingId, ids.exceptionId));
    if (!finding || !exception) throw notFound('Exception');
    const view = toFindingView(finding, tx.now);
    const decision = decideSecondPersonSigning(
      signer,
      exceptionApprovalRule(exception, view, tx.now),
    );
    if (!decision.allowed) throw new AppError(decision.code, decision.reason);
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'finding_exception',
      entityId: exception.id,
      meaning: 'approved',
      note: input.note,
      credentials: input.credentials,
      record: {
        finding: signedFindingFacts(view),
        reason: exception.reason,
        expiresAt: exception.expires_at.toISOString(),
        requestedBy: exception.requested_by_label,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await vulnerabilityRepository.approveException(tx.trx, {
      exceptionId: exception.id,
      findingId: ids.findingId,
      approvedById: signed.signerId,
      approvedByLabel: signed.signerLabel,
      signatureId: signed.signatureId,
      at: tx.now,
      expiresAt: exception.expires_at,
    });
    await tx.audit({
      action: 'finding-exception.approved',
      entityType: 'finding_exception',
      entityId: exception.id,
      before: { status: exception.status },
      after: {
        status: 'approved',
        signatureId: signed.signatureId,
        expiresAt: exception.expires_at.toISOString(),
      },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
  return getFinding(ctx, principal, ids.findingId);
}
