import fs from 'node:fs';
import { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import type { AccountView, ImportAccountsResult } from '../../modules/accounts/account.schema.js';
import { ACCOUNT_IMPORT_FORMATS } from '../../modules/accounts/parsers/index.js';
import { ApiError } from '../api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';

/** The file (or standard input for `-`) as a stream. */
export function openUpload(file: string): Readable {
  if (file === '-') return process.stdin;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw new CliExit(EXIT.failure, `Cannot read ${file}: ${(error as Error).message}`);
  }
  return fs.createReadStream(file);
}

/** POSTs a file as the request body as it is read, and returns the parsed answer. */
export async function postUpload<T>(
  command: Command,
  cli: CliContext,
  path: string,
  query: Record<string, string | undefined>,
  input: Readable,
): Promise<T> {
  const { url, token } = globalOptions(command);
  const target = new URL(`/api/v1${path}`, url);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  const doFetch = cli.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: Readable.toWeb(input) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw new CliExit(
      EXIT.unreachable,
      `Cannot reach Plumbline at ${url}: ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text for the message.
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

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
      '--taken-at <instant>',
      'when the listing was taken (for an IAM report, its GeneratedTime); default: now',
    )
    .action(
      async (
        file: string,
        options: { asset: string; format: string; takenAt?: string },
        command: Command,
      ) => {
        const result = await postUpload<ImportAccountsResult>(
          command,
          cli,
          '/accounts/import',
          { asset: options.asset, format: options.format, takenAt: options.takenAt },
          openUpload(file),
        );
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
        const items = await fetchList<AccountView>(
          clientFor(command, cli),
          cli,
          '/accounts',
          { asset: options.asset, includeRemoved: options.includeRemoved ? 'true' : undefined },
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
