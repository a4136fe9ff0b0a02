import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import { tooLarge } from '../../platform/evidence/evidence-store.js';
import { openForDownload } from '../../platform/evidence/open-for-download.js';
import {
  sanitiseContentType,
  sanitiseFilename,
  type IncomingFile,
} from '../work-orders/attach-evidence.js';
import { drExerciseRepository } from './dr-exercise.repository.js';
import {
  recoveryEvidenceRepository,
  type RecoveryRecordType,
} from './recovery-evidence.repository.js';
import { toRecoveryEvidenceView } from './recovery-record-parts.js';
import type { RecoveryEvidenceView } from './recovery-record.schema.js';
import { restoreTestRepository } from './restore-test.repository.js';

const NOUN: Record<RecoveryRecordType, string> = {
  'restore-test': 'Restore test',
  'dr-exercise': 'DR exercise',
};

/** Locks the record; evidence is added only before its verification, which signs over it. */
async function lockUnverified(
  trx: Parameters<typeof restoreTestRepository.findForUpdate>[0],
  recordType: RecoveryRecordType,
  recordId: string,
): Promise<void> {
  const row =
    recordType === 'restore-test'
      ? await restoreTestRepository.findForUpdate(trx, recordId)
      : await drExerciseRepository.findForUpdate(trx, recordId);
  if (!row) throw notFound(NOUN[recordType]);
  if (row.status === 'verified') {
    throw new AppError(
      'conflict',
      `${NOUN[recordType]} is verified: its evidence was signed and can no longer change`,
    );
  }
}

/**
 * Stores a file as evidence of a restore test or DR exercise (restore logs, screenshots, the
 * exercise report): streamed into the encrypted, content-addressed evidence store that work
 * orders use, then recorded as an immutable row. Only until the record is verified.
 */
export async function attachRecoveryEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'evidenceStore'>,
  actor: Actor,
  recordType: RecoveryRecordType,
  recordId: string,
  file: IncomingFile,
): Promise<RecoveryEvidenceView> {
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
    await lockUnverified(tx.trx, recordType, recordId);
    const row = await recoveryEvidenceRepository.insert(tx.trx, {
      recordType,
      recordId,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      contentType,
      filename,
      storageKey: stored.storageKey,
      uploadedBy: actor.label,
      now: tx.now,
    });
    await tx.audit({
      action: 'evidence.added',
      entityType: 'recovery_evidence',
      entityId: row.id,
      after: {
        recordType,
        recordId,
        filename,
        contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
      },
    });
    return toRecoveryEvidenceView(row);
  });
}

/**
 * A recovery evidence file's record and its decrypted content, for download: authenticated before
 * the first byte is sent (`evidence_corrupt`, recorded in the audit trail, otherwise).
 */
export async function openRecoveryEvidence(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'evidenceStore'>,
  actor: Actor,
  evidenceId: string,
  /** The caller's own check of the record (an engaged auditor's period), before any file is read. */
  assertMayRead: (evidence: RecoveryEvidenceView) => void = () => undefined,
): Promise<{ evidence: RecoveryEvidenceView; content: Readable }> {
  const row = await recoveryEvidenceRepository.find(ctx.db, evidenceId);
  if (!row) throw notFound('Evidence');
  const evidence = toRecoveryEvidenceView(row);
  assertMayRead(evidence);
  const content = await openForDownload(
    ctx,
    actor,
    { entityType: 'recovery_evidence', entityId: row.id },
    () => ctx.evidenceStore.open(row.storage_key),
  );
  return { evidence, content };
}
