import type { Command } from 'commander';
import { clientFor, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

/** Client commands for the training register. */
export function registerTrainingCommands(program: Command, cli: CliContext): void {
  const training = program.command('training').description('training on controlled documents');
  withPageOptions(
    training.command('list').description('the training register, newest assignment first'),
  )
    .option('--overdue', 'only open training past its due date')
    .option('--document <id>', 'only training on this document')
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/training',
        {
          query: {
            overdue: options.overdue ? 'true' : undefined,
            document: options.document as string | undefined,
          },
        },
        {
          limit: options.limit as string | undefined,
          cursor: options.cursor as string | undefined,
        },
      );
      printList(
        command,
        cli,
        items.map((item) => ({ ...item, person: item.person.email })),
        ['person', 'document', 'version', 'state', 'assignedAt', 'dueAt', 'completedAt', 'score'],
        formatTable,
      );
    });
}
