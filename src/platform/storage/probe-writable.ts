import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A probe that has not answered by then counts as failed (a hung network file system). */
const PROBE_TIMEOUT_MS = 5_000;
/** One page: a file system with less than this left cannot take an evidence file anyway. */
const PROBE_BYTES = 4096;

/**
 * Proves a directory takes writes now: creates a small file, writes it, flushes it to disk
 * (fsync, so a full disk or a read-only mount fails here rather than later), and removes it.
 * Rejects with the file system's own error (ENOSPC, EROFS, EACCES…) or a timeout.
 */
export async function probeWritable(directory: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`No answer from ${directory} within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([writeSyncAndRemove(directory), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function writeSyncAndRemove(directory: string): Promise<void> {
  await fs.promises.mkdir(directory, { recursive: true });
  const file = path.join(directory, `.write-probe-${randomUUID()}`);
  const handle = await fs.promises.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(Buffer.alloc(PROBE_BYTES));
    await handle.sync();
  } finally {
    await handle.close();
    await fs.promises.rm(file, { force: true });
  }
}
