import { Option, type Command } from 'commander';
import type { ImportAccountsResult } from '../../modules/accounts/account.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { ACCOUNT_IMPORT_FORMATS } from '../../modules/accounts/parsers/index.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { formatTable } from '../output.js';
import { openInput, streamedBody } from '../upload.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';

function describeIngest(result: ImportAccountsResult): string {
  const counts = `${result.received} accounts of ${result.asset} (${result.format}, snapshot ${result.takenAt}): ${result.created} new, ${result.updated} changed, ${result.alreadyRecorded} already recorded, ${result.removed} removed`;
  const lines = [
    result.snapshotRecorded
      ? `Ingested ${counts}.`
      : `This snapshot was already imported: ${counts}.`,
  ];
  if (result.clocksStopped > 0) lines.push(`Revocation clocks stopped: ${result.clocksStopped}.`);
  if (result.privilegedWithoutMfa.length > 0) {
    lines.push(`Privileged accounts without MFA: ${result.privilegedWithoutMfa.join(', ')}.`);
  }
  return lines.join('\n');
}

/** Client commands for accounts: ingest a system's account listing, list a system's accounts. */
export function registerAccountCommands(program: Command, cli: CliContext): void {
  const accounts = program
    .command('accounts')
    .description('accounts per system (snapshots of what each system reports)');
  accounts
    .command('ingest <file>')
    .description(
      'send a system’s account listing (- for standard input) as a snapshot; nothing is stored if any line is malformed',
    )
    .requiredOption('--asset <key>', 'the system (asset) the listing comes from')
    .addOption(
      new Option('--format <format>', 'what the file is')
        .choices(ACCOUNT_IMPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option(
      '--taken-at <when>',
      'when the listing was taken (ISO date-time, or YYYY-MM-DD: the start of that day; for an IAM report, its GeneratedTime); default: now',
    )
    .action(
      async (
        file: string,
        options: {
          asset: string;
          format: QueryOf<'/accounts/import', 'post'>['format'];
          takenAt?: string;
        },
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const { takenAt } = await resolveInstants(client, {
          takenAt: ['--taken-at', options.takenAt, 'start'],
        });
        const result = await client.send('POST', '/accounts/import', {
          query: { asset: options.asset, format: options.format, takenAt },
          raw: streamedBody(openInput(file), 'text/csv'),
        });
        cli.output.out(
          globalOptions(command).json ? JSON.stringify(result, null, 2) : describeIngest(result),
        );
      },
    );
  withPageOptions(accounts.command('list').description('a system’s accounts, with their flags'))
    .requiredOption('--asset <key>')
    .option('--include-removed', 'also accounts that have disappeared')
    .action(
      async (
        options: { asset: string; includeRemoved?: boolean } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/accounts',
          {
            query: {
              asset: options.asset,
              includeRemoved: options.includeRemoved ? 'true' : undefined,
            },
          },
          options,
        );
        const rows = items.map((account) => ({
          ...account,
          person: account.personEmail ?? '',
          mfa: account.mfaEnabled === null ? '?' : account.mfaEnabled ? 'yes' : 'no',
          state: account.removedAt ? 'removed' : account.disabled ? 'disabled' : 'enabled',
          flagged: Object.entries(account.flags)
            .filter(([, on]) => on)
            .map(([flag]) => flag)
            .join(','),
        }));
        printList(
          command,
          cli,
          rows,
          ['username', 'person', 'privileged', 'mfa', 'state', 'lastLoginAt', 'flagged'],
          formatTable,
        );
      },
    );
}
