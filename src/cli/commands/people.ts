import type { Command } from 'commander';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';
import { openInput, streamedBody } from '../upload.js';

/** Client commands for the people register (the workforce, not Plumbline's users). */
export function registerPeopleCommands(program: Command, cli: CliContext): void {
  const people = program.command('people').description('the people register (the workforce)');
  people
    .command('import <file>')
    .description('import the people CSV (- for standard input); every bad row is reported')
    .action(async (file: string, _options: unknown, command: Command) => {
      const result = await clientFor(command, cli).send('POST', '/people/import', {
        raw: streamedBody(openInput(file), 'text/csv'),
      });
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(result, null, 2)
          : `Imported ${result.received} people: ${result.created} new, ${result.updated} changed, ${result.alreadyRecorded} already recorded; ${result.left} left, ${result.roleChanged} changed role, ${result.clocksStarted} revocation clocks started.`,
      );
    });
  withPageOptions(people.command('list').description('the people register'))
    .option('--status <status>', 'active or left')
    .action(
      async (
        options: { status?: QueryOf<'/people'>['status'] } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/people',
          { query: { status: options.status } },
          options,
        );
        printList(
          command,
          cli,
          items,
          ['email', 'name', 'department', 'jobTitle', 'status', 'endDate', 'leftAt'],
          formatTable,
        );
      },
    );
}
