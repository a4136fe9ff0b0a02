import type { Command } from 'commander';
import { loadConfig } from '../../app/config.js';
import { openConfiguredDatabase } from '../../app/start.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
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
    .description('re-compute the audit hash chain and report the first broken link (offline)')
    .action(async (_options: unknown, command: Command) => {
      const database = await openConfiguredDatabase(loadConfig(cli.env));
      try {
        await migrateToLatest(database.db);
        const report = await verifyAuditChain(database.db);
        if (globalOptions(command).json) cli.output.out(JSON.stringify(report, null, 2));
        else if (report.valid)
          cli.output.out(
            `Audit chain intact: ${report.eventCount} events, head ${report.headHash}`,
          );
        else
          cli.output.out(
            `Audit chain BROKEN at event ${report.firstBroken?.seq}: ${report.firstBroken?.reason}`,
          );
        if (!report.valid) throw new CliExit(EXIT.failure, '');
      } finally {
        await database.close();
      }
    });
}
