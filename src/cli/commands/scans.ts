import { Option, type Command } from 'commander';
import {
  FINDING_SEVERITIES,
  SCAN_FORMATS,
} from '../../modules/vulnerabilities/parsers/scan-report.js';
import {
  FINDING_STATUSES,
  type ImportScanResult,
} from '../../modules/vulnerabilities/vulnerability.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';
import { openInput, streamedBody } from '../upload.js';

interface IngestOptions {
  format: (typeof SCAN_FORMATS)[number];
  asset?: string;
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function describeIngest(result: ImportScanResult): string {
  return `Ingested ${result.received} findings (${result.format}, ${result.scanner}) of ${result.assetKey} scanned at ${result.scannedAt}: ${result.created} new, ${result.alreadyRecorded} already recorded, ${result.fixed} fixed, ${result.reopened} reopened.`;
}

/** Client commands for vulnerability scans and the findings they record. */
export function registerScanCommands(program: Command, cli: CliContext): void {
  const scans = program.command('scans').description('vulnerability scans and their findings');
  scans
    .command('ingest <file>')
    .description(
      'send a scanner’s report (- for standard input) as it is read; nothing is stored if any of it is malformed or no asset matches',
    )
    .addOption(
      new Option(
        '--format <format>',
        'what the report is (trivy --format json, grype -o json, SARIF 2.1.0)',
      )
        .choices(SCAN_FORMATS)
        .makeOptionMandatory(),
    )
    .option('--asset <key>', 'the asset scanned (else matched by the report’s artifact name)')
    .action(async (file: string, options: IngestOptions, command: Command) => {
      const result = await clientFor(command, cli).send('POST', '/scans/import', {
        query: { format: options.format, asset: options.asset },
        raw: streamedBody(openInput(file)),
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(result, null, 2));
        return;
      }
      cli.output.out(describeIngest(result));
    });
  withPageOptions(scans.command('findings').description('findings, most recently detected first'))
    .option('--asset <key>')
    .addOption(new Option('--severity <severity>').choices(FINDING_SEVERITIES))
    .addOption(new Option('--status <status>').choices(FINDING_STATUSES))
    .option('--overdue', 'only open findings past their SLA deadline')
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/findings',
        {
          query: {
            asset: stringOption(options.asset),
            severity: stringOption(options.severity) as QueryOf<'/findings'>['severity'],
            status: stringOption(options.status) as QueryOf<'/findings'>['status'],
            overdue: options.overdue ? 'true' : undefined,
          },
        },
        options,
      );
      printList(
        command,
        cli,
        items,
        [
          'assetKey',
          'vulnerabilityId',
          'packageName',
          'installedVersion',
          'severity',
          'status',
          'slaDueAt',
          'overdue',
        ],
        formatTable,
      );
    });
}
