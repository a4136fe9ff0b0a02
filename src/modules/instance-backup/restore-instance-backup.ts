import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../platform/config.js';
import { tarEntryChunks, type TarEntry } from '../../platform/archive/tar.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { Clock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/connect.js';
import { appliedMigrations, knownMigrations, migrateToLatest } from '../../platform/db/migrate.js';
import { AppError } from '../../platform/errors.js';
import { databaseSnapshotRepository as snapshot } from './database-snapshot.repository.js';
import { damaged, jsonLines, readText, readVerifiedArchive } from './backup-archive.js';
import { KEY_ENTRY, type BackupManifest, type RestoreSummary } from './instance-backup.schema.js';
import { keyFilePath, keyFingerprint, parseKeyFile, readInstanceKey } from './instance-key.js';

/** Rows inserted per statement while loading a table. */
const ROWS_PER_INSERT = 500;
const BYTES_PER_INSERT = 4 * 1024 * 1024;

export interface RestoreInstanceBackupOptions {
  config: Pick<Config, 'dataDir' | 'evidenceDir' | 'secretKey' | 'databaseUrl'>;
  clock: Clock;
  /** Opens the configured database (for PGlite under its lock file, so no server may run). */
  openDatabase: () => Promise<DatabaseHandle>;
  archivePath: string;
}

/**
 * Restores a `plumbline backup` archive into an empty instance: checks every entry against the
 * manifest first (nothing is written from a damaged archive), refuses a target that already
 * holds data, recreates the schema the backup was taken from, puts the files in place, loads
 * every table in one transaction that ends with an audit event recording the restore, then
 * applies the migrations this version adds. See docs/operations.md.
 */
export async function restoreInstanceBackup(
  options: RestoreInstanceBackupOptions,
): Promise<RestoreSummary> {
  const { config } = options;
  const file = await fs.promises.open(options.archivePath, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new AppError('not_found', `${options.archivePath} does not exist`);
    throw error;
  });
  try {
    const { manifest, entries } = await readVerifiedArchive(file);
    const known = new Set(await knownMigrations());
    const unknown = manifest.migrations.filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw damaged(
        `it was made by a newer Plumbline (${manifest.plumblineVersion}) whose schema this version ` +
          `does not know (${unknown.join(', ')}); restore it with that version or a later one`,
      );
    refuseFilesAlreadyThere(config);
    const archiveKey = entries.has(KEY_ENTRY)
      ? parseKeyFile(await readText(file, entries.get(KEY_ENTRY)!))
      : null;
    const instanceKey = readInstanceKey(config) ?? archiveKey;
    checkKey(manifest, instanceKey);

    const database = await options.openDatabase();
    const written: string[] = [];
    try {
      const applied = await appliedMigrations(database.db);
      const newer = applied.filter((name) => !manifest.migrations.includes(name));
      if (newer.length > 0)
        throw new AppError(
          'conflict',
          `The database is already migrated beyond the backup (${newer.join(', ')}); restore into an empty database`,
        );
      await migrateToLatest(database.db, { only: new Set(manifest.migrations) });
      const tables = await snapshot.tablesInLoadOrder(database.db);
      const holding = await snapshot.nonEmptyTables(database.db, tables);
      if (holding.length > 0)
        throw new AppError(
          'conflict',
          `The database is not empty (${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''} hold rows); restore into an empty database`,
        );
      const missing = manifest.tables.filter((table) => !tables.includes(table.name));
      if (missing.length > 0)
        throw damaged(`its tables ${missing.map((t) => t.name).join(', ')} do not exist here`);

      for (const [name, entry] of entries) {
        const target = fileTarget(config, name);
        if (target === null) continue;
        written.push(target);
        await writeEntry(file, entry, target);
      }
      let keyRestored = false;
      if (archiveKey && !config.secretKey && !fs.existsSync(keyFilePath(config))) {
        await fs.promises.mkdir(config.dataDir, { recursive: true });
        await fs.promises.writeFile(keyFilePath(config), `${archiveKey.toString('base64')}\n`, {
          mode: 0o600,
          flag: 'wx',
        });
        written.push(keyFilePath(config));
        keyRestored = true;
      }

      await mutate({ db: database.db, clock: options.clock }, systemActor, async (tx) => {
        await snapshot.setUserTriggers(tx.trx, tables, false);
        for (const table of manifest.tables) {
          const columns = await snapshot.insertableColumns(tx.trx, table.name);
          let batch: string[] = [];
          let batchBytes = 0;
          for (const entryName of table.entries) {
            for await (const line of jsonLines(file, entries.get(entryName)!)) {
              batch.push(line);
              batchBytes += line.length;
              if (batch.length >= ROWS_PER_INSERT || batchBytes >= BYTES_PER_INSERT) {
                await snapshot.insertJsonLines(tx.trx, table.name, columns, batch);
                batch = [];
                batchBytes = 0;
              }
            }
          }
          await snapshot.insertJsonLines(tx.trx, table.name, columns, batch);
          const loaded = await snapshot.countRows(tx.trx, table.name);
          if (loaded !== table.rows)
            throw damaged(
              `${table.name} has ${loaded} rows after loading, the manifest says ${table.rows}`,
            );
        }
        for (const sequence of manifest.sequences) await snapshot.setSequence(tx.trx, sequence);
        await snapshot.setUserTriggers(tx.trx, tables, true);
        await tx.audit({
          action: 'instance.restored',
          entityType: 'instance',
          entityId: 'instance',
          after: {
            archive: path.basename(options.archivePath),
            backupCreatedAt: manifest.createdAt,
            backupPlumblineVersion: manifest.plumblineVersion,
            backupDatabaseKind: manifest.databaseKind,
            tables: manifest.tables.length,
            rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
            evidenceFiles: manifest.evidenceFiles,
            packFiles: manifest.packFiles,
            keyRestored,
          },
        });
      });
      const { applied: migrationsAppliedAfter } = await migrateToLatest(database.db);
      return {
        tables: manifest.tables.length,
        rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
        evidenceFiles: manifest.evidenceFiles,
        packFiles: manifest.packFiles,
        keyRestored,
        migrationsAppliedAfter,
      };
    } catch (error) {
      // The target was empty: take back the files, so a corrected restore can run again.
      for (const target of written) await fs.promises.rm(target, { force: true });
      throw error;
    } finally {
      await database.close();
    }
  } finally {
    await file.close();
  }
}

