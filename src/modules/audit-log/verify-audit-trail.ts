import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
import { openPackVerifyingKey } from '../keys/get-pack-signing-key.js';
import { auditCheckpointSignatureProblem } from './audit-checkpoint.js';
import { AUDIT_CHECKPOINT_FILE, readAuditCheckpointFile } from './audit-checkpoint-file.js';
import type { AuditCheckpoint } from './audit-checkpoint.schema.js';
import { auditCheckpointsRepository } from './audit-checkpoints.repository.js';
import type {
  AuditChainReport,
  AuditCheckpointSource,
  AuditTrailProblem,
} from './audit-log.schema.js';

export type VerifyAuditTrailContext = Pick<AppContext, 'db' | 'secretBox' | 'config'>;

type VerifyingKey = { publicKey: KeyObject; fingerprint: string } | null;
type Rejected = AuditChainReport['rejectedCheckpoints'][number];
type Sourced = AuditCheckpoint & { source: AuditCheckpointSource };

const PAGE_SIZE = 100;
/** Past this many forged checkpoints, reading more of them tells nothing new. */
const MAX_REJECTED = 100;

/**
 * `audit verify`: re-computes every link of the chain, then holds it against the newest signed
 * checkpoint of each place one is kept: the checkpoints table, the data directory's file, and
 * `given` (one an auditor took from an evidence pack). The chain must reach each such checkpoint's
 * event with the hash it records; a chain that ends before it lost its newest events
 * (`missing_tail`), one with another hash there was rewritten (`checkpoint_mismatch`). Checkpoints
 * whose signature does not verify with the instance's key are reported and not relied on.
 */
export async function verifyAuditTrail(
  ctx: VerifyAuditTrailContext,
  options: { given?: AuditCheckpoint } = {},
): Promise<AuditChainReport> {
  const chain = await verifyAuditChain(ctx.db);
  const lastSeq = (await auditCheckpointsRepository.chainHead(ctx.db))?.seq ?? '0';
  const { key, keyProblem } = await verifyingKey(ctx);
  const rejected: Rejected[] = [];
  const check = (checkpoint: Sourced): Sourced | null => {
    const problem = keyProblem ?? auditCheckpointSignatureProblem(key, checkpoint);
    if (problem === null) return checkpoint;
    rejected.push({ seq: checkpoint.seq, source: checkpoint.source, reason: problem });
    return null;
  };

  const trusted: Sourced[] = [];
  const fromDatabase = await newestVerifiedInDatabase(ctx, check, rejected);
  if (fromDatabase) trusted.push(fromDatabase);
  const file = await readAuditCheckpointFile(path.join(ctx.config.dataDir, AUDIT_CHECKPOINT_FILE));
  if (file.status === 'unreadable') {
    rejected.push({ seq: null, source: 'file', reason: file.reason });
  } else if (file.status === 'read') {
    const verified = check({ ...file.checkpoint, source: 'file' });
    if (verified) trusted.push(verified);
  }
  if (options.given) {
    const verified = check({ ...options.given, source: 'given' });
    if (verified) trusted.push(verified);
  }

  const base = {
    valid: chain.valid,
    eventCount: chain.eventCount,
    lastSeq,
    headHash: chain.headHash,
    firstBroken: chain.firstBroken,
    rejectedCheckpoints: rejected,
  };
  const report = (
    problem: AuditTrailProblem | null,
    checkpoint: Sourced | null,
    message: string,
  ): AuditChainReport => ({
    intact: problem === null,
    problem,
    ...base,
    checkpoint: checkpoint && {
      format: checkpoint.format,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      keyFingerprint: checkpoint.keyFingerprint,
      source: checkpoint.source,
    },
    message,
  });
  const newest = trusted.reduce<Sourced | null>(
    (best, checkpoint) => (best && BigInt(best.seq) >= BigInt(checkpoint.seq) ? best : checkpoint),
    null,
  );

  if (chain.firstBroken) {
    return report(
      'broken_link',
      newest,
      `Audit chain BROKEN at event ${chain.firstBroken.seq}: ${chain.firstBroken.reason}.`,
    );
  }
  const beyond = trusted
    .filter((checkpoint) => BigInt(checkpoint.seq) > BigInt(lastSeq))
    .sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1))[0];
  if (beyond) {
    const missing = BigInt(beyond.seq) - BigInt(lastSeq);
    return report(
      'missing_tail',
      beyond,
      `Audit chain INCOMPLETE: the checkpoint of ${beyond.at} (${beyond.source}) records event ` +
        `${beyond.seq}, but the chain ends at event ${lastSeq}: its newest ${missing} event(s) are missing.`,
    );
  }
  for (const checkpoint of trusted) {
    const hash = await auditCheckpointsRepository.eventHash(ctx.db, checkpoint.seq);
    if (hash !== checkpoint.hash) {
      return report(
        'checkpoint_mismatch',
        checkpoint,
        `Audit chain REWRITTEN: event ${checkpoint.seq} does not have the hash the checkpoint of ` +
          `${checkpoint.at} (${checkpoint.source}) records.`,
      );
    }
  }
  const counted = `${chain.eventCount} events, head ${chain.headHash}`;
  if (rejected.length > 0) {
    const first = rejected[0]!;
    return report(
      'checkpoint_signature_invalid',
      newest,
      `Audit checkpoint REJECTED (${first.source}${first.seq === null ? '' : `, event ${first.seq}`}): ` +
        `${first.reason}. Chain links intact: ${counted}.`,
    );
  }
  return report(
    null,
    newest,
    newest
      ? `Audit chain intact: ${counted}; it reaches the checkpoint of ${newest.at} at event ${newest.seq} (${newest.source}).`
      : `Audit chain intact: ${counted}; no signed checkpoint yet, so removing the newest events would not show.`,
  );
}

/** The instance's key, or why checkpoints cannot be checked (no key, or it cannot be opened). */
async function verifyingKey(
  ctx: VerifyAuditTrailContext,
): Promise<{ key: VerifyingKey; keyProblem: string | null }> {
  try {
    const key = await openPackVerifyingKey(ctx);
    return { key, keyProblem: key ? null : 'this instance has no signing key to check it with' };
  } catch {
    return {
      key: null,
      keyProblem:
        "the instance's signing key cannot be opened with this instance key (PLUMBLINE_SECRET_KEY or secret.key)",
    };
  }
}

/** Newest first until one verifies: every newer one that does not is rejected on the way. */
async function newestVerifiedInDatabase(
  ctx: VerifyAuditTrailContext,
  check: (checkpoint: Sourced) => Sourced | null,
  rejected: readonly Rejected[],
): Promise<Sourced | null> {
  let beforeSeq: string | null = null;
  for (;;) {
    const page = await auditCheckpointsRepository.newestFirst(ctx.db, beforeSeq, PAGE_SIZE);
    for (const checkpoint of page) {
      const verified = check({ ...checkpoint, source: 'database' });
      if (verified) return verified;
      if (rejected.length >= MAX_REJECTED) return null;
    }
    if (page.length < PAGE_SIZE) return null;
    beforeSeq = page[page.length - 1]!.seq;
  }
}
