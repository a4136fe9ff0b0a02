import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { openDatabase } from './connect.js';
import { acquireLockFile, type LockFile } from './lock-file.js';

const LOCK_MODULE = new URL('./lock-file.ts', import.meta.url).href;

/**
 * Runs another Node process that takes the lock on `dir` with the real code, then either holds it
 * until stdin closes or exits at once without releasing it (as a crash would).
 */
async function lockInOtherProcess(dir: string, then: 'hold' | 'exit'): Promise<ChildProcess> {
  const script = [
    `import { acquireLockFile } from ${JSON.stringify(LOCK_MODULE)};`,
    `acquireLockFile(${JSON.stringify(dir)});`,
    `console.log('locked');`,
    then === 'hold'
      ? `process.stdin.resume(); process.stdin.on('end', () => process.exit(0));`
      : `process.exit(0);`,
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [output] = (await once(child.stdout, 'data')) as [Buffer];
  expect(output.toString().trim()).toBe('locked');
  if (then === 'exit' && child.exitCode === null) await once(child, 'exit');
  return child;
}

function lockError(dir: string): AppError {
  try {
    acquireLockFile(dir).release();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the lock was granted');
}

describe('data directory lock file', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-lock-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  function take(dir: string): LockFile {
    const lock = acquireLockFile(dir);
    cleanups.push(() => lock.release());
    return lock;
  }

  it('refuses a directory another live process holds, naming that process', async () => {
    const dir = tempDir();
    const holder = await lockInOtherProcess(dir, 'hold');
    cleanups.push(async () => {
      holder.stdin!.end();
      if (holder.exitCode === null) await once(holder, 'exit');
    });
    const error = lockError(dir);
    expect(error.code).toBe('locked');
    expect(error.message).toContain(`in use by another Plumbline process (PID ${holder.pid})`);
    expect(error.details).toMatchObject({ pid: holder.pid });
  });

  it('replaces a stale lock whose process has died', async () => {
    const dir = tempDir();
    const crashed = await lockInOtherProcess(dir, 'exit');
    const stale = JSON.parse(fs.readFileSync(path.join(dir, 'plumbline.lock'), 'utf8')) as {
      pid: number;
    };
    expect(stale.pid).toBe(crashed.pid);
    const lock = take(dir);
    expect(JSON.parse(fs.readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('replaces a lock left by an earlier process that had this PID, as after a container restart', () => {
    const dir = tempDir();
    const lockPath = path.join(dir, 'plumbline.lock');
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: 'old', since: 'then' }));
    const lock = take(dir);
    expect(lock.path).toBe(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toMatchObject({ host: os.hostname() });
  });

  it('replaces an unreadable lock file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'plumbline.lock'), 'not json');
    expect(() => take(dir)).not.toThrow();
  });

  it('refuses to open a directory twice in one process', () => {
    const dir = tempDir();
    take(dir);
    const error = lockError(dir);
    expect(error.code).toBe('locked');
    expect(error.message).toContain('already open in this process');
    expect(lockError(path.join(dir, '.')).code).toBe('locked');
  });

  it('removes the lock file on release so the directory can be opened again', () => {
    const dir = tempDir();
    const lock = acquireLockFile(dir);
    expect(fs.existsSync(lock.path)).toBe(true);
    lock.release();
    expect(fs.existsSync(lock.path)).toBe(false);
    take(dir);
    expect(fs.existsSync(lock.path)).toBe(true);
  });

  it('keeps a second embedded database off a directory that is open', async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toMatchObject({
        code: 'locked',
      });
      const stillWorks = await sql<{ one: number }>`select 1 as one`.execute(first.db);
      expect(stillWorks.rows).toEqual([{ one: 1 }]);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dir, 'plumbline.lock'))).toBe(false);
  });
});
