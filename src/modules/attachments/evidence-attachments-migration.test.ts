import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestSchema,
  testDatabaseKind,
  testPostgresUrl,
} from '../../../test/support/test-database.js';
import { openDatabase, type DatabaseHandle } from '../../platform/db/connect.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { migrationProvider } from '../../platform/db/migrations/index.js';

const UNIFYING_MIGRATION = '2026-12-06T09-00_evidence-attachments';

describe('moving evidence files into evidence_attachments', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function emptyDatabase(): Promise<DatabaseHandle> {
    if (testDatabaseKind() === 'pglite') {
      const handle = await openDatabase({
        kind: 'pglite-instance',
        pglite: await PGlite.create(),
        ownsInstance: true,
      });
      cleanups.push(() => handle.close());
      return handle;
    }
    const { schema, drop } = await createTestSchema();
    const handle = await openDatabase({ kind: 'postgresql', url: testPostgresUrl(), schema });
    cleanups.push(async () => {
      await handle.close();
      await drop();
    });
    return handle;
  }

  it('keeps every file of both old tables with its id, hash, storage key, uploader and time', async () => {
    const { db } = await emptyDatabase();
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    await migrateToLatest(db, { only: new Set(names.filter((name) => name < UNIFYING_MIGRATION)) });

    const workOrder = await sql<{ id: string }>`
      insert into work_orders (kind, title, status, owner_role, created_by, created_at, updated_at)
      values ('corrective', 'Replace the disk', 'in_progress', 'engineering', 'alice',
        now(), now())
      returning id`.execute(db);
    const workOrderId = workOrder.rows[0]!.id;
    await sql`
      insert into evidence_files (id, work_order_id, sha256, size_bytes, content_type, filename,
        storage_key, uploaded_by, uploaded_at)
      values ('00000000-0000-4000-8000-000000000001', ${workOrderId}, ${'a'.repeat(64)}, 12,
        'text/plain', 'disk.txt', ${'sha256/' + 'a'.repeat(64)}, 'alice',
        '2026-03-01T10:00:00Z')`.execute(db);
    await sql`
      insert into recovery_evidence_files (id, record_type, record_id, sha256, size_bytes,
        content_type, filename, storage_key, uploaded_by, uploaded_at)
      values ('00000000-0000-4000-8000-000000000002', 'dr-exercise',
        '00000000-0000-4000-8000-0000000000aa', ${'b'.repeat(64)}, 34, 'application/pdf',
        'report.pdf', ${'sha256/' + 'b'.repeat(64)}, 'bob', '2026-04-02T11:00:00Z')`.execute(db);

    await migrateToLatest(db);

    const rows = await db.selectFrom('evidence_attachments').selectAll().orderBy('id').execute();
    expect(
      rows.map((row) => ({
        id: row.id,
        recordType: row.record_type,
        recordId: row.record_id,
        occurrenceId: row.occurrence_id,
        sha256: row.sha256,
        size: Number(row.size_bytes),
        filename: row.filename,
        storageKey: row.storage_key,
        uploadedBy: row.uploaded_by,
        uploadedAt: row.uploaded_at.toISOString(),
      })),
    ).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        recordType: 'work-order',
        recordId: workOrderId,
        occurrenceId: null,
        sha256: 'a'.repeat(64),
        size: 12,
        filename: 'disk.txt',
        storageKey: `sha256/${'a'.repeat(64)}`,
        uploadedBy: 'alice',
        uploadedAt: '2026-03-01T10:00:00.000Z',
      },
      {
        id: '00000000-0000-4000-8000-000000000002',
        recordType: 'dr-exercise',
        recordId: '00000000-0000-4000-8000-0000000000aa',
        occurrenceId: null,
        sha256: 'b'.repeat(64),
        size: 34,
        filename: 'report.pdf',
        storageKey: `sha256/${'b'.repeat(64)}`,
        uploadedBy: 'bob',
        uploadedAt: '2026-04-02T11:00:00.000Z',
      },
    ]);
    const oldTables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema()
        and table_name in ('evidence_files', 'recovery_evidence_files')`.execute(db);
    expect(oldTables.rows).toEqual([]);
  });
});
