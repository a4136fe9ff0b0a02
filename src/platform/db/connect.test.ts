import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';

describe('the embedded database', () => {
  it('runs with a 32 MB buffer pool instead of PGlite’s 128 MB, and keeps its time zone', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-connect-'));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const { rows } = await sql<{ shared_buffers: string; time_zone: string }>`
        select current_setting('shared_buffers') as shared_buffers,
          current_setting('TimeZone') as time_zone`.execute(database.db);
      expect(rows).toEqual([{ shared_buffers: '32MB', time_zone: 'UTC' }]);
    } finally {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // A new data directory is initialised first: tens of seconds on a busy machine.
  }, 180_000);
});
