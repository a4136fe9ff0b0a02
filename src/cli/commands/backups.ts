import { Option, type Command } from 'commander';
import type { ImportBackupRunsResult } from '../../modules/backups/backup-run.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { BACKUP_IMPORT_FORMATS } from '../../modules/backups/parsers/index.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';
import { openInput, streamedBody } from '../upload.js';

interface IngestOptions {
  format: (typeof BACKUP_IMPORT_FORMATS)[number];
  asset?: string;
  dryRun?: boolean;
  allowEmpty?: boolean;
}

function describeIngest(result: ImportBackupRunsResult): string {
  const counts = `${result.received} runs (${result.format}): ${result.created} new, ${result.alreadyRecorded} already recorded, ${result.conflictCount} in conflict`;
  return result.dryRun ? `Dry run, nothing stored: ${counts}.` : `Ingested ${counts}.`;
}

/** Client commands for backups: ingest a tool's output, list runs and policies. */
export function registerBackupCommands(program: Command, cli: CliContext): void {
  const backups = program.command('backups').description('backup runs and policies');
  backups
    .command('ingest <file>')
    .description(
      'send a backup tool’s output (- for standard input) as it is read; nothing is stored if any of it is malformed',
    )
    .addOption(
      new Option('--format <format>', 'what the output is')
        .choices(BACKUP_IMPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--asset <key>', 'the asset, for output that names none')
    .option('--dry-run', 'check and count, store nothing')
    .option('--allow-empty', 'accept output that holds no runs (refused otherwise)')
    .action(async (file: string, options: IngestOptions, command: Command) => {
      const result = await clientFor(command, cli).send('POST', '/backup-runs/import', {
        query: {
          format: options.format,
          asset: options.asset,
          dryRun: options.dryRun ? 'true' : undefined,
          allowEmpty: options.allowEmpty ? 'true' : undefined,
        },
        raw: streamedBody(openInput(file)),
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(result, null, 2));
        return;
      }
      // Conflicts are reported, not fatal: the stored runs stay as they were (docs/backups.md).
      for (const conflict of result.conflicts) {
        const where =
          conflict.line === null
            ? `run ${conflict.index + 1}`
            : `line ${conflict.line} (run ${conflict.index + 1})`;
        cli.output.err(
          `conflict: ${where} ${conflict.tool}/${conflict.externalId} differs from the stored run ${conflict.storedRunId} in ${conflict.fields.join(', ')}`,
        );
      }
      cli.output.out(describeIngest(result));
    });
  withPageOptions(backups.command('runs').description('backup runs, newest first'))
    .option('--asset <key>')
    .option('--from <when>', 'started at or after (ISO date-time, or YYYY-MM-DD: from its start)')
    .option('--to <when>', 'started before (ISO date-time, or YYYY-MM-DD: to its end)')
    .option('--status <status>', 'succeeded, failed or partial')
    .option('--tool <tool>')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const client = clientFor(command, cli);
      const period = await resolveInstants(client, {
        from: ['--from', options.from, 'start'],
        to: ['--to', options.to, 'end'],
      });
      const items = await fetchList(
        client,
        cli,
        '/backup-runs',
        {
          query: {
            asset: options.asset,
            ...period,
            status: options.status as QueryOf<'/backup-runs'>['status'],
            tool: options.tool as QueryOf<'/backup-runs'>['tool'],
          },
        },
        options,
      );
      printList(
        command,
        cli,
        items,
        ['startedAt', 'assetKey', 'tool', 'status', 'backupType', 'externalId'],
        formatTable,
      );
    });
  backups
    .command('policies')
    .description('backup policies')
    .option('--include-archived', 'archived policies too')
    .action(async (options: { includeArchived?: boolean }, command: Command) => {
      const { items } = await clientFor(command, cli).get('/backup-policies', {
        query: { includeArchived: options.includeArchived ? 'true' : undefined },
      });
      const rows = items.map((policy) => ({
        ...policy,
        scope: Object.values(policy.scope).join(':'),
      }));
      printList(
        command,
        cli,
        rows,
        ['name', 'scope', 'incrementalEvery', 'fullEvery', 'rpo', 'rto', 'archivedAt'],
        formatTable,
      );
    });
  backups
    .command('policy <asset>')
    .description('the backup policy that applies to an asset, and where it comes from')
    .action(async (asset: string, _options: unknown, command: Command) => {
      const policy = await clientFor(command, cli).get('/assets/{key}/backup-policy', {
        path: { key: asset },
      });
      cli.output.out(JSON.stringify(policy, null, 2));
    });
  backups
    .command('status')
    .description('every asset under a backup policy with its status, worst first')
    .option(
      '--at <when>',
      'as the records stood at this instant (ISO date-time, or YYYY-MM-DD: as that day ended)',
    )
    .action(async (options: { at?: string }, command: Command) => {
      const client = clientFor(command, cli);
      const { at } = await resolveInstants(client, { at: ['--at', options.at, 'end'] });
      const view = await client.get('/backups/status', { query: { at } });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(view, null, 2));
        return;
      }
      // Worst first, as the items are.
      const counts = (['missed', 'failing', 'no_evidence', 'non_compliant', 'ok'] as const)
        .map((status) => `${view.counts[status]} ${status}`)
        .join(', ');
      cli.output.out(`Backup status at ${view.at}: ${counts}.`);
      const rows = view.items.map((item) => ({
        assetKey: item.assetKey,
        status: item.status,
        lastSuccessAt: item.lastSuccessAt ?? 'never',
        // The server's words for the figure, exactly as the web pages show them.
        rpo30Days: `${item.rpoLast30Days.achieved} of ${item.rpoLast30Days.target}`,
        failed30Days: item.failedRunsLast30Days,
        openIncidents: item.openIncidents.length,
      }));
      cli.output.out(
        formatTable(rows, [
          'assetKey',
          'status',
          'lastSuccessAt',
          'rpo30Days',
          'failed30Days',
          'openIncidents',
        ]),
      );
    });
  withPageOptions(
    backups
      .command('incidents')
      .description('backup incidents (failed runs, missed windows), newest first'),
  )
    .option('--open', 'only incidents still open')
    .option('--asset <key>')
    .option(
      '--at <when>',
      'as they stood at this instant (ISO date-time, or YYYY-MM-DD: as that day ended)',
    )
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const client = clientFor(command, cli);
      const { at } = await resolveInstants(client, {
        at: ['--at', typeof options.at === 'string' ? options.at : undefined, 'end'],
      });
      const items = await fetchList(
        client,
        cli,
        '/backups/incidents',
        {
          query: {
            status: options.open ? 'open' : undefined,
            asset: options.asset as string | undefined,
            at,
          },
        },
        {
          limit: options.limit as string | undefined,
          cursor: options.cursor as string | undefined,
        },
      );
      const rows = globalOptions(command).json
        ? items
        : items.map((incident) => ({
            ...incident,
            state: incident.closedAt === null ? 'open' : `recovered ${incident.closedAt}`,
            alerts: incident.alerts.length,
          }));
      printList(
        command,
        cli,
        rows,
        ['beganAt', 'assetKey', 'kind', 'state', 'alerts', 'summary'],
        formatTable,
      );
    });
}
