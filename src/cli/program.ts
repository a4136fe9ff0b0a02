import { Command, CommanderError, Option } from 'commander';
import { clientDefaults } from '../app/client-config.js';
import { PLUMBLINE_VERSION } from '../app/version.js';
import { AppError } from '../platform/errors.js';
import { storageFailureOf, storageFullError } from '../platform/storage/storage-full.js';
import { ApiError } from '../shared/api/api-error.js';
import { registerAccessCommands } from './commands/access.js';
import { registerAccountCommands } from './commands/accounts.js';
import { registerAccessReviewCommands } from './commands/access-reviews.js';
import { registerAccessRequestCommands } from './commands/access-requests.js';
import { registerPeopleCommands } from './commands/people.js';
import { registerAdminCommands } from './commands/admin.js';
import { registerBackupCommands } from './commands/backups.js';
import { registerAlertCommands } from './commands/alerts.js';
import { registerChangeCommands } from './commands/changes.js';
import { registerIncidentCommands } from './commands/incidents.js';
import { registerCapaCommands } from './commands/capas.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerDocumentCommands } from './commands/docs.js';
import { registerTrainingCommands } from './commands/training.js';
import { registerCertificateCommands } from './commands/certs.js';
import { registerInstanceBackupCommands } from './commands/instance-backup.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerLifecycleCommands } from './commands/lifecycle.js';
import { registerPackCommands } from './commands/pack.js';
import { registerRecoveryCommands } from './commands/recovery.js';
import { registerRegisterCommands } from './commands/register.js';
import { registerSupplierCommands } from './commands/suppliers.js';
import { registerReportCommands } from './commands/report.js';
import { registerServeCommand } from './commands/serve.js';
import { registerWorkCommands } from './commands/work.js';
import { registerScanCommands } from './commands/scans.js';
import type { CliContext } from './context.js';
import { CliExit, EXIT } from './exit-codes.js';

export function buildProgram(cli: CliContext): Command {
  const defaults = clientDefaults(cli.env);
  const program = new Command('plumbline')
    .description('Plumbline: infrastructure register, controls and audit evidence')
    .version(PLUMBLINE_VERSION)
    .addOption(
      new Option('--url <url>', 'server URL for client commands (PLUMBLINE_URL)').default(
        defaults.url,
      ),
    )
    .addOption(
      new Option('--token <token>', 'API token for client commands (PLUMBLINE_TOKEN)').default(
        defaults.token,
      ),
    )
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cli.output.out(text),
      writeErr: (text) => cli.output.err(text),
    });
  registerServeCommand(program, cli);
  registerAdminCommands(program, cli);
  registerInstanceBackupCommands(program, cli);
  registerKeyCommands(program, cli);
  registerRegisterCommands(program, cli);
  registerSupplierCommands(program, cli);
  registerAccessCommands(program, cli);
  registerCatalogCommands(program, cli);
  registerReportCommands(program, cli);
  registerPackCommands(program, cli);
  registerBackupCommands(program, cli);
  registerWorkCommands(program, cli);
  registerRecoveryCommands(program, cli);
  registerCertificateCommands(program, cli);
  registerAlertCommands(program, cli);
  registerIncidentCommands(program, cli);
  registerChangeCommands(program, cli);
  registerLifecycleCommands(program, cli);
  registerCapaCommands(program, cli);
  registerScanCommands(program, cli);
  registerAccountCommands(program, cli);
  registerAccessReviewCommands(program, cli);
  registerAccessRequestCommands(program, cli);
  registerPeopleCommands(program, cli);
  registerDocumentCommands(program, cli);
  registerTrainingCommands(program, cli);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function exitCodeForStatus(status: number): number {
  if (status === 401 || status === 403 || status === 404) return EXIT.notFoundOrForbidden;
  return EXIT.failure;
}

/** Runs the CLI and returns its exit code; every error becomes a message and a documented code. */
export async function runCli(argv: string[], cli: CliContext): Promise<number> {
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof CliExit) {
      if (error.message) cli.output.err(error.message);
      return error.code;
    }
    if (error instanceof ApiError) {
      cli.output.err(`Error: ${error.message}`);
      for (const issue of error.issues) cli.output.err(`  ${issue.path}: ${issue.message}`);
      return exitCodeForStatus(error.status);
    }
    if (error instanceof AppError) {
      cli.output.err(error.message);
      if (error.code === 'locked') return EXIT.locked;
      if (error.code === 'not_found' || error.code === 'forbidden') return EXIT.notFoundOrForbidden;
      return EXIT.failure;
    }
    const storageFailure = storageFailureOf(error);
    if (storageFailure) {
      cli.output.err(storageFullError(storageFailure).message);
      return EXIT.failure;
    }
    cli.output.err(`Unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.failure;
  }
}
