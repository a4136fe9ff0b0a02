import type { Command } from 'commander';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';
import { openInput, streamedBody } from '../upload.js';

/** Client commands for the TLS certificate inventory. */
export function registerCertificateCommands(program: Command, cli: CliContext): void {
  const certs = program.command('certs').description('TLS certificates and endpoints');
  certs
    .command('import <file>')
    .description(
      'import the certificates of a PEM chain or bundle (- for standard input); nothing is stored if any block is malformed or a private key',
    )
    .option('--asset <key>', 'the asset the certificates are deployed on')
    .action(async (file: string, options: { asset?: string }, command: Command) => {
      const result = await clientFor(command, cli).send('POST', '/certificates/import', {
        query: { asset: options.asset },
        raw: streamedBody(openInput(file), 'application/x-pem-file'),
      });
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(result, null, 2));
        return;
      }
      cli.output.out(
        `Imported ${result.received} certificates: ${result.created} new, ${result.alreadyRecorded} already recorded` +
          (result.renewalsCompleted > 0
            ? `, ${result.renewalsCompleted} renewals completed.`
            : '.'),
      );
    });
  withPageOptions(certs.command('list').description('current certificates, soonest expiry first'))
    .option('--expiring-within <days>', 'only those expiring within this many days (expired too)')
    .option('--asset <key>')
    .option('--include-superseded', 'also certificates replaced by a newer one')
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const days = options.expiringWithin as string | undefined;
      if (days !== undefined && !/^\d+$/.test(days)) {
        throw new CliExit(EXIT.usage, '--expiring-within takes a whole number of days');
      }
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/certificates',
        {
          query: {
            expiringWithinDays: days,
            asset: options.asset as string | undefined,
            includeSuperseded: options.includeSuperseded ? 'true' : undefined,
          },
        },
        options,
      );
      const rows = items.map((item) => ({
        ...item,
        subjectAltNames: item.subjectAltNames.join(' '),
      }));
      if (globalOptions(command).json) {
        cli.output.out(JSON.stringify(items, null, 2));
        return;
      }
      printList(
        command,
        cli,
        rows,
        ['notAfter', 'daysLeft', 'subject', 'subjectAltNames', 'assetKey'],
        formatTable,
      );
    });
  withPageOptions(certs.command('endpoints').description('TLS endpoints with their last probe'))
    .option('--asset <key>')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/tls-endpoints',
        { query: { asset: options.asset } },
        options,
      );
      const rows = items.map((item) => ({
        ...item,
        outcome: item.lastProbe?.outcome ?? '',
        protocol: item.lastProbe?.protocol ?? '',
      }));
      printList(
        command,
        cli,
        rows,
        ['host', 'port', 'assetKey', 'outcome', 'protocol', 'lastProbedAt'],
        formatTable,
      );
    });
  certs
    .command('add-endpoint <host> <port>')
    .description('add a TLS endpoint for the probe job')
    .option('--asset <key>')
    .action(async (host: string, port: string, options: { asset?: string }, command: Command) => {
      const created = await clientFor(command, cli).send('POST', '/tls-endpoints', {
        body: { host, port: Number(port), ...(options.asset ? { asset: options.asset } : {}) },
      });
      if (globalOptions(command).json) cli.output.out(JSON.stringify(created, null, 2));
      else cli.output.out(`Added ${created.host}:${created.port} (${created.id}).`);
    });
  certs
    .command('probe <endpointId>')
    .description('probe one endpoint now')
    .action(async (endpointId: string, _options: unknown, command: Command) => {
      const result = await clientFor(command, cli).send('POST', '/tls-endpoints/{id}/probe', {
        path: { id: endpointId },
      });
      if (globalOptions(command).json) cli.output.out(JSON.stringify(result, null, 2));
      else cli.output.out(`${result.host}:${result.port} ${result.outcome}: ${result.detail}`);
    });
}
