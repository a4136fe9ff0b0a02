import type { Command } from 'commander';
import type { IntegrityCheck } from '../../modules/recovery/restore-test.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';

/** `--check "Row counts match=pass"` or `--check "Checksums=fail:3 files differ"`. */
function parseCheck(spec: string, previous: IntegrityCheck[] = []): IntegrityCheck[] {
  const match = /^(.+?)=(pass|fail)(?::(.*))?$/.exec(spec);
  if (!match) {
    throw new CliExit(EXIT.usage, `--check "${spec}" must read "name=pass" or "name=fail:note"`);
  }
  return [
    ...previous,
    { check: match[1]!.trim(), passed: match[2] === 'pass', note: match[3] ?? '' },
  ];
}

/**
 * Client commands for recovery assurance: list and record restore tests (a restore job can report
 * its own test with a token), list DR exercises and deficiencies. Verification is a person's
 * signature, so it stays in the web UI.
 */
export function registerRecoveryCommands(program: Command, cli: CliContext): void {
  const restoreTests = program.command('restore-tests').description('restore tests: list, record');
  withPageOptions(restoreTests.command('list').description('restore tests, latest first'))
    .option('--asset <key>')
    .option('--outcome <outcome>', 'pass or fail')
    .action(
      async (
        options: { asset?: string; outcome?: QueryOf<'/restore-tests'>['outcome'] } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/restore-tests',
          { query: { asset: options.asset, outcome: options.outcome } },
          options,
        );
        printList(
          command,
          cli,
          items,
          [
            'number',
            'assetKey',
            'finishedAt',
            'measuredRtoSeconds',
            'measuredRpoSeconds',
            'outcome',
            'status',
          ],
          formatTable,
        );
      },
    );
  restoreTests
    .command('record')
    .description('record a restore test you performed; it is judged against the asset targets')
    .requiredOption('--asset <key>')
    .requiredOption(
      '--started <when>',
      'when the restore started (ISO date-time, or YYYY-MM-DD: the start of that day)',
    )
    .requiredOption(
      '--finished <when>',
      'when the restored system was usable and checked (ISO date-time, or YYYY-MM-DD: the end of that day)',
    )
    .option('--backup-run <id>', 'the backup run restored')
    .option(
      '--recovery-point <when>',
      "the instant the data represents (ISO date-time, or YYYY-MM-DD: the start of that day; default: the run's)",
    )
    .option(
      '--check <spec>',
      'an integrity check, "name=pass" or "name=fail:note" (repeat)',
      parseCheck,
    )
    .option('--notes <text>')
    .action(
      async (
        options: {
          asset: string;
          started: string;
          finished: string;
          backupRun?: string;
          recoveryPoint?: string;
          check?: IntegrityCheck[];
          notes?: string;
        },
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const instants = await resolveInstants(client, {
          startedAt: ['--started', options.started, 'start'],
          finishedAt: ['--finished', options.finished, 'end'],
          recoveryPointAt: ['--recovery-point', options.recoveryPoint, 'start'],
        });
        const test = await client.send('POST', '/restore-tests', {
          body: {
            asset: options.asset,
            startedAt: instants.startedAt ?? options.started,
            finishedAt: instants.finishedAt ?? options.finished,
            ...(options.backupRun ? { backupRunId: options.backupRun } : {}),
            ...(instants.recoveryPointAt ? { recoveryPointAt: instants.recoveryPointAt } : {}),
            integrityChecks: options.check ?? [],
            ...(options.notes ? { notes: options.notes } : {}),
          },
        });
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify(test, null, 2));
          return;
        }
        cli.output.out(
          [
            `${test.number}  ${test.assetKey}  ${test.outcome}`,
            `RTO ${test.measuredRtoSeconds} s (target ${test.targetRto}) · RPO ${test.measuredRpoSeconds} s (target ${test.targetRpo})`,
            ...test.failureReasons,
            ...test.deficiencies.map((deficiency) => `Deficiency ${deficiency.number} raised`),
          ].join('\n'),
        );
      },
    );

  withPageOptions(program.command('dr-exercises').description('DR exercises, latest first')).action(
    async (options: PageOptions, command: Command) => {
      const items = await fetchList(clientFor(command, cli), cli, '/dr-exercises', {}, options);
      printList(
        command,
        cli,
        items,
        ['number', 'type', 'finishedAt', 'outcome', 'status'],
        formatTable,
      );
    },
  );

  withPageOptions(
    program
      .command('deficiencies')
      .description('deficiencies found by restore tests and DR exercises, newest first'),
  )
    .option('--status <list>', 'comma-separated: open,in_progress,resolved,closed')
    .option('--overdue', 'only those past their due date')
    .action(
      async (
        options: {
          status?: QueryOf<'/nonconformances'>['status'];
          overdue?: boolean;
        } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/nonconformances',
          {
            query: {
              deficiency: 'true',
              status: options.status,
              overdue: options.overdue ? 'true' : undefined,
            },
          },
          options,
        );
        printList(
          command,
          cli,
          items,
          ['number', 'status', 'ownerUserLabel', 'dueOn', 'overdue', 'title'],
          formatTable,
        );
      },
    );
}
