import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import { statusFromWorkState, type WorkState } from '../occurrences/occurrence-status.js';
import { getAsset } from '../register/asset-queries.js';
import { certificateRepository } from './certificate.repository.js';
import {
  isProtocolFinding,
  type CertificateDetail,
  type CertificateView,
  type CreateEndpointBody,
  type EndpointView,
  type ListCertificatesQuery,
  type ListEndpointsQuery,
  type ProbeOutcome,
} from './certificate.schema.js';

const DAY_MS = 86_400_000;

type CertificateRow = Awaited<ReturnType<typeof certificateRepository.list>>[number];

function toView(row: CertificateRow, now: Date): CertificateView {
  return {
    id: row.id,
    fingerprintSha256: row.fingerprint_sha256,
    subject: row.subject,
    subjectAltNames: row.subject_alt_names,
    issuer: row.issuer,
    serialNumber: row.serial_number,
    notBefore: row.not_before.toISOString(),
    notAfter: row.not_after.toISOString(),
    daysLeft: Math.floor((row.not_after.getTime() - now.getTime()) / DAY_MS),
    keyType: row.key_type,
    keySize: row.key_size,
    isCa: row.is_ca,
    assetKey: row.asset_key,
    source: row.source as CertificateView['source'],
    supersededById: row.superseded_by_id,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

const certificateCursor = z.tuple([cursorInstant, z.uuid()]);

/** Certificates in expiry order (soonest first), paged by (notAfter, id). */
export async function listCertificates(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListCertificatesQuery,
): Promise<Page<CertificateView>> {
  const now = ctx.clock.now();
  const asset = query.asset ? await getAsset(ctx, query.asset) : null;
  const after = query.cursor ? decodeCursor(query.cursor, certificateCursor) : undefined;
  const rows = await certificateRepository.list(ctx.db, {
    ...(query.expiringWithinDays !== undefined
      ? { notAfterBefore: new Date(now.getTime() + query.expiringWithinDays * DAY_MS) }
      : {}),
    ...(asset ? { assetId: asset.id } : {}),
    includeSuperseded: query.includeSuperseded,
    includeCa: query.includeCa,
    ...(after ? { after: { notAfter: after[0], id: after[1] } } : {}),
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.not_after.toISOString(), row.id],
    (row) => toView(row, now),
  );
}

const REGISTER_PAGE = 2000;

/**
 * The certificates (not CAs) valid at some time in the period, as recorded by `asOf`, superseded
 * ones included: pages in expiry order, each certificate as seen at the period's end.
 */
export async function* certificateRegisterPages(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<(CertificateView & { expiredByEnd: boolean })[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  let after: { notAfter: Date; id: string } | undefined;
  for (;;) {
    const rows = await certificateRepository.list(ctx.db, {
      validDuring: { start: window.start, until, asOf: window.asOf },
      includeSuperseded: true,
      includeCa: false,
      ...(after ? { after } : {}),
      limit: REGISTER_PAGE,
    });
    if (rows.length > 0) {
      yield rows.map((row) => ({ ...toView(row, until), expiredByEnd: row.not_after <= until }));
    }
    if (rows.length < REGISTER_PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { notAfter: last.not_after, id: last.id };
  }
}

/** One certificate with its PEM, the endpoints presenting it and its renewal occurrences. */
export async function getCertificate(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  id: string,
): Promise<CertificateDetail> {
  const row = await certificateRepository.get(ctx.db, id);
  if (!row) throw notFound('Certificate');
  const endpoints = await certificateRepository.endpointsPresenting(ctx.db, id);
  const renewals = await certificateRepository.renewalsOf(ctx.db, id);
  const now = ctx.clock.now();
  return {
    ...toView(row, now),
    pem: row.pem,
    endpoints,
    renewals: renewals.map((renewal) => ({
      assetKey: renewal.asset_key,
      occurrenceId: renewal.occurrence_id,
      openedAt: renewal.opened_at.toISOString(),
      dueAt: renewal.due_at.toISOString(),
      status: statusFromWorkState(
        { opensAt: renewal.opens_at, dueAt: renewal.due_at, closesAt: renewal.closes_at },
        renewal.work_state as WorkState,
        now,
      ),
      renewedByCertificateId: renewal.renewed_by_certificate_id,
      renewedAt: renewal.renewed_at?.toISOString() ?? null,
    })),
  };
}

const endpointCursor = z.tuple([z.string(), z.number().int()]);

/** Endpoints by host and port, each with its last probe. */
export async function listEndpoints(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListEndpointsQuery,
): Promise<Page<EndpointView>> {
  const asset = query.asset ? await getAsset(ctx, query.asset) : null;
  const after = query.cursor ? decodeCursor(query.cursor, endpointCursor) : undefined;
  const rows = await certificateRepository.listEndpoints(ctx.db, {
    ...(asset ? { assetId: asset.id } : {}),
    ...(after ? { after: { host: after[0], port: after[1] } } : {}),
    limit: query.limit + 1,
  });
  const probes = await certificateRepository.lastProbes(
    ctx.db,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.host, row.port],
    (row) => {
      const probe = probes.get(row.id);
      return {
        id: row.id,
        host: row.host,
        port: row.port,
        assetKey: row.asset_key,
        currentCertificateId: row.current_certificate_id,
        lastProbedAt: row.last_probed_at?.toISOString() ?? null,
        lastProbe: probe
          ? {
              probedAt: probe.probed_at.toISOString(),
              outcome: probe.outcome as ProbeOutcome,
              finding: isProtocolFinding(probe.outcome as ProbeOutcome),
              protocol: probe.protocol,
              cipher: probe.cipher,
              detail: probe.detail,
            }
          : null,
      };
    },
  );
}

/** Adds an endpoint to probe; a host and port already listed is a conflict. */
export async function createEndpoint(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  body: CreateEndpointBody,
): Promise<EndpointView> {
  const asset = body.asset ? await getAsset(ctx, body.asset) : null;
  const id = await mutate(ctx, actor, async (tx) => {
    const row = await certificateRepository.insertEndpoint(tx.trx, {
      host: body.host,
      port: body.port,
      assetId: asset?.id ?? null,
      now: tx.now,
      createdBy: actor.label,
    });
    if (!row)
      throw new AppError('conflict', `The endpoint ${body.host}:${body.port} is already listed`);
    await tx.audit({
      action: 'tls_endpoint.created',
      entityType: 'tls_endpoint',
      entityId: row.id,
      after: { host: body.host, port: body.port, assetKey: asset?.key ?? null },
    });
    return row.id;
  });
  return {
    id,
    host: body.host,
    port: body.port,
    assetKey: asset?.key ?? null,
    currentCertificateId: null,
    lastProbedAt: null,
    lastProbe: null,
  };
}
