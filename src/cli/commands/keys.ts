import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { openConfiguredDatabase } from '../../app/start.js';
import { rotateInstanceKey } from '../../modules/keys/rotate-instance-key.js';
import { systemClock } from '../../platform/clock.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { globalOptions, type CliContext } from '../context.js';

/**
 * `plumbline keys rotate`: offline, like `migrate` (under the lock file for PGlite; every server
 * must be stopped for PostgreSQL too).
 */
export function registerKeyCommands(program: Command, cli: CliContext): void {
  const keys = program.command('keys').description('the instance key that encrypts data at rest');
  keys
    .command('rotate')
    .description(
      're-encrypt every secret, evidence file and stored pack under a new key (PLUMBLINE_NEW_SECRET_KEY, or generated); run again to finish an interrupted rotation (offline)',
    )
    .action(async (_options: unknown, command: Command) => {
      const config = loadConfig(cli.env);
      const database = await openConfiguredDatabase(config);
      try {
        await migrateToLatest(database.db);
        const report = await rotateInstanceKey({ db: database.db, clock: systemClock }, config);
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify(report, null, 2));
          return;
        }
        cli.output.out(
          `${report.resumed ? 'Finished the interrupted key rotation' : 'Rotated the instance key'}: ` +
            `${report.secretsReencrypted} secret(s), ${report.evidenceFilesReencrypted} evidence file(s) and ` +
            `${report.packsReencrypted} pack(s) re-encrypted` +
            (report.alreadyUnderNewKey > 0
              ? `, ${report.alreadyUnderNewKey} already under the new key.`
              : '.'),
        );
        if (report.keyFile) {
          cli.output.out(
            `The new key is in ${report.keyFile}. Back it up now: the old key no longer opens this data.`,
          );
        } else {
          cli.output.out(
            `Set PLUMBLINE_SECRET_KEY to the new key on every instance before starting them (the old key is now refused), and back it up:\n  ${report.newKeyForEnvironment ?? ''}`,
          );
          if (report.pendingKeyFile)
            cli.output.out(
              `The new key is also in ${report.pendingKeyFile}: delete that file once the key is set and backed up.`,
            );
        }
      } finally {
        await database.close();
      }
    });
}
