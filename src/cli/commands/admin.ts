import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { openConfiguredDatabase } from '../../app/start.js';
import { readAuditCheckpointFile } from '../../modules/audit-log/audit-checkpoint-file.js';
import type { AuditCheckpoint } from '../../modules/audit-log/audit-checkpoint.schema.js';
import { verifyAuditTrail } from '../../modules/audit-log/verify-audit-trail.js';
import { instanceKeyForReading } from '../../modules/keys/check-instance-key.js';
import { createSecretBox } from '../../platform/crypto/secrets.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { globalOptions, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';

/**
 * Offline administration: these open the database directly (under the lock file for PGlite), so
 * they refuse to run while a server holds the embedded data directory.
 */
export function registerAdminCommands(program: Command, cli: CliContext): void {
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const database = await openConfiguredDatabase(loadConfig(cli.env));
      try {
        const { applied } = await migrateToLatest(database.db);
        cli.output.out(
          applied.length === 0
            ? 'Database is up to date.'
            : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}`,
        );
      } finally {
        await database.close();
      }
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description(
      're-compute the audit hash chain, hold it against its newest signed checkpoint and report the first problem (offline)',
    )
    .option(
      '--checkpoint <file>',
      "also hold the chain against this checkpoint (a checkpoint file, or an evidence pack's manifest.json)",
    )
    .action(async (options: { checkpoint?: string }, command: Command) => {
      const config = loadConfig(cli.env);
      const given = options.checkpoint ? await readGivenCheckpoint(options.checkpoint) : undefined;
      const database = await openConfiguredDatabase(config);
      try {
        await migrateToLatest(database.db);
        // The key the data is under, or a clear refusal; a read-only command records nothing.
        const instanceKey = await instanceKeyForReading({ db: database.db }, config);
        // Without any key nothing was ever encrypted, so no checkpoint can verify: an unsaved
        // random key makes each one report as unverifiable, while the chain itself is checked.
        const secretBox = createSecretBox(instanceKey ?? randomBytes(32));
        const report = await verifyAuditTrail(
          { db: database.db, secretBox, config },
          given ? { given } : {},
        );
        cli.output.out(
          globalOptions(command).json ? JSON.stringify(report, null, 2) : report.message,
        );
        if (!report.intact) throw new CliExit(EXIT.failure, '');
      } finally {
        await database.close();
      }
    });
}

async function readGivenCheckpoint(file: string): Promise<AuditCheckpoint> {
  const read = await readAuditCheckpointFile(file);
  switch (read.status) {
    case 'read':
      return read.checkpoint;
    case 'none':
      throw new CliExit(EXIT.usage, `${file} does not exist`);
    case 'unreadable':
      throw new CliExit(EXIT.usage, read.reason);
  }
}
