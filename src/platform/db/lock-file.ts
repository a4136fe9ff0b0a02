import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface LockFile {
  path: string;
  release(): void;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const content = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown };
    return typeof content.pid === 'number' ? content.pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lock files this process holds. A lock naming our own PID that is not in here was left by an
 * earlier process that happened to have the same PID: in a container the server is often PID 1
 * on every start, so after a crash its old lock must count as stale, not as "already open here".
 * This is per process by nature, hence module state.
 */
const heldByThisProcess = new Set<string>();

/**
 * Takes the exclusive lock on an embedded data directory. Two processes writing one PGlite
 * directory corrupt it silently, so a second process must fail loudly, naming the holder. A lock
 * whose holder PID is dead is stale and is replaced; a live holder's lock is never stolen.
 */
export function acquireLockFile(dataDir: string): LockFile {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.resolve(dataDir), 'plumbline.lock');
  if (heldByThisProcess.has(lockPath)) {
    throw new AppError(
      'locked',
      `The data directory ${dataDir} is already open in this process (PID ${process.pid}).`,
      { details: { pid: process.pid, lockPath } },
    );
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const descriptor = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(
        descriptor,
        JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
      );
      fs.closeSync(descriptor);
      heldByThisProcess.add(lockPath);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          heldByThisProcess.delete(lockPath);
          if (readHolderPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolderPid(lockPath);
      if (holder !== undefined && holder !== process.pid && isProcessAlive(holder)) {
        throw new AppError(
          'locked',
          `The data directory ${dataDir} is in use by another Plumbline process (PID ${holder}). ` +
            'Stop that process first, or use PLUMBLINE_DATABASE_URL to share a PostgreSQL server between instances.',
          { details: { pid: holder, lockPath } },
        );
      }
      // Stale: its holder is gone, had our PID before us, or the file is unreadable. Replace it.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('locked', `Could not take the lock file ${lockPath}`);
}
