import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { listAttachments } from '../attachments/list-attachments.js';
import { getAsset } from '../register/asset-queries.js';
import { formatProvisioningNumber } from '../register/lifecycle-gate.js';
import { applyAssetPatch } from '../register/update-asset.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { approvalRule, criterionVerificationRule, plainAbility } from './provisioning-rules.js';
import type {
  CreateProvisioningRequest,
  ListProvisioningRequestsQuery,
  ProvisioningRequestDetail,
  ProvisioningRequestView,
  ProvisioningStatus,
} from './provisioning.schema.js';
import { provisioningRepository, type ProvisioningRequestRow } from './provisioning.repository.js';

export const PROVISIONING_RECORD_TYPE = 'provisioning-request';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toView(row: ProvisioningRequestRow): ProvisioningRequestView {
  return {
    id: row.id,
    number: formatProvisioningNumber(row.number),
    asset: {
      key: row.asset_key,
      name: row.asset_name,
      lifecycleStatus: row.asset_lifecycle_status,
    },
    status: row.status as ProvisioningStatus,
    purpose: row.purpose,
    requirements: row.requirements,
    securityConsiderations: row.security_considerations,
    configurationReference: row.configuration_reference,
    requestedAt: row.requested_at.toISOString(),
    requestedBy: row.requested_by_label,
    approvedAt: iso(row.approved_at),
    approvedBy: row.approved_by_label,
    approvalSignatureId: row.approval_signature_id,
    startedAt: iso(row.started_at),
    implementedBy: row.implemented_by_label,
    verifiedAt: iso(row.verified_at),
  };
}

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

/** Provisioning requests, newest first, a page at a time. */
export async function listProvisioningRequests(
  ctx: Pick<AppContext, 'db'>,
  query: ListProvisioningRequestsQuery,
): Promise<Page<ProvisioningRequestView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await provisioningRepository.page(ctx.db, {
    assetKey: query.asset,
    status: query.status,
    after: after && { requestedAt: after[0], id: after[1] },
    limit: query.limit,
  });
  return pageFromRows(rows, query.limit, (row) => [row.requested_at.toISOString(), row.id], toView);
}

/** One request with its criteria, evidence and what this caller may do with it. */
export async function getProvisioningRequest(
  ctx: Pick<AppContext, 'db'>,
  id: string,
  principal: Principal | null,
): Promise<ProvisioningRequestDetail> {
  const row = await provisioningRepository.findById(ctx.db, id);
  if (!row) throw notFound('Provisioning request');
  const [criteria, evidence] = await Promise.all([
    provisioningRepository.criteria(ctx.db, id),
    listAttachments(ctx.db, PROVISIONING_RECORD_TYPE, id),
  ]);
  return {
    ...toView(row),
    acceptanceCriteria: criteria.map((criterion) => ({
      position: criterion.position,
      criterion: criterion.criterion,
      observation: criterion.observation,
      verifiedAt: iso(criterion.verified_at),
      verifiedBy: criterion.verified_by_label,
      signatureId: criterion.signature_id,
    })),
    evidence,
    abilities: {
      approve: abilityOf(decideSecondPersonSigning(principal, approvalRule(row))),
      start: plainAbility(
        principal,
        'register:write',
        row.status === 'approved'
          ? { open: true }
          : {
              open: false,
              reason:
                row.status === 'requested'
                  ? 'the request is not approved yet'
                  : 'provisioning has started',
            },
      ),
      verifyCriteria: abilityOf(
        decideSecondPersonSigning(principal, criterionVerificationRule(row)),
      ),
      attachEvidence: plainAbility(
        principal,
        'register:write',
        row.status === 'verified'
          ? { open: false, reason: 'the request is verified: its evidence was signed' }
          : { open: true },
      ),
    },
  };
}

/**
 * Records a request to provision an asset: purpose, requirements, security considerations, the
 * acceptance criteria it will be verified against and the configuration it is built from.
 */
export async function createProvisioningRequest(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  input: CreateProvisioningRequest,
): Promise<string> {
  const asset = await getAsset(ctx, input.asset);
  return mutate(ctx, principal.actor, async (tx) => {
    const created = await provisioningRepository.insert(tx.trx, {
      assetId: asset.id,
      purpose: input.purpose,
      requirements: input.requirements,
      securityConsiderations: input.securityConsiderations,
      configurationReference: input.configurationReference,
      criteria: input.acceptanceCriteria,
      requestedById: principal.actor.id ?? '',
      requestedByLabel: principal.actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'provisioning-request.created',
      entityType: 'provisioning_request',
      entityId: created.id,
      after: { number: formatProvisioningNumber(created.number), ...input },
    });
    return created.id;
  });
}

/**
 * Records that the caller starts building the approved asset: they become its implementer (who
 * may not verify it), and a `requested` asset moves to `provisioning`.
 */
export async function startProvisioning(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
): Promise<void> {
  await mutate(ctx, principal.actor, async (tx) => {
    const row = await provisioningRepository.lock(tx.trx, id);
    if (!row) throw notFound('Provisioning request');
    if (row.status !== 'approved') {
      throw new AppError(
        'conflict',
        row.status === 'requested'
          ? 'The request must be approved before provisioning starts'
          : 'Provisioning has already started',
      );
    }
    await provisioningRepository.update(tx.trx, id, {
      status: 'provisioning',
      started_at: tx.now,
      implemented_by_id: principal.actor.id ?? '',
      implemented_by_label: principal.actor.label,
      updated_at: tx.now,
    });
    await tx.audit({
      action: 'provisioning-request.started',
      entityType: 'provisioning_request',
      entityId: id,
      before: { status: 'approved' },
      after: { status: 'provisioning', implementedBy: principal.actor.label },
    });
    const asset = await provisioningRepository.findById(tx.trx, id);
    if (asset?.asset_lifecycle_status === 'requested') {
      await applyAssetPatch(
        tx,
        asset.asset_key,
        { lifecycleStatus: 'provisioning' },
        { action: 'asset.lifecycle_changed' },
      );
    }
  });
}
