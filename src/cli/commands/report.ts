import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { EffectivenessReport } from '../../modules/posture/posture.schema.js';
import { clientFor, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';

interface EffectivenessOptions {
  framework: string;
  from: string;
  to: string;
  format: 'json' | 'csv';
  out?: string;
}

/** Client commands for reports: operating effectiveness of a framework over a period. */
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
      const query = { framework: options.framework, from: options.from, to: options.to };
      const text =
        options.format === 'csv'
          ? await client.getText(
              `/reports/effectiveness?${new URLSearchParams({ ...query, format: 'csv' }).toString()}`,
            )
          : JSON.stringify(
              await client.get<EffectivenessReport>('/reports/effectiveness', query),
              null,
              2,
            );
      if (!options.out) {
        cli.output.out(text);
        return;
      }
      try {
        fs.writeFileSync(options.out, text.endsWith('\n') ? text : `${text}\n`);
      } catch (error) {
        throw new CliExit(EXIT.failure, `Cannot write ${options.out}: ${(error as Error).message}`);
      }
    });
}
