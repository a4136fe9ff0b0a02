import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { verifyPack } from '../../modules/packs/verify-pack.js';
import type { ApiClient } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';

interface PackOptions {
  framework: string;
  from: string;
  to: string;
  out: string;
  pollMs: string;
}

/** Streams the finished pack to a file, never holding it in memory. */
async function downloadTo(client: ApiClient, id: string, out: string) {
  const response = await client.open('/reports/packs/{id}/download', { path: { id } });
  if (!response.body) throw new CliExit(EXIT.failure, 'The server sent an empty pack');
  try {
    await pipeline(
      Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
      fs.createWriteStream(out),
    );
  } catch (error) {
    throw new CliExit(EXIT.failure, `Cannot write ${out}: ${(error as Error).message}`);
  }
}

/**
 * `report pack` (through the API: request, follow progress on stderr, download) and
 * `pack verify` (offline: needs neither a server nor a database).
 */
export function registerPackCommands(program: Command, cli: CliContext): void {
  const report =
    program.commands.find((command) => command.name() === 'report') ??
    program.command('report').description('audit reports');
  report
    .command('pack')
    .description('build a signed evidence pack of a framework for a period and download it')
    .requiredOption('--framework <key>', 'framework key, e.g. iso9001, iso13485, soc2, sop-018')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period, inclusive (YYYY-MM-DD)')
    .requiredOption('-o, --out <file>', 'where to write the zip')
    .option('--poll-ms <ms>', 'how often to ask for progress', '500')
    .action(async (options: PackOptions, command: Command) => {
      const client = clientFor(command, cli);
      let job = await client.send('POST', '/reports/packs', {
        body: { framework: options.framework, from: options.from, to: options.to },
      });
      let shown = '';
      while (job.state === 'queued' || job.state === 'running') {
        await sleep(Number(options.pollMs) || 500);
        job = await client.get('/reports/packs/{id}', { path: { id: job.id } });
        const line = `${job.state}: ${job.filesDone}/${job.filesTotal} files`;
        if (line !== shown) cli.output.err(line);
        shown = line;
      }
      if (job.state === 'failed') {
        throw new CliExit(EXIT.failure, `The pack failed: ${job.error ?? 'unknown error'}`);
      }
      await downloadTo(client, job.id, options.out);
      if (globalOptions(command).json) cli.output.out(JSON.stringify(job, null, 2));
      else
        cli.output.out(
          `Wrote ${options.out}: ${job.sizeBytes} bytes, manifest SHA-256 ${job.manifestSha256}, signed by key ${job.signingKeyFingerprint}`,
        );
    });

  program
    .command('pack')
    .description('evidence packs')
    .command('verify')
    .description(
      'check every file of a pack against its manifest and the manifest’s signature (offline)',
    )
    .argument('<zip>', 'the evidence pack')
    .option('--fingerprint <hex>', 'the SHA-256 fingerprint the signing key must have')
    .action(async (zip: string, options: { fingerprint?: string }, command: Command) => {
      if (!fs.existsSync(zip)) throw new CliExit(EXIT.usage, `No such file: ${zip}`);
      let result;
      try {
        result = await verifyPack(zip, { expectedFingerprint: options.fingerprint });
      } catch (error) {
        throw new CliExit(EXIT.failure, `Not a readable zip: ${(error as Error).message}`);
      }
      if (globalOptions(command).json) cli.output.out(JSON.stringify(result, null, 2));
      else if (result.intact)
        cli.output.out(
          `Pack intact: ${result.checkedFiles} files match the manifest, signature valid (key ${result.fingerprint})${options.fingerprint ? ', fingerprint as expected' : ''}`,
        );
      else {
        cli.output.out(`Pack NOT intact: ${result.problems.length} problem(s)`);
        for (const problem of result.problems)
          cli.output.out(`  ${problem.kind.padEnd(9)} ${problem.path}: ${problem.detail}`);
      }
      if (!result.intact) throw new CliExit(EXIT.failure, '');
    });
}
