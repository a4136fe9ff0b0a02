import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { getAsset } from '../register/asset-queries.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import {
  ACCESS_REQUESTED_TRIGGER,
  type AccessRequestStatus,
  type AccessRequestView,
  type CreateAccessRequestInput,
  type ListAccessRequestsQuery,
} from './access-request.schema.js';
import { findHoldersByEmail } from './find-holders.js';
import { accessRequestsRepository, type AccessRequestRow } from './access-requests.repository.js';

/** Who may approve: `access:approve`, a signed-in person, not the requester, while requested. */
export function approvalRule(row: AccessRequestRow): SecondPersonRule {
  return {
    permission: 'access:approve',
    state:
      row.status === 'requested'
        ? { open: true }
        : { open: false, reason: `The request is already ${row.status}` },
    doneBy: row.requested_by_id,
    ownWorkReason: 'an access request cannot be approved by the person who made it',
  };
}

/** Who may reject: the same second-person rule as approval, with its own refusal. */
export function rejectionRule(row: AccessRequestRow): SecondPersonRule {
  return {
    ...approvalRule(row),
    ownWorkReason: 'an access request cannot be rejected by the person who made it',
  };
}

function signedContent(row: AccessRequestRow) {
  return {
    id: row.id,
    person: row.person_email,
    asset: row.asset_key,
    role: row.role,
    justification: row.justification,
    requestedBy: row.requested_by_label,
    requestedAt: row.requested_at.toISOString(),
  };
}

function toView(row: AccessRequestRow, principal: Principal | null): AccessRequestView {
  return {
    ...signedContent(row),
    status: row.status as AccessRequestStatus,
    approvedBy: row.approved_by_label,
    approvedAt: row.approved_at?.toISOString() ?? null,
    approvalSignatureId: row.approval_signature_id,
    grantedBy: row.granted_by_label,
    grantedAt: row.granted_at?.toISOString() ?? null,
    rejectedBy: row.rejected_by_label,
    rejectedAt: row.rejected_at?.toISOString() ?? null,
    rejectionReason: row.rejection_reason,
    rejectionSignatureId: row.rejection_signature_id,
    abilities: {
      approve: abilityOf(decideSecondPersonSigning(principal, approvalRule(row))),
      reject: abilityOf(decideSecondPersonSigning(principal, rejectionRule(row))),
    },
  };
}

async function load(db: AppContext['db'], id: string): Promise<AccessRequestRow> {
  const row = await accessRequestsRepository.findById(db, id);
  if (!row) throw notFound('Access request');
  return row;
}

export async function getAccessRequest(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal | null,
  id: string,
): Promise<AccessRequestView> {
  return toView(await load(ctx.db, id), principal);
}

export async function listAccessRequests(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal | null,
  query: ListAccessRequestsQuery,
): Promise<Page<AccessRequestView>> {
  const after = query.cursor
    ? decodeCursor(query.cursor, z.tuple([cursorInstant, z.uuid()]))
    : null;
  const rows = await accessRequestsRepository.page(ctx.db, {
    assetKey: query.asset,
    status: query.status,
    after: after ? [after[0].toISOString(), after[1]] : null,
    limit: query.limit,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.requested_at.toISOString(), row.id],
    (row) => toView(row, principal),
  );
}

/** Records a documented request for access: who, to which system, which role, and why. */
export async function createAccessRequest(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  input: CreateAccessRequestInput,
): Promise<AccessRequestView> {
  const actor: Actor = principal.actor;
  const asset = await getAsset(ctx, input.asset);
  const person = (await findHoldersByEmail(ctx.db, [input.person])).get(input.person);
  if (!person) {
    throw new AppError('validation_failed', `No person ${input.person} in the people register`, {
      issues: [{ path: 'body.person', message: 'is not in the people register' }],
    });
  }
  if (person.status !== 'active') {
    throw new AppError('conflict', `${input.person} has left: access cannot be requested for them`);
  }
  const id = await mutate(ctx, actor, async (tx) => {
    const created = await accessRequestsRepository.insert(tx.trx, {
      personId: person.id,
      assetId: asset.id,
      role: input.role,
      justification: input.justification,
      requestedById: actor.id,
      requestedByLabel: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'access-request.created',
      entityType: 'access_request',
      entityId: created,
      after: input,
    });
    return created;
  });
  return getAccessRequest(ctx, principal, id);
}

type SignedDecision = Extract<Awaited<ReturnType<typeof signRecord>>, { ok: true }>;

/**
 * The one path of a signed decision on a request still `requested` (approval or rejection): the
 * second-person rule checked, the row locked, the e-signature over the request, then `apply`.
 */
