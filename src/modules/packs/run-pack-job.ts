import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../app/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { buildEvidencePack, type PackBuildContext } from './build-evidence-pack.js';
import { packFilePath } from './pack-storage.js';
import { packsRepository } from './packs.repository.js';

/** Progress is written at most this often, however fast files go by. */
const PROGRESS_INTERVAL_MS = 500;

type Ctx = PackBuildContext & Pick<AppContext, 'logger'>;

/**
 * Builds one requested pack: marks it running, writes the zip beside its final name and moves it
 * into place when complete, and records the outcome (audited: `pack.generated` with the
 * manifest's hash, or `pack.failed`). Progress (files done of total) is job bookkeeping, updated
 * without an audit entry.
 */
export async function runPackJob(ctx: Ctx, id: string): Promise<void> {
  const row = await packsRepository.findPack(ctx.db, id);
  if (!row || row.state !== 'queued') return;
  await packsRepository.updatePack(ctx.db, id, { state: 'running', started_at: ctx.clock.now() });
  const finalPath = packFilePath(ctx, id);
  const partPath = `${finalPath}.part`;
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  await fs.promises.rm(partPath, { force: true });
  let lastWrite = -Infinity;
  try {
    const built = await buildEvidencePack(ctx, {
      framework: row.framework_key,
      from: row.period_from,
      to: row.period_to,
      outPath: partPath,
      onProgress: async (filesDone, filesTotal) => {
        const now = performance.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && filesDone < filesTotal) return;
        lastWrite = now;
        await packsRepository.updatePack(ctx.db, id, {
          files_done: filesDone,
          files_total: filesTotal,
        });
      },
    });
    await fs.promises.rename(partPath, finalPath);
    await mutate(ctx, systemActor, async (tx) => {
      await packsRepository.updatePack(tx.trx, id, {
        state: 'done',
        size_bytes: built.sizeBytes,
        manifest_sha256: built.manifestSha256,
        signing_key_fingerprint: built.manifest.signingKey.fingerprint,
        files_done: built.manifest.files.length + 2,
        files_total: built.manifest.files.length + 2,
        finished_at: tx.now,
      });
      await tx.audit({
        action: 'pack.generated',
        entityType: 'evidence_pack',
        entityId: id,
        after: {
          manifestSha256: built.manifestSha256,
          files: built.manifest.files.length,
          sizeBytes: built.sizeBytes,
          auditChainHead: built.manifest.auditChain.headHash,
          signingKeyFingerprint: built.manifest.signingKey.fingerprint,
        },
      });
    });
  } catch (error) {
    await fs.promises.rm(partPath, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.error({ err: error, packId: id }, 'evidence pack failed');
    await mutate(ctx, systemActor, async (tx) => {
      await packsRepository.updatePack(tx.trx, id, {
        state: 'failed',
        error: message.slice(0, 500),
        finished_at: tx.now,
      });
      await tx.audit({
        action: 'pack.failed',
        entityType: 'evidence_pack',
        entityId: id,
        after: { error: message.slice(0, 500) },
      });
    });
  }
}

export interface PackJobRunner {
  /** Queues a requested pack; packs are built one at a time, in request order. */
  enqueue(id: string): void;
  /** Resolves once every queued pack is built (server shutdown, tests). */
  drain(): Promise<void>;
}

/** An in-process queue: one pack at a time, so a burst of requests cannot exhaust the machine. */
export function createPackJobRunner(ctx: Ctx): PackJobRunner {
  let chain: Promise<void> = Promise.resolve();
  return {
    enqueue(id) {
      chain = chain
        .then(() => runPackJob(ctx, id))
        .catch((error: unknown) => ctx.logger.error({ err: error, packId: id }, 'pack job'));
    },
    drain: () => chain,
  };
}
