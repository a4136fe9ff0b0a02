import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { openConfiguredDatabase } from '../../app/start.js';
import { PLUMBLINE_VERSION } from '../../app/version.js';
import { createInstanceBackup } from '../../modules/instance-backup/create-instance-backup.js';
import { restoreInstanceBackup } from '../../modules/instance-backup/restore-instance-backup.js';
import { systemClock } from '../../platform/clock.js';
import { globalOptions, type CliContext } from '../context.js';

/**
 * Offline backup and restore of a whole instance (docs/operations.md). Like `migrate`, they open
 * the configured database themselves: on PGlite under its lock file, so the server must be
 * stopped; on PostgreSQL a backup reads one consistent snapshot while the server runs.
 */
export function registerInstanceBackupCommands(program: Command, cli: CliContext): void {
  program
    .command('backup <file>')
    .description(
      'write the database, evidence files and packs into one archive (offline on PGlite)',
    )
    .option(
      '--include-key',
      'also put the instance key in the archive (whoever holds the archive can then read all evidence)',
    )
    .action(async (file: string, options: { includeKey?: boolean }, command: Command) => {
      const config = loadConfig(cli.env);
      const database = await openConfiguredDatabase(config);
      try {
        const summary = await createInstanceBackup({
          db: database.db,
          databaseKind: database.kind,
          clock: systemClock,
          config,
          version: PLUMBLINE_VERSION,
          archivePath: file,
          includeKey: options.includeKey === true,
        });
        if (summary.keyIncluded)
          cli.output.err(
            'WARNING: the archive contains the instance key. Anyone who holds it can decrypt every ' +
              'evidence file and stored secret: keep it as safe as the key itself.',
          );
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify(summary, null, 2));
          return;
        }
        cli.output.out(
          `Backup written to ${summary.archive} (${summary.bytes} bytes): ${summary.tables} tables, ` +
            `${summary.rows} rows, ${summary.evidenceFiles} evidence files, ${summary.packFiles} packs.`,
        );
        if (!summary.keyIncluded)
          cli.output.out(
            'The instance key is NOT in the archive. Keep it separately (PLUMBLINE_SECRET_KEY or ' +
              `${config.dataDir}/secret.key): without it the evidence cannot be read after a restore.`,
          );
      } finally {
        await database.close();
      }
    });

  program
    .command('restore <file>')
    .description('restore a backup archive into an empty data directory or database (offline)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const config = loadConfig(cli.env);
      const summary = await restoreInstanceBackup({
        config,
        clock: systemClock,
        openDatabase: () => openConfiguredDatabase(config),
        archivePath: file,
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(summary, null, 2));
        return;
      }
      cli.output.out(
        `Restored ${summary.tables} tables (${summary.rows} rows), ${summary.evidenceFiles} evidence ` +
          `files and ${summary.packFiles} packs${summary.keyRestored ? ', and the instance key' : ''}.`,
      );
      if (summary.migrationsAppliedAfter.length > 0)
        cli.output.out(`Then applied ${summary.migrationsAppliedAfter.length} newer migration(s).`);
    });
}