async function signRequestDecision(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  decision: {
    rule: (row: AccessRequestRow) => SecondPersonRule;
    what: string;
    meaning: 'approved' | 'rejected';
    note: string;
    credentials: SignerCredentials;
    record: (row: AccessRequestRow) => unknown;
    apply: (tx: AuditedTransaction, signed: SignedDecision) => Promise<void>;
  },
): Promise<AccessRequestView> {
  const current = await load(ctx.db, id);
  const allowed = decideSecondPersonSigning(principal, decision.rule(current));
  if (!allowed.allowed) throw new AppError(allowed.code, allowed.reason);
  const signer = requireSigningPerson(principal, decision.what);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await accessRequestsRepository.lock(tx.trx, id);
    if (locked?.status !== 'requested') {
      throw new AppError('conflict', `The request is already ${locked?.status ?? 'gone'}`);
    }
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'access_request',
      entityId: id,
      meaning: decision.meaning,
      note: decision.note,
      credentials: decision.credentials,
      record: decision.record(current),
    });
    if (!signed.ok) return { refused: signed.reason };
    await decision.apply(tx, signed);
    return { refused: null };
  });
  throwIfRefused(outcome);
  return getAccessRequest(ctx, principal, id);
}

/**
 * Approves a request with an e-signature meaning "approved": a signed-in person holding
 * `access:approve`, other than the requester, re-authenticates (second-person rule).
 */
export async function approveAccessRequest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<AccessRequestView> {
  return signRequestDecision(ctx, principal, id, {
    rule: approvalRule,
    what: 'approve an access request',
    meaning: 'approved',
    note: input.note,
    credentials: input.credentials,
    record: signedContent,
    apply: async (tx, signed) => {
      await accessRequestsRepository.approve(tx.trx, id, {
        byId: signed.signerId,
        byLabel: signed.signerLabel,
        signatureId: signed.signatureId,
        at: tx.now,
      });
      await tx.audit({
        action: 'access-request.approved',
        entityType: 'access_request',
        entityId: id,
        before: { status: 'requested' },
        after: { status: 'approved', signatureId: signed.signatureId, note: input.note },
      });
    },
  });
}

/**
 * Rejects a request with an e-signature meaning "rejected" and the reason, under the same
 * second-person rule as approval; a rejected request is final and never covers an account.
 */
export async function rejectAccessRequest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; reason: string },
): Promise<AccessRequestView> {
  return signRequestDecision(ctx, principal, id, {
    rule: rejectionRule,
    what: 'reject an access request',
    meaning: 'rejected',
    note: input.reason,
    credentials: input.credentials,
    record: (row) => ({ ...signedContent(row), rejectionReason: input.reason }),
    apply: async (tx, signed) => {
      await accessRequestsRepository.reject(tx.trx, id, {
        byLabel: signed.signerLabel,
        signatureId: signed.signatureId,
        reason: input.reason,
        at: tx.now,
      });
      await tx.audit({
        action: 'access-request.rejected',
        entityType: 'access_request',
        entityId: id,
        before: { status: 'requested' },
        after: { status: 'rejected', signatureId: signed.signatureId, reason: input.reason },
      });
    },
  });
}

/**
 * Records that approved access was granted. The approval control's occurrence for this request
 * (due at the grant) is recorded and met in the same transaction: the approval came first.
 */
export async function grantAccessRequest(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
): Promise<AccessRequestView> {
  const current = await load(ctx.db, id);
  if (current.status !== 'approved') {
    throw new AppError(
      'conflict',
      current.status === 'granted'
        ? 'The access was already granted'
        : current.status === 'rejected'
          ? 'The request was rejected: access cannot be granted on it'
          : 'The request must be approved before access is granted',
    );
  }
  const now = ctx.clock.now();
  const prepared = await prepareTriggerEvent(ctx, {
    type: ACCESS_REQUESTED_TRIGGER,
    at: current.requested_at.toISOString(),
    targetAt: now.toISOString(),
    externalId: `access-request:${id}`,
    details: { person: current.person_email, asset: current.asset_key, role: current.role },
  });
  await mutate(ctx, principal.actor, async (tx) => {
    const locked = await accessRequestsRepository.lock(tx.trx, id);
    if (locked?.status !== 'approved')
      throw new AppError('conflict', 'The request changed meanwhile');
    await accessRequestsRepository.grant(tx.trx, id, {
      byLabel: principal.actor.label,
      at: tx.now,
    });
    await tx.audit({
      action: 'access-request.granted',
      entityType: 'access_request',
      entityId: id,
      before: { status: 'approved' },
      after: { status: 'granted', grantedAt: tx.now.toISOString() },
    });
    const recorded = await recordPreparedTriggerEvent(tx, prepared);
    for (const occurrenceId of recorded.occurrenceIds) {
      await satisfyOccurrence(
        tx,
        await getOccurrence({ db: tx.trx, clock: { now: () => tx.now } }, occurrenceId),
        {
          note: `Approved by ${locked.approved_by_label ?? ''} at ${locked.approved_at?.toISOString() ?? ''}, granted at ${tx.now.toISOString()}`,
          ...(locked.approval_signature_id ? { signatureId: locked.approval_signature_id } : {}),
        },
      );
    }
  });
  return getAccessRequest(ctx, principal, id);
}
