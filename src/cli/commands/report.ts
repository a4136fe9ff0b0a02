import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { OSCAL_MODELS, oscalQuerySchema } from '../../modules/oscal/oscal.schema.js';
import { ApiError } from '../../shared/api/api-client.js';
import { clientFor, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';

interface EffectivenessOptions {
  framework: string;
  from: string;
  to: string;
  format: 'json' | 'csv';
  out?: string;
}

interface OscalOptions {
  framework: string;
  model: string;
  from?: string;
  to?: string;
  out?: string;
}

interface WalkthroughOptions {
  process: string;
  from: string;
  to: string;
  format: 'json' | 'html';
  out?: string;
}

/** A report to standard output, or to a file when --out names one. */
function writeReport(cli: CliContext, text: string, out: string | undefined): void {
  if (!out) {
    cli.output.out(text);
    return;
  }
  try {
    fs.writeFileSync(out, text.endsWith('\n') ? text : `${text}\n`);
  } catch (error) {
    throw new CliExit(EXIT.failure, `Cannot write ${out}: ${(error as Error).message}`);
  }
}

/**
 * Streams a report to a file (`--out`) or standard output, ending it with a newline. A file is
 * written beside its name and renamed into place only once complete.
 */
async function downloadReport(
  cli: CliContext,
  open: () => Promise<Response>,
  out: string | undefined,
): Promise<void> {
  let last = 0;
  if (!out) {
    const decoder = new TextDecoder();
    await readPieces(open, async (piece: Uint8Array) => {
      last = piece.at(-1) ?? last;
      await cli.output.write(decoder.decode(piece, { stream: true }));
    });
    await cli.output.write(`${decoder.decode()}${last === NEWLINE ? '' : '\n'}`);
    return;
  }
  const partial = `${out}.partial`;
  try {
    const file = fs.openSync(partial, 'w');
    try {
      await readPieces(open, (piece: Uint8Array) => {
        last = piece.at(-1) ?? last;
        fs.writeSync(file, piece);
        return Promise.resolve();
      });
      if (last !== NEWLINE) fs.writeSync(file, '\n');
    } finally {
      fs.closeSync(file);
    }
    fs.renameSync(partial, out);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    // The server's refusal or an unreachable server keep their own exit codes.
    if (error instanceof ApiError || error instanceof CliExit) throw error;
    throw new CliExit(EXIT.failure, `Cannot write ${out}: ${(error as Error).message}`);
  }
}

const NEWLINE = 0x0a;

/** Hands a response's body to `sink` piece by piece as it arrives, never holding it whole. */
async function readPieces(
  open: () => Promise<Response>,
  sink: (piece: Uint8Array) => Promise<void>,
): Promise<void> {
  const response = await open();
  if (!response.body) return;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    await sink(read.value);
  }
}

/**
 * Client commands for reports: operating effectiveness of a framework over a period, the
 * walkthrough of one process, and OSCAL exports.
 */
export function registerReportCommands(program: Command, cli: CliContext): void {
  const report = program.command('report').description('audit reports');
  report
    .command('effectiveness')
    .description(
      'every occurrence due in the period for the framework’s controls, with performer, verifier, evidence and exceptions',
    )
    .requiredOption('--framework <key>', 'framework key, e.g. soc2, iso9001, sop-018')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period, inclusive (YYYY-MM-DD)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'),
    )
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (options: EffectivenessOptions, command: Command) => {
      const client = clientFor(command, cli);
      const { framework, from, to, format } = options;
      // Streamed as the server writes it (compact JSON, or CSV): a year of a large register is
      // hundreds of megabytes, more than one string can hold.
      await downloadReport(
        cli,
        () => client.open('/reports/effectiveness', { query: { framework, from, to, format } }),
        options.out,
      );
    });
  report
    .command('walkthrough')
    .description(
      'walk one process end to end: each infrastructure dependency with its evidence in the period, and the gaps',
    )
    .requiredOption('--process <key>', 'process key from the register')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period, inclusive (YYYY-MM-DD)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'html']).default('json'),
    )
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (options: WalkthroughOptions, command: Command) => {
      const client = clientFor(command, cli);
      const path = { key: options.process };
      const query = { from: options.from, to: options.to };
      const text =
        options.format === 'html'
          ? await client.getText('/processes/{key}/walkthrough', {
              path,
              query: { ...query, format: 'html' },
            })
          : JSON.stringify(
              await client.get('/processes/{key}/walkthrough', { path, query }),
              null,
              2,
            );
      writeReport(cli, text, options.out);
    });
  report
    .command('oscal')
    .description(
      'OSCAL 1.0.6 export: assessment-results for a period, or the assets as a component-definition or an SSP-style inventory',
    )
    .requiredOption('--framework <key>', 'framework key, e.g. soc2, iso9001, sop-018')
    .addOption(
      new Option('--model <model>', 'OSCAL model')
        .choices(OSCAL_MODELS)
        .default('assessment-results'),
    )
    .option('--from <date>', 'first day of the period (YYYY-MM-DD), for assessment-results')
    .option('--to <date>', 'last day of the period, inclusive (YYYY-MM-DD), for assessment-results')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (options: OscalOptions, command: Command) => {
      // Checked here too, so a missing period is a usage error (exit 2) before any request.
      const parsed = oscalQuerySchema.safeParse(options);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `  --${issue.path.join('.')}: ${issue.message}`,
        );
        throw new CliExit(EXIT.usage, ['Invalid options:', ...problems].join('\n'));
      }
      const { framework, model, from, to } = parsed.data;
      const text = await clientFor(command, cli).getText('/reports/oscal', {
        query: { framework, model, ...(from && to ? { from, to } : {}) },
      });
      writeReport(cli, text, options.out);
    });
}
