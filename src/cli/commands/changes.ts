import { Option, type Command } from 'commander';
import {
  CHANGE_RISKS,
  CHANGE_STATUSES,
  CHANGE_TYPES,
} from '../../modules/changes/change-status.js';
import type { ChangeDetail } from '../../modules/changes/change.schema.js';
import type { BodyOf, QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

const yesNo = (value: boolean | null) => (value === null ? 'not yet known' : value ? 'yes' : 'NO');

function describeChange(change: ChangeDetail): string {
  const approval = change.approval
    ? `${change.approval.by}, ${change.approval.at}`
    : `pending${change.approvalDueAt ? `, due ${change.approvalDueAt}` : ''}`;
  const verification = change.verification
    ? `${change.verification.outcome} (${change.verification.by}, ${change.verification.at}): ${change.verification.note}`
    : `pending${change.verificationDueAt ? `, due ${change.verificationDueAt}` : ''}`;
  const lines = [
    `${change.number} ${change.title}`,
    `  ${change.type} change, ${change.risk} risk, ${change.status}; requested by ${change.requester} at ${change.requestedAt}`,
    `  planned window: ${change.plannedStart ? `${change.plannedStart} – ${change.plannedEnd ?? ''}` : '-'}`,
    `  assets: ${change.assets.map((asset) => asset.key).join(', ') || '-'}`,
    `  processes: ${change.processes.map((process) => process.key).join(', ') || '-'}`,
    `  conformity impact: ${change.conformityImpact || '-'}`,
    `  tests: ${change.testSummary || '-'} (${change.evidence.length} evidence file(s))`,
    `  rollback plan: ${change.rollbackPlan || '-'}`,
    `  approval: ${approval}`,
    `  implemented: ${change.implementedAt ? `${change.implementedAt} (${change.implementedBy ?? ''})` : '-'}`,
    `  verification: ${verification}`,
    `  approved before implemented: ${yesNo(change.approvedBeforeImplementation)}; verified within 48 h: ${yesNo(change.verifiedWithin48h)}`,
    ...change.events.map(
      (event) =>
        `  event ${event.occurredAt} ${event.kind} ${event.state} ${event.reference}${event.flagged ? ' FLAGGED' : ''}`,
    ),
  ];
  return lines.join('\n');
}

/** Client commands for change records: list, show, create. */
export function registerChangeCommands(program: Command, cli: CliContext): void {
  const changes = program.command('changes').description('infrastructure change records');
  withPageOptions(changes.command('list').description('changes, newest requested first'))
    .addOption(new Option('--status <status>').choices(CHANGE_STATUSES))
    .addOption(new Option('--type <type>').choices(CHANGE_TYPES))
    .option('--asset <key>', 'only changes affecting this asset')
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/changes',
        {
          query: {
            status: options.status as QueryOf<'/changes'>['status'],
            type: options.type as QueryOf<'/changes'>['type'],
            asset: options.asset,
          },
        },
        { limit: options.limit, cursor: options.cursor },
      );
      printList(
        command,
        cli,
        items,
        ['number', 'type', 'status', 'requestedAt', 'implementedAt', 'title'],
        formatTable,
      );
    });
  changes
    .command('show <id>')
    .description('one change with its approval, verification and delivery events')
    .action(async (id: string, _options: unknown, command: Command) => {
      const change = await clientFor(command, cli).get('/changes/{id}', { path: { id } });
      cli.output.out(
        globalOptions(command).json ? JSON.stringify(change, null, 2) : describeChange(change),
      );
    });
  changes
    .command('create')
    .description('request a change; someone else approves it before it is implemented')
    .requiredOption('--title <title>')
    .requiredOption('--description <text>')
    .addOption(new Option('--type <type>').choices(CHANGE_TYPES).makeOptionMandatory())
    .addOption(new Option('--risk <risk>').choices(CHANGE_RISKS).makeOptionMandatory())
    .requiredOption('--conformity-impact <text>', 'how it could affect conformity')
    .requiredOption('--rollback-plan <text>')
    .requiredOption('--asset <key...>', 'affected assets')
    .option('--test-summary <text>', 'how it was tested')
    .option(
      '--planned-start <when>',
      'start of the planned window (ISO date-time, or YYYY-MM-DD: from its start)',
    )
    .option(
      '--planned-end <when>',
      'end of the planned window (ISO date-time, or YYYY-MM-DD: to its end)',
    )
    .action(
      async (
        options: {
          title: string;
          description: string;
          type: BodyOf<'/changes', 'post'>['type'];
          risk: BodyOf<'/changes', 'post'>['risk'];
          conformityImpact: string;
          rollbackPlan: string;
          asset: string[];
          testSummary?: string;
          plannedStart?: string;
          plannedEnd?: string;
        },
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const planned = await resolveInstants(client, {
          start: ['--planned-start', options.plannedStart, 'start'],
          end: ['--planned-end', options.plannedEnd, 'end'],
        });
        const change = await client.send('POST', '/changes', {
          body: {
            title: options.title,
            description: options.description,
            type: options.type,
            risk: options.risk,
            conformityImpact: options.conformityImpact,
            rollbackPlan: options.rollbackPlan,
            assets: options.asset,
            ...(options.testSummary ? { testSummary: options.testSummary } : {}),
            ...(planned.start ? { plannedStart: planned.start } : {}),
            ...(planned.end ? { plannedEnd: planned.end } : {}),
          },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(change, null, 2)
            : `Requested ${change.number} (${change.id}); it needs approval by someone else before implementation.`,
        );
      },
    );
}
