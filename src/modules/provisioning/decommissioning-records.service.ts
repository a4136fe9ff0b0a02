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
import type { AttachmentView } from '../attachments/attachment.schema.js';
import { listAttachments } from '../attachments/list-attachments.js';
import { getAsset } from '../register/asset-queries.js';
import { formatDecommissioningNumber } from '../register/lifecycle-gate.js';
import { applyAssetPatch } from '../register/update-asset.js';
import {
  abilityOf,
  decideSecondPersonSigning,
  type SecondPersonRule,
} from '../signatures/second-person-rule.js';
import { plainAbility } from './provisioning-rules.js';
import type {
  CreateDecommissioningRecord,
  DecommissioningRecordDetail,
  DecommissioningRecordView,
  ListDecommissioningRecordsQuery,
  UpdateDecommissioningRecord,
} from './provisioning.schema.js';
import {
  decommissioningRepository,
  type DecommissioningColumns,
  type DecommissioningRecordRow,
} from './decommissioning.repository.js';

export const DECOMMISSIONING_RECORD_TYPE = 'decommissioning-record';

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toView(row: DecommissioningRecordRow): DecommissioningRecordView {
  return {
    id: row.id,
    number: formatDecommissioningNumber(row.number),
    asset: {
      key: row.asset_key,
      name: row.asset_name,
      lifecycleStatus: row.asset_lifecycle_status,
    },
    status: row.status as DecommissioningRecordView['status'],
    retentionDecision: row.retention_decision,
    dataDisposition: row.data_disposition as DecommissioningRecordView['dataDisposition'],
    dataLocation: row.data_location,
    sanitisationMethod: row.sanitisation_method as DecommissioningRecordView['sanitisationMethod'],
    sanitisationReference: row.sanitisation_reference,
    accessRemoved: row.access_removed,
    dnsRemoved: row.dns_removed,
    certificatesRemoved: row.certificates_removed,
    monitoringRemoved: row.monitoring_removed,
    shutDownAt: row.shut_down_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by_label,
    signedAt: iso(row.signed_at),
    signedBy: row.signed_by_label,
    signatureId: row.signature_id,
  };
}

/** What still stands between a record and its signature, in words; empty when it can be signed. */
export function missingForSignature(
  row: Pick<
    DecommissioningRecordRow,
    | 'access_removed'
    | 'dns_removed'
    | 'certificates_removed'
    | 'monitoring_removed'
    | 'sanitisation_reference'
  >,
  evidence: readonly AttachmentView[],
): string[] {
  const missing: string[] = [];
  if (!row.access_removed) missing.push('access to the system is not recorded as removed');
  if (!row.dns_removed) missing.push('DNS entries are not recorded as removed');
  if (!row.certificates_removed) missing.push('certificates are not recorded as removed');
  if (!row.monitoring_removed) missing.push('monitoring is not recorded as removed');
  if (row.sanitisation_reference === '' && evidence.length === 0) {
    missing.push('no sanitisation certificate: give its reference or attach it as evidence');
  }
  return missing;
}

/** Who may sign a decommissioning record: a person holding `work:verify`, once it is complete. */
export function decommissioningSignRule(
  row: Pick<DecommissioningRecordRow, 'status'>,
  missing: readonly string[],
): SecondPersonRule {
  return {
    permission: 'work:verify',
    state:
      row.status === 'signed'
        ? { open: false, reason: 'the record is signed' }
        : missing.length > 0
          ? { open: false, reason: `the record is incomplete: ${missing.join('; ')}` }
          : { open: true },
    doneBy: null,
    ownWorkReason: '',
  };
}

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

/** Decommissioning records, newest first, a page at a time. */
export async function listDecommissioningRecords(
  ctx: Pick<AppContext, 'db'>,
  query: ListDecommissioningRecordsQuery,
): Promise<Page<DecommissioningRecordView>> {
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await decommissioningRepository.page(ctx.db, {
    assetKey: query.asset,
    status: query.status,
    after: after && { recordedAt: after[0], id: after[1] },
    limit: query.limit,
  });
  return pageFromRows(rows, query.limit, (row) => [row.recorded_at.toISOString(), row.id], toView);
}

