import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../audit/actor.js';
import { mutate, type MutationDeps } from '../audit/mutate.js';
import { AppError } from '../errors.js';

/** The stored thing a download reads: an evidence file (of a work order or a recovery record) or a pack. */
export interface DownloadSubject {
  entityType: 'evidence' | 'recovery_evidence' | 'evidence_pack';
  entityId: string;
}

type Deps = MutationDeps & { logger: Pick<FastifyBaseLogger, 'error'> };

/**
 * Opens stored content for a download so that no unverified byte is sent. `open` authenticates
 * the whole file before it resolves; a failure is recorded in the audit trail (`evidence.corrupt`,
 * by the requesting actor) and rethrown as the `evidence_corrupt` error the client sees. Should
 * the file change between that check and the read that sends it, the stream errors mid-transfer:
 * the connection is then cut short of its Content-Length, so no client takes the file as complete,
 * and that failure is recorded too.
 */
export async function openForDownload(
  deps: Deps,
  actor: Actor,
  subject: DownloadSubject,
  open: () => Promise<Readable>,
): Promise<Readable> {
  let content: Readable;
  try {
    content = await open();
  } catch (error) {
    if (error instanceof AppError && error.code === 'evidence_corrupt') {
      await recordCorruption(deps, actor, subject, 'before_sending', error.details?.reason);
    }
    throw error;
  }
  content.once('error', (error) => {
    recordCorruption(deps, actor, subject, 'while_sending', error.message).catch(
      (failure: unknown) =>
        deps.logger.error({ err: failure, ...subject }, 'recording a corrupt download'),
    );
  });
  return content;
}

async function recordCorruption(
  deps: Deps,
  actor: Actor,
  subject: DownloadSubject,
  detectedWhen: 'before_sending' | 'while_sending',
  reason: unknown,
): Promise<void> {
  deps.logger.error({ ...subject, detectedWhen, reason }, 'stored file failed its integrity check');
  await mutate(deps, actor, (tx) =>
    tx.audit({
      action: 'evidence.corrupt',
      entityType: subject.entityType,
      entityId: subject.entityId,
      after: { detectedWhen, reason: typeof reason === 'string' ? reason : 'unreadable' },
    }),
  );
}
