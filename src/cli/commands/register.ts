import fs from 'node:fs';
import type { Command } from 'commander';
import { ApiError, type QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, pageOptions, withPageOptions } from '../paging.js';
import { registerRegisterSyncCommands } from './register-sync.js';

function readInput(file: string): Buffer {
  if (file === '-') return fs.readFileSync(0);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliExit(EXIT.failure, `Cannot read ${file}: ${(error as Error).message}`);
  }
}

function writeOutput(cli: CliContext, out: string | undefined, text: string): void {
  if (out) fs.writeFileSync(out, text);
  else cli.output.out(text);
}

/** Client commands for the register: assets, processes and the matrix (suppliers: suppliers.ts). */
export function registerRegisterCommands(program: Command, cli: CliContext): void {
  registerRegisterSyncCommands(program, cli);
  const assets = program.command('assets').description('the asset register');
  assets
    .command('list')
    .description('list assets')
    .option('--category <category>')
    .option('--environment <environment>')
    .option('--criticality <criticality>')
    .option('--tag <tag>')
    .option('-q, --query <text>', 'search key, name and purpose')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const { items } = await clientFor(command, cli).get('/assets', {
        query: {
          category: options.category as QueryOf<'/assets'>['category'],
          environment: options.environment as QueryOf<'/assets'>['environment'],
          criticality: options.criticality as QueryOf<'/assets'>['criticality'],
          tag: options.tag,
          q: options.query,
          limit: 10_000,
        },
      });
      printList(
        command,
        cli,
        items,
        ['key', 'name', 'category', 'environment', 'criticality', 'ownerRole', 'lifecycleStatus'],
        formatTable,
      );
    });
  assets
    .command('get <key>')
    .description('show one asset')
    .action(async (key: string, _options: unknown, command: Command) => {
      const asset = await clientFor(command, cli).get('/assets/{key}', { path: { key } });
      cli.output.out(JSON.stringify(asset, null, 2));
    });
  assets
    .command('import <file>')
    .description(
      'import assets from CSV (- for standard input); nothing is written if any row is bad',
    )
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--partial', 'import the valid rows even if some are bad')
    .action(
      async (file: string, options: { dryRun?: boolean; partial?: boolean }, command: Command) => {
        let report;
        try {
          // A file with bad rows is answered with its report (400), not an error.
          report = await clientFor(command, cli).send('POST', '/assets/import', {
            query: {
              dryRun: options.dryRun ? 'true' : undefined,
              partial: options.partial ? 'true' : undefined,
            },
            raw: { contentType: 'text/csv', content: readInput(file) },
            answerStatuses: [400],
          });
        } catch (error) {
          // A file refused as a whole (an unknown column) is answered with the error body.
          if (!(error instanceof ApiError) || error.status !== 400) throw error;
          if (globalOptions(command).json) cli.output.out(JSON.stringify(error.body, null, 2));
          throw new CliExit(EXIT.failure, error.message);
        }
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify(report, null, 2));
        } else {
          for (const error of report.errors)
            cli.output.err(
              `line ${error.line}${error.column ? ` (${error.column})` : ''}: ${error.message}`,
            );
          const verb = report.written ? 'Imported' : report.dryRun ? 'Dry run' : 'Nothing written';
          cli.output.out(
            `${verb}: ${report.rows} rows, ${report.created} to create, ${report.updated} to update, ${report.unchanged} unchanged, ${report.skipped} with errors.`,
          );
        }
        if (report.errors.length > 0 && !report.partial) throw new CliExit(EXIT.failure, '');
      },
    );
  assets
    .command('export')
    .description('write every asset as CSV (the import format)')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (options: { out?: string }, command: Command) => {
      writeOutput(cli, options.out, await clientFor(command, cli).getText('/assets/export.csv'));
    });

  withPageOptions(program.command('processes').description('list processes by name')).action(
    async (options: Record<string, unknown>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/processes',
        {},
        pageOptions(options),
      );
      printList(
        command,
        cli,
        items,
        ['key', 'name', 'ownerRole', 'affectsConformity', 'assetCount'],
        formatTable,
      );
    },
  );

  const matrix = program.command('matrix').description('the process-to-infrastructure matrix');
  withPageOptions(matrix.command('list'))
    .option('--process <key>')
    .option('--asset <key>')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/matrix',
        {
          query: {
            process: options.process as string | undefined,
            asset: options.asset as string | undefined,
          },
        },
        pageOptions(options),
      );
      printList(
        command,
        cli,
        items,
        ['processKey', 'assetKey', 'assetCriticality', 'controlMethod', 'evidenceLocation'],
        formatTable,
      );
    });
  matrix
    .command('export')
    .option('-o, --out <file>')
    .action(async (options: { out?: string }, command: Command) => {
      writeOutput(cli, options.out, await clientFor(command, cli).getText('/matrix/export.csv'));
    });
}
