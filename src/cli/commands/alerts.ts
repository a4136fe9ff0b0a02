import fs from 'node:fs';
import { Option, type Command } from 'commander';
import {
  ALERT_FORMATS,
  MAX_WEBHOOK_BYTES,
  type AlertFormat,
  type ImportAlertsResult,
} from '../../modules/alerts/alert.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

/** The file (or standard input for `-`) as bytes: a webhook body is one document of at most 10 MB. */
async function readBody(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const input = file === '-' ? process.stdin : fs.createReadStream(file);
    for await (const chunk of input as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BYTES) {
        throw new CliExit(
          EXIT.failure,
          `${file} is larger than ${MAX_WEBHOOK_BYTES / 1024 / 1024} MB, the most one webhook body may be`,
        );
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof CliExit) throw error;
    throw new CliExit(EXIT.failure, `Cannot read ${file}: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

function describeIngest(result: ImportAlertsResult): string {
  const opened =
    result.incidentsOpened.length > 0 ? `, ${result.incidentsOpened.length} incidents opened` : '';
  return `Ingested ${result.received} alerts (${result.format}): ${result.created} new, ${result.resolved} resolved, ${result.alreadyRecorded} already recorded, ${result.unmapped} unmapped${opened}.`;
}

/** Client commands for monitoring alerts: send a webhook body, list alerts. */
export function registerAlertCommands(program: Command, cli: CliContext): void {
  const alerts = program.command('alerts').description('monitoring alerts');
  alerts
    .command('ingest <file>')
    .description(
      'send an Alertmanager or Grafana webhook body (- for standard input) as it is; nothing is stored if it is malformed',
    )
    .addOption(
      new Option('--format <format>', 'which tool wrote it')
        .choices(ALERT_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--asset-labels <names>', 'label names that map alerts to assets, comma-separated')
    .action(
      async (
        file: string,
        options: { format: AlertFormat; assetLabels?: string },
        command: Command,
      ) => {
        const body = await readBody(file);
        const result = await clientFor(command, cli).send('POST', '/alerts/import', {
          query: { format: options.format, assetLabels: options.assetLabels },
          raw: { contentType: 'application/octet-stream', content: body },
        });
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify(result, null, 2));
          return;
        }
        cli.output.out(describeIngest(result));
      },
    );
  withPageOptions(alerts.command('list').description('alerts, newest received first'))
    .option('--unmapped', 'only alerts that map to no asset')
    .option('--status <status>', 'firing or resolved')
    .option('--asset <key>')
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/alerts',
        {
          query: {
            unmapped: options.unmapped ? 'true' : undefined,
            status: options.status as QueryOf<'/alerts'>['status'],
            asset: options.asset as string | undefined,
          },
        },
        {
          limit: options.limit as string | undefined,
          cursor: options.cursor as string | undefined,
        },
      );
      const rows = globalOptions(command).json
        ? items
        : items.map((alert) => ({ ...alert, assetKey: alert.assetKey ?? '(unmapped)' }));
      printList(
        command,
        cli,
        rows,
        ['startsAt', 'name', 'severity', 'status', 'assetKey', 'action'],
        formatTable,
      );
    });
}
