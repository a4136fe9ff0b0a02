import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlumbline, type RunningPlumbline } from '../src/app/start.js';
import { loadConfig } from '../src/platform/config.js';
import { openBenchTarget } from './bench-database.js';

/**
 * Runs `body` against Plumbline started in this process on a fresh benchmark database of `kind`
 * (a PGlite data directory, or a schema of its own on PostgreSQL), with the scheduler off and
 * silent logs, then stops it and removes the data, whatever `body` did.
 */
export async function withBenchPlumbline<T>(
  kind: 'pglite' | 'postgresql',
  name: string,
  postgresUrl: string | undefined,
  body: (running: RunningPlumbline, dataDir: string) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `plumbline-bench-${name}-${kind}-`));
  const target = await openBenchTarget(kind, dataDir, postgresUrl);
  let running: RunningPlumbline | undefined;
  try {
    running = await startPlumbline({
      config: loadConfig({
        PLUMBLINE_DATA_DIR: dataDir,
        PLUMBLINE_LOG_LEVEL: 'silent',
        PLUMBLINE_SCHEDULER: 'false',
      }),
      database: target.database,
      webRoot: '',
    });
    return await body(running, dataDir);
  } finally {
    if (running) await running.close();
    else await target.database.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
