import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { tooLarge } from '../../platform/evidence/evidence-store.js';
import type { AttachmentOwner } from './attachment-owner.js';
import { attachmentRepository, toAttachmentView } from './attachment.repository.js';
import type { AttachmentView } from './attachment.schema.js';
import { drainQuietly } from '../../platform/streams/drain-quietly.js';

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
 * The one way a file becomes evidence of a record: checked against the record first (a refused
 * upload is drained, never stored), streamed into the encrypted, content-addressed evidence store
 * (size limit there), then recorded as an immutable evidence_attachments row with its
 * `evidence.added` audit entry and the record's own follow-up, in one transaction.
 */
export async function attachEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'evidenceStore'>,
  actor: Actor,
  owner: AttachmentOwner,
  recordId: string,
  file: IncomingFile,
): Promise<AttachmentView> {
  try {
    await owner.check(ctx.db, recordId);
  } catch (error) {
    // Refused before storing anything; the upload is drained so the answer reaches the client.
    drainQuietly(file.stream);
    throw error;
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
    const { occurrenceId } = await owner.lock(tx, recordId);
    const row = await attachmentRepository.insert(tx.trx, {
      recordType: owner.recordType,
      recordId,
      occurrenceId,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      contentType,
      filename,
      storageKey: stored.storageKey,
      uploadedBy: actor.label,
      now: tx.now,
    });
    await owner.afterAttach?.(tx, recordId, { filename, sha256: stored.sha256 });
    await tx.audit({
      action: 'evidence.added',
      entityType: 'evidence',
      entityId: row.id,
      after: {
        recordType: owner.recordType,
        recordId,
        occurrenceId,
        filename,
        contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      },
    });
    return toAttachmentView(row);
  });
}
