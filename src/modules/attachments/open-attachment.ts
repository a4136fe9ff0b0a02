import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/audit/actor.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { openForDownload } from '../../platform/evidence/open-for-download.js';
import { attachmentRepository, toAttachmentView } from './attachment.repository.js';
import type { AttachmentView } from './attachment.schema.js';

/**
 * An evidence file's record and its decrypted content, for download, whatever record it belongs
 * to: authenticated before the first byte is sent (`evidence_corrupt`, recorded in the audit
 * trail, otherwise).
 */
export async function openAttachment(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'evidenceStore'>,
  actor: Actor,
  attachmentId: string,
  /** The caller's own check of the record (an engaged auditor's period), before any file is read. */
  assertMayRead: (evidence: AttachmentView) => void = () => undefined,
): Promise<{ evidence: AttachmentView; content: Readable }> {
  const row = await attachmentRepository.find(ctx.db, attachmentId);
  if (!row) throw notFound('Evidence');
  const evidence = toAttachmentView(row);
  assertMayRead(evidence);
  const content = await openForDownload(
    ctx,
    actor,
    { entityType: 'evidence', entityId: row.id },
    () => ctx.evidenceStore.open(row.storage_key),
  );
  return { evidence, content };
}
