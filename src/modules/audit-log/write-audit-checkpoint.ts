import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { openPackSigningKey } from '../keys/get-pack-signing-key.js';
import { signAuditCheckpoint } from './audit-checkpoint.js';
import { writeAuditCheckpointFile } from './audit-checkpoint-file.js';
import { AUDIT_CHECKPOINT_FORMAT, type AuditCheckpoint } from './audit-checkpoint.schema.js';
import { auditCheckpointsRepository } from './audit-checkpoints.repository.js';

export type CheckpointContext = Pick<AppContext, 'db' | 'clock' | 'secretBox' | 'config'>;

/**
 * Takes a signed checkpoint of the audit chain: records `audit.checkpoint_written` and signs the
 * head that entry makes (its sequence number and hash) with the instance's Ed25519 key, the key
 * that signs evidence packs, in one transaction; then keeps a copy in the data directory. The
 * checkpoint covers its own entry, so a chain with nothing new since does not need another one.
 */
export async function writeAuditCheckpoint(ctx: CheckpointContext): Promise<AuditCheckpoint> {
  const key = await openPackSigningKey(ctx);
  const checkpoint = await mutate(ctx, systemActor, async (tx) => {
    await tx.audit({
      action: 'audit.checkpoint_written',
      entityType: 'audit_chain',
      entityId: 'checkpoint',
      after: { keyFingerprint: key.fingerprint },
    });
    // The chain is locked until commit by the entry just appended: this is its head.
    const head = await auditCheckpointsRepository.chainHead(tx.trx);
    if (!head) throw new Error('The audit chain has no head after an append');
    const signed = signAuditCheckpoint(key.privateKey, {
      format: AUDIT_CHECKPOINT_FORMAT,
      seq: head.seq,
      hash: head.hash,
      at: tx.now.toISOString(),
      keyFingerprint: key.fingerprint,
    });
    await auditCheckpointsRepository.insert(tx.trx, signed);
    return signed;
  });
  await writeAuditCheckpointFile(ctx.config.dataDir, checkpoint);
  return checkpoint;
}
