import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { tooLarge } from '../../platform/evidence/evidence-store.js';
import { openForDownload } from '../../platform/evidence/open-for-download.js';
import { lockWorkOrderFor } from './work-order-commands.js';
import { workOrderRepository } from './work-order.repository.js';
import type { EvidenceView, WorkOrderStatus } from './work-order.schema.js';
import { toEvidenceView } from './work-order-views.js';

export interface IncomingFile {
  stream: Readable;
  filename: string;
  contentType: string;
}

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The declared type without parameters, or octet-stream when it is not a plain media type. */
export function sanitiseContentType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return CONTENT_TYPE.test(type) ? type : 'application/octet-stream';
}

/**
 * Characters that change how the rest of a name is shown without being seen: bidirectional
 * embeddings, overrides, isolates and marks (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`),
 * C1 controls, line and paragraph separators and the byte order mark.
 */
const INVISIBLE_FORMATTING = /[\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The base name without control characters, invisible formatting characters or path separators,
 * at most 200 characters (whole characters: a surrogate pair is never cut in half).
 */
export function sanitiseFilename(declared: string): string {
  const base = path.posix.basename(declared.replace(/\\/g, '/'));
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .replace(INVISIBLE_FORMATTING, '')
    .trim();
  return Array.from(clean).slice(0, 200).join('') || 'evidence';
}

/**
 * Stores an uploaded file as evidence of a work order (and its occurrence): streamed into the
 * encrypted store, then recorded as an immutable row. Only while the work is in progress.
 */
export async function attachEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'evidenceStore'>,
  actor: Actor,
  workOrderId: string,
  file: IncomingFile,
): Promise<EvidenceView> {
  const [current] = await workOrderRepository.list(ctx.db, { ids: [workOrderId] });
  const status = current?.status as WorkOrderStatus | undefined;
  if (status !== 'open' && status !== 'in_progress') {
    // Refused before storing anything; the upload is drained so the answer reaches the client.
    file.stream.resume();
    if (!current) throw notFound('Work order');
    throw new AppError(
      'conflict',
      `Evidence can only be added while the work is open or in progress (it is ${current.status.replace('_', ' ')})`,
    );
  }
  let stored;
  try {
    stored = await ctx.evidenceStore.put(file.stream);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw tooLarge(ctx.evidenceStore.maxBytes);
    throw error;
  }
  const filename = sanitiseFilename(file.filename);
  const contentType = sanitiseContentType(file.contentType);
  return mutate(ctx, actor, async (tx) => {
    const workOrder = await lockWorkOrderFor(tx, workOrderId, 'work');
    const row = await workOrderRepository.insertEvidence(tx.trx, {
      occurrenceId: workOrder.occurrence_id,
      workOrderId,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      contentType,
      filename,
      storageKey: stored.storageKey,
      uploadedBy: actor.label,
      now: tx.now,
    });
    if (workOrder.status === 'open')
      await workOrderRepository.update(tx.trx, workOrderId, { status: 'in_progress' }, tx.now);
    await workOrderRepository.appendHistory(tx.trx, {
      workOrderId,
      kind: 'evidence_added',
      at: tx.now,
      actorId: actor.id,
      actorLabel: actor.label,
      note: `${filename} (sha256 ${stored.sha256})`,
    });
    await tx.audit({
      action: 'evidence.added',
      entityType: 'evidence',
      entityId: row.id,
      after: {
        workOrderId,
        occurrenceId: workOrder.occurrence_id,
        filename,
        contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      },
    });
    return toEvidenceView(row);
  });
}

/**
 * An evidence file's record and its decrypted content, for download: authenticated before the
 * first byte is sent (`evidence_corrupt`, recorded in the audit trail, otherwise).
 */
export async function openEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'evidenceStore'>,
  actor: Actor,
  evidenceId: string,
  /** The caller's own check of the record (an engaged auditor's period), before any file is read. */
  assertMayRead: (evidence: EvidenceView) => void = () => undefined,
): Promise<{ evidence: EvidenceView; content: Readable }> {
  const row = await workOrderRepository.findEvidence(ctx.db, evidenceId);
  if (!row) throw notFound('Evidence');
  const evidence = toEvidenceView(row);
  assertMayRead(evidence);
  const content = await openForDownload(
    ctx,
    actor,
    { entityType: 'evidence', entityId: row.id },
    () => ctx.evidenceStore.open(row.storage_key),
  );
  return { evidence, content };
}
