import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { openForDownload } from '../../platform/evidence/open-for-download.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
  type PageQuery,
} from '../../platform/http/paging.js';
import { getFramework } from '../controls/catalog-queries.js';
import type { PackJob, PackPeriod, PackState } from './pack.schema.js';
import { packsRepository, type EvidencePackRow } from './packs.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;
const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export function toPackJob(row: EvidencePackRow): PackJob {
  return {
    id: row.id,
    framework: row.framework_key,
    from: row.period_from,
    to: row.period_to,
    state: row.state as PackState,
    filesDone: row.files_done,
    filesTotal: row.files_total,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    manifestSha256: row.manifest_sha256,
    signingKeyFingerprint: row.signing_key_fingerprint,
    error: row.error,
    requestedBy: row.requested_by_label,
    requestedAt: row.requested_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    downloadUrl: row.state === 'done' ? `/api/v1/reports/packs/${row.id}/download` : null,
  };
}

/** Records a pack request (audited); the caller hands the job to the runner. */
export async function requestEvidencePack(
  ctx: Ctx,
  actor: Actor,
  period: PackPeriod,
): Promise<PackJob> {
  // An unknown framework is refused now rather than failing in the background.
  await getFramework(ctx, period.framework);
  return mutate(ctx, actor, async (tx) => {
    const row = await packsRepository.insertPack(tx.trx, {
      frameworkKey: period.framework,
      from: period.from,
      to: period.to,
      requestedById: actor.id,
      requestedByLabel: actor.label,
      requestedAt: tx.now,
    });
    await tx.audit({
      action: 'pack.requested',
      entityType: 'evidence_pack',
      entityId: row.id,
      after: { framework: period.framework, from: period.from, to: period.to },
    });
    return toPackJob(row);
  });
}

export async function getPackJob(ctx: Pick<AppContext, 'db'>, id: string): Promise<PackJob> {
  const row = await packsRepository.findPack(ctx.db, id);
  if (!row) throw notFound('Evidence pack');
  return toPackJob(row);
}

/** A pack's place in the list: (requestedAt, id), newest first. */
const packKey = z.tuple([cursorInstant, z.uuid()]);

/**
 * A page of evidence packs, newest first; `within` (an engaged auditor's framework and period
 * days) is applied in the query, so their pages hold only, and fully, the packs they may see.
 */
export async function listPackJobs(
  ctx: Pick<AppContext, 'db'>,
  query: PageQuery,
  within?: { framework: string; from: string; to: string },
): Promise<Page<PackJob>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, packKey);
  const rows = await packsRepository.listPacks(ctx.db, {
    after: after && { requestedAt: after[0], id: after[1] },
    within,
    limit: query.limit + 1,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.requested_at.toISOString(), row.id],
    toPackJob,
  );
}

/**
 * The finished pack as a stream, decrypted: the stored file is authenticated to its end before
 * anything is sent (`evidence_corrupt`, recorded in the audit trail, otherwise); the download is
 * recorded in the audit trail before the stream is handed over.
 */
export async function downloadEvidencePack(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'packStorage'>,
  actor: Actor,
  id: string,
): Promise<{ pack: PackJob; filename: string; content: Readable }> {
  const pack = await getPackJob(ctx, id);
  if (pack.state !== 'done') {
    throw new AppError('conflict', `The pack is ${pack.state}, not ready to download`);
  }
  const content = await openForDownload(
    ctx,
    actor,
    { entityType: 'evidence_pack', entityId: id },
    () => ctx.packStorage.open(id),
  );
  await mutate(ctx, actor, (tx) =>
    tx.audit({
      action: 'pack.downloaded',
      entityType: 'evidence_pack',
      entityId: id,
      after: { manifestSha256: pack.manifestSha256, sizeBytes: pack.sizeBytes },
    }),
  ).catch((error: unknown) => {
    content.destroy();
    throw error;
  });
  return {
    pack,
    filename: `evidence-pack-${pack.framework}-${pack.from}-${pack.to}.zip`,
    content,
  };
}
