import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../platform/config.js';
import { TarWriter } from '../../platform/archive/tar.js';
import type { Clock } from '../../platform/clock.js';
import type { DatabaseKind } from '../../platform/db/connect.js';
import { appliedMigrations } from '../../platform/db/migrate.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { databaseSnapshotRepository as snapshot } from './database-snapshot.repository.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  KEY_ENTRY,
  MANIFEST_ENTRY,
  type BackupManifest,
  type BackupSummary,
} from './instance-backup.schema.js';
import { keyFingerprint, readInstanceKey } from './instance-key.js';

/** Table rows are archived in pieces of about this size, so no table is ever held whole. */
const TABLE_PIECE_BYTES = 8 * 1024 * 1024;
/** How the evidence store names its files (`ab/cd/<sha256>.enc`). */
const STORAGE_KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.enc$/;

export interface CreateInstanceBackupOptions {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  clock: Clock;
  config: Pick<Config, 'dataDir' | 'secretKey' | 'evidenceDir'>;
  version: string;
  /** The archive to write; refused if it exists. */
  archivePath: string;
  /** Put the instance key in the archive too (whoever holds the archive can then read evidence). */
  includeKey: boolean;
}

/**
 * Writes one tar archive with everything an instance holds: every table of the database read in
 * one REPEATABLE READ, read-only transaction (a consistent snapshot while the server keeps
 * running on PostgreSQL), the evidence files and packs those rows name (content-addressed and
 * never rewritten, so the files of the snapshot are exactly the ones to copy), the instance key
 * only when asked, and last a manifest with each entry's SHA-256. The archive appears under its
 * name only once complete.
 */
export async function createInstanceBackup(
  options: CreateInstanceBackupOptions,
): Promise<BackupSummary> {
  const archivePath = path.resolve(options.archivePath);
  if (fs.existsSync(archivePath))
    throw new AppError('conflict', `${archivePath} already exists; choose another file name`);
  const instanceKey = readInstanceKey(options.config);
  if (options.includeKey && !instanceKey)
    throw new AppError('validation_failed', 'There is no instance key to include in the backup');

  const createdAt = options.clock.now();
  const partPath = `${archivePath}.part`;
  const file = await fs.promises.open(partPath, 'wx', 0o600);
  try {
    const writer = new TarWriter(file, createdAt);
    const entries: BackupManifest['entries'] = [];
    const add = async (
      name: string,
      bytes: number,
      content: Iterable<Buffer> | AsyncIterable<Buffer>,
    ) => {
      entries.push({ path: name, bytes, sha256: await writer.add(name, bytes, content) });
    };

    const contents = await options.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const migrations = await appliedMigrations(trx);
        const tables: BackupManifest['tables'] = [];
        for (const name of await snapshot.tablesInLoadOrder(trx)) {
          const table = { name, rows: 0, entries: [] as string[] };
          let piece: Buffer[] = [];
          let pieceBytes = 0;
          const flush = async () => {
            if (piece.length === 0) return;
            const entry = `database/${name}/${String(table.entries.length + 1).padStart(6, '0')}.ndjson`;
            await add(entry, pieceBytes, piece);
            table.entries.push(entry);
            piece = [];
            pieceBytes = 0;
          };
          for await (const line of snapshot.rowsAsJsonLines(trx, name)) {
            const bytes = Buffer.from(`${line}\n`, 'utf8');
            piece.push(bytes);
            pieceBytes += bytes.length;
            table.rows += 1;
            if (pieceBytes >= TABLE_PIECE_BYTES) await flush();
          }
          await flush();
          tables.push(table);
        }
        const sequences = await snapshot.sequences(trx);

        const storageKeys = new Set<string>();
        for (const table of await snapshot.tablesWithStorageKeys(trx))
          for (const key of await snapshot.storageKeys(trx, table)) storageKeys.add(key);
        for (const key of [...storageKeys].sort()) {
          if (!STORAGE_KEY_PATTERN.test(key))
            throw new Error(`A row names an evidence file outside the store: ${key}`);
          await addFile(add, `evidence/${key}`, path.join(options.config.evidenceDir, key));
        }

        const packIds = new Set(await snapshot.packIds(trx));
        const packsDir = path.join(options.config.dataDir, 'packs');
        const packFiles = fs.existsSync(packsDir)
          ? (await fs.promises.readdir(packsDir, { withFileTypes: true }))
              .filter((entry) => entry.isFile() && packIds.has(entry.name.split('.')[0] ?? ''))
              .map((entry) => entry.name)
              .sort()
          : [];
        for (const name of packFiles)
          await addFile(add, `packs/${name}`, path.join(packsDir, name));
        return {
          migrations,
          tables,
          sequences,
          evidenceFiles: storageKeys.size,
          packFiles: packFiles.length,
        };
      });

    if (options.includeKey && instanceKey) {
      const text = Buffer.from(`${instanceKey.toString('base64')}\n`);
      await add(KEY_ENTRY, text.length, [text]);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      plumblineVersion: options.version,
      databaseKind: options.databaseKind,
      migrations: contents.migrations,
      instanceKey: {
        fingerprint: instanceKey ? keyFingerprint(instanceKey) : null,
        included: options.includeKey,
      },
      tables: contents.tables,
      sequences: contents.sequences,
      evidenceFiles: contents.evidenceFiles,
      packFiles: contents.packFiles,
      entries,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writer.add(MANIFEST_ENTRY, manifestBytes.length, [manifestBytes]);
    await writer.finish();
    await file.sync();
    await file.close();
    await fs.promises.rename(partPath, archivePath);
    return {
      archive: archivePath,
      bytes: (await fs.promises.stat(archivePath)).size,
      tables: contents.tables.length,
      rows: contents.tables.reduce((sum, table) => sum + table.rows, 0),
      evidenceFiles: contents.evidenceFiles,
      packFiles: contents.packFiles,
      keyIncluded: options.includeKey,
    };
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.promises.rm(partPath, { force: true });
    throw error;
  }
}

/** Archives one file as it is on disk (its size is read first; a file that changes fails). */
async function addFile(
  add: (name: string, bytes: number, content: AsyncIterable<Buffer>) => Promise<void>,
  name: string,
  filePath: string,
): Promise<void> {
  let size: number;
  try {
    size = (await fs.promises.stat(filePath)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new AppError(
      'not_found',
      `${filePath} is named by the database but missing on disk; the backup was not written`,
    );
  }
  await add(name, size, fs.createReadStream(filePath) as AsyncIterable<Buffer>);
}