/** Files already in the evidence store or among the packs would be mixed with the backup's. */
function refuseFilesAlreadyThere(
  config: Pick<Config, 'dataDir' | 'evidenceDir' | 'databaseUrl'>,
): void {
  const holdsFiles = (directory: string, allowed: string[] = []) =>
    fs.existsSync(directory) && fs.readdirSync(directory).some((name) => !allowed.includes(name));
  for (const directory of [config.evidenceDir, path.join(config.dataDir, 'packs')])
    if (holdsFiles(directory))
      throw new AppError('conflict', `${directory} is not empty; restore into an empty instance`);
  // An embedded instance's data directory may hold its key file (to decrypt the backup) and its
  // database (whose emptiness is checked once open), nothing else.
  if (!config.databaseUrl && holdsFiles(config.dataDir, ['secret.key', 'pgdata', 'plumbline.lock']))
    throw new AppError(
      'conflict',
      `The data directory ${config.dataDir} is not empty; restore into an empty one`,
    );
}

/** Evidence and sealed fields can only be read with the key they were encrypted with. */
function checkKey(manifest: BackupManifest, key: Buffer | null): void {
  const expected = manifest.instanceKey.fingerprint;
  if (expected === null) return;
  if (!key)
    throw new AppError(
      'validation_failed',
      `The backup's evidence and secrets are encrypted with the instance key ${expected} ` +
        '(fingerprint), which the archive does not include: set PLUMBLINE_SECRET_KEY or put the ' +
        'key file (secret.key) in the empty data directory, then restore again',
    );
  if (keyFingerprint(key) !== expected)
    throw new AppError(
      'validation_failed',
      `The instance key configured here (${keyFingerprint(key)}) is not the backup's (${expected}); ` +
        'its evidence and secrets would be unreadable. Use the key of the instance that was backed up',
    );
}

/** Where an archive entry goes, or null for entries that are not files of the instance. */
function fileTarget(config: Pick<Config, 'dataDir' | 'evidenceDir'>, name: string): string | null {
  const evidence = /^evidence\/([0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.enc)$/.exec(name);
  if (evidence) return path.join(config.evidenceDir, evidence[1]!);
  const pack = /^packs\/([0-9a-f-]{36}(\.[A-Za-z0-9.]+)?)$/.exec(name);
  if (pack) return path.join(config.dataDir, 'packs', pack[1]!);
  return null;
}

async function writeEntry(file: FileHandle, entry: TarEntry, target: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const out = await fs.promises.open(target, 'wx', 0o600);
  try {
    for await (const chunk of tarEntryChunks(file, entry)) await out.write(chunk);
    await out.sync();
  } finally {
    await out.close();
  }
}
