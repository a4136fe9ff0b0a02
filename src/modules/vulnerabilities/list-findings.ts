import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import { exceptionApprovalRule } from './finding-exception-rule.js';
import type { FindingSeverity } from './parsers/scan-report.js';
import type {
  FindingDetail,
  FindingExceptionView,
  FindingStatus,
  FindingView,
  ListFindingsQuery,
} from './vulnerability.schema.js';
import { vulnerabilityRepository, type FindingRow } from './vulnerability.repository.js';

const cursorKeySchema = z.tuple([cursorInstant, z.uuid()]);

/** Where a finding stands at `at`: fixed, accepted while an approved exception holds, else open. */
export function findingStatusAt(
  row: Pick<FindingRow, 'fixed_at' | 'accepted_until'>,
  at: Date,
): FindingStatus {
  if (row.fixed_at !== null) return 'fixed';
  if (row.accepted_until !== null && row.accepted_until > at) return 'accepted';
  return 'open';
}

export function toFindingView(row: FindingRow, at: Date): FindingView {
  const status = findingStatusAt(row, at);
  return {
    id: row.id,
    assetKey: row.asset_key,
    vulnerabilityId: row.vulnerability_id,
    packageName: row.package_name,
    installedVersion: row.installed_version,
    scanner: row.scanner,
    severity: row.severity as FindingSeverity,
    fixAvailable: row.fixed_version !== null,
    fixedVersion: row.fixed_version,
    title: row.title,
    target: row.target,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    fixedAt: row.fixed_at?.toISOString() ?? null,
    slaDueAt: row.sla_due_at?.toISOString() ?? null,
    status,
    overdue: status === 'open' && row.sla_due_at !== null && row.sla_due_at < at,
    acceptedUntil: row.accepted_until?.toISOString() ?? null,
    slaOccurrenceId: row.sla_occurrence_id,
  };
}

/** Findings, most recently detected first, a page at a time; every filter is part of the query. */
export async function listFindings(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListFindingsQuery,
): Promise<Page<FindingView>> {
  const at = ctx.clock.now();
  const after = query.cursor ? decodeCursor(query.cursor, cursorKeySchema) : undefined;
  const rows = await vulnerabilityRepository.list(ctx.db, {
    assetKey: query.asset,
    severity: query.severity,
    status: query.status,
    overdue: query.overdue,
    at,
    after: after && { firstSeenAt: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.first_seen_at.toISOString(), row.id],
    (row) => toFindingView(row, at),
  );
}

/** One finding with its exceptions and what the caller may do with each. */
export async function getFinding(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal | null,
  id: string,
): Promise<FindingDetail> {
  const at = ctx.clock.now();
  const [row] = await vulnerabilityRepository.list(ctx.db, { ids: [id], at, limit: 1 });
  if (!row) throw notFound('Finding');
  const exceptions = await vulnerabilityRepository.exceptionsOf(ctx.db, id);
  const finding = toFindingView(row, at);
  return {
    ...finding,
    exceptions: exceptions.map((exception): FindingExceptionView => ({
      id: exception.id,
      findingId: exception.finding_id,
      reason: exception.reason,
      expiresAt: exception.expires_at.toISOString(),
      status: exception.status as FindingExceptionView['status'],
      expired: exception.expires_at <= at,
      requestedBy: exception.requested_by_label,
      requestedAt: exception.requested_at.toISOString(),
      approvedBy: exception.approved_by_label,
      approvedAt: exception.approved_at?.toISOString() ?? null,
      signatureId: exception.signature_id,
      abilities: {
        approve: abilityOf(
          decideSecondPersonSigning(principal, exceptionApprovalRule(exception, finding, at)),
        ),
      },
    })),
  };
}
