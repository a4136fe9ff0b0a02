import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { buildEvidencePack, type PackBuildContext } from './build-evidence-pack.js';
import { packsRepository, type EvidencePackRow } from './packs.repository.js';
import { sealPlainPacks } from './seal-plain-packs.js';
import {
  PACK_HEARTBEAT_MS,
  PACK_STALE_AFTER_MS,
  resumeInterruptedPacks,
} from './resume-interrupted-packs.js';

/** Progress is written at most this often, however fast files go by. */
const PROGRESS_INTERVAL_MS = 500;

type Ctx = PackBuildContext & Pick<AppContext, 'logger' | 'packStorage'>;

/**
 * Builds one requested pack: marks it running, writes the zip (encrypted as it is written, see
 * pack-storage.ts) beside its final name and moves it into place when complete, and records the outcome (audited: `pack.generated` with the
 * manifest's hash, or `pack.failed`). Progress (files done of total) is job bookkeeping, updated
 * without an audit entry.
 */
export async function runPackJob(ctx: Ctx, id: string): Promise<void> {
  const row = await packsRepository.claimQueuedPack(ctx.db, id, ctx.clock.now());
  if (!row) return;
  // Signs of life through long phases without progress (queries, the PDF), so the pack is not
  // taken for one left by a stopped process.
  const heartbeat = setInterval(() => {
    packsRepository
      .updatePack(ctx.db, id, { heartbeat_at: ctx.clock.now() })
      .catch((error: unknown) => ctx.logger.warn({ err: error, packId: id }, 'pack heartbeat'));
  }, PACK_HEARTBEAT_MS);
  try {
    await buildAndRecord(ctx, row);
  } finally {
    clearInterval(heartbeat);
  }
}

async function buildAndRecord(ctx: Ctx, row: EvidencePackRow): Promise<void> {
  const { id } = row;
  const finalPath = ctx.packStorage.pathOf(id);
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
      sealer: ctx.packStorage.sealer(),
      onProgress: async (filesDone, filesTotal) => {
        const now = performance.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS && filesDone < filesTotal) return;
        lastWrite = now;
        await packsRepository.updatePack(ctx.db, id, {
          files_done: filesDone,
          files_total: filesTotal,
          heartbeat_at: ctx.clock.now(),
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
        heartbeat_at: null,
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
        heartbeat_at: null,
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
  /** Resolves once every queued pack is built (tests). */
  drain(): Promise<void>;
  /** Stops looking for interrupted packs and waits for the queue (server shutdown). */
  close(): Promise<void>;
}

/**
 * An in-process queue: one pack at a time, so a burst of requests cannot exhaust the machine.
 * With `sweep` (the composition root sets it when this instance runs background jobs) it also,
 * on start and every minute, takes up packs left queued or running by a process that stopped
 * (resumeInterruptedPacks), and first encrypts packs an earlier version kept in clear.
 */
export function createPackJobRunner(ctx: Ctx, options: { sweep: boolean }): PackJobRunner {
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (id: string) => {
    chain = chain
      .then(() => runPackJob(ctx, id))
      .catch((error: unknown) => ctx.logger.error({ err: error, packId: id }, 'pack job'));
  };
  const resume = () => {
    chain = chain
      .then(async () => {
        for (const id of await resumeInterruptedPacks(ctx)) enqueue(id);
      })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'resuming packs'));
  };
  let sweep: NodeJS.Timeout | undefined;
  if (options.sweep) {
    // Packs an earlier version kept in clear are encrypted first, in the queue, off the start-up
    // path.
    chain = chain
      .then(async () => {
        await sealPlainPacks(ctx);
      })
      .catch((error: unknown) =>
        ctx.logger.error({ err: error }, 'encrypting packs kept in clear'),
      );
    resume();
    sweep = setInterval(resume, PACK_STALE_AFTER_MS / 2);
    sweep.unref();
  }
  // Packs found by a sweep are queued while it runs: wait until the queue stops growing.
  const drain = async () => {
    let seen: Promise<void>;
    do {
      seen = chain;
      await seen;
    } while (seen !== chain);
  };
  return {
    enqueue,
    drain,
    async close() {
      clearInterval(sweep);
      await drain();
    },
  };
}