/** One record with its evidence, what it still lacks, and what this caller may do with it. */
export async function getDecommissioningRecord(
  ctx: Pick<AppContext, 'db'>,
  id: string,
  principal: Principal | null,
): Promise<DecommissioningRecordDetail> {
  const row = await decommissioningRepository.findById(ctx.db, id);
  if (!row) throw notFound('Decommissioning record');
  const evidence = await listAttachments(ctx.db, DECOMMISSIONING_RECORD_TYPE, id);
  const missing = missingForSignature(row, evidence);
  const draft =
    row.status === 'draft'
      ? ({ open: true } as const)
      : { open: false as const, reason: 'the record is signed' };
  return {
    ...toView(row),
    missing,
    evidence,
    abilities: {
      sign: abilityOf(decideSecondPersonSigning(principal, decommissioningSignRule(row, missing))),
      edit: plainAbility(principal, 'register:write', draft),
      attachEvidence: plainAbility(principal, 'register:write', draft),
    },
  };
}

function columnsOf(input: UpdateDecommissioningRecord): Partial<DecommissioningColumns> {
  const columns: Partial<DecommissioningColumns> = {};
  if (input.retentionDecision !== undefined) columns.retention_decision = input.retentionDecision;
  if (input.dataDisposition !== undefined) columns.data_disposition = input.dataDisposition;
  if (input.dataLocation !== undefined) columns.data_location = input.dataLocation;
  if (input.sanitisationMethod !== undefined)
    columns.sanitisation_method = input.sanitisationMethod;
  if (input.sanitisationReference !== undefined)
    columns.sanitisation_reference = input.sanitisationReference;
  if (input.accessRemoved !== undefined) columns.access_removed = input.accessRemoved;
  if (input.dnsRemoved !== undefined) columns.dns_removed = input.dnsRemoved;
  if (input.certificatesRemoved !== undefined)
    columns.certificates_removed = input.certificatesRemoved;
  if (input.monitoringRemoved !== undefined) columns.monitoring_removed = input.monitoringRemoved;
  if (input.shutDownAt !== undefined) columns.shut_down_at = new Date(input.shutDownAt);
  return columns;
}

/**
 * Records how an asset is being taken out of service (retention decision, where the data went,
 * sanitisation, the removal checklist); the asset moves to `decommissioning`.
 */
export async function createDecommissioningRecord(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  input: CreateDecommissioningRecord,
): Promise<string> {
  const asset = await getAsset(ctx, input.asset);
  if (asset.lifecycleStatus === 'decommissioned') {
    throw new AppError('conflict', `Asset ${asset.key} is already decommissioned`);
  }
  return mutate(ctx, principal.actor, async (tx) => {
    const { asset: _asset, ...fields } = input;
    const shutDownAt = input.shutDownAt ? new Date(input.shutDownAt) : tx.now;
    if (shutDownAt > tx.now) {
      throw new AppError('validation_failed', 'The shutdown cannot be in the future', {
        issues: [{ path: 'body.shutDownAt', message: 'is in the future' }],
      });
    }
    const id = await decommissioningRepository.insert(tx.trx, {
      ...(columnsOf(fields) as DecommissioningColumns),
      shut_down_at: shutDownAt,
      asset_id: asset.id,
      recorded_by_label: principal.actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'decommissioning-record.created',
      entityType: 'decommissioning_record',
      entityId: id,
      after: { ...input, shutDownAt: shutDownAt.toISOString() },
    });
    if (asset.lifecycleStatus !== 'decommissioning') {
      await applyAssetPatch(
        tx,
        asset.key,
        { lifecycleStatus: 'decommissioning' },
        { action: 'asset.lifecycle_changed' },
      );
    }
    return id;
  });
}

/** Changes a draft record (the checklist is ticked as the removal goes on); a signed one is final. */
export async function updateDecommissioningRecord(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
  input: UpdateDecommissioningRecord,
): Promise<void> {
  await mutate(ctx, principal.actor, async (tx) => {
    const row = await decommissioningRepository.lock(tx.trx, id);
    if (!row) throw notFound('Decommissioning record');
    if (row.status !== 'draft') {
      throw new AppError('conflict', 'The record is signed and can no longer change');
    }
    const changes = columnsOf(input);
    const disposition = changes.data_disposition ?? row.data_disposition;
    const location = changes.data_location ?? row.data_location;
    if (disposition !== 'nothing-retained' && location === '') {
      throw new AppError('validation_failed', 'Say where the data went', {
        issues: [
          { path: 'body.dataLocation', message: `is required when the data is ${disposition}` },
        ],
      });
    }
    await decommissioningRepository.update(tx.trx, id, { ...changes, updated_at: tx.now });
    await tx.audit({
      action: 'decommissioning-record.updated',
      entityType: 'decommissioning_record',
      entityId: id,
      before: Object.fromEntries(
        Object.keys(changes).map((column) => [column, row[column as keyof typeof row]]),
      ),
      after: changes,
    });
  });
}
