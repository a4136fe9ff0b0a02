import { Option, type Command } from 'commander';
import { CAPA_STATUSES } from '../../modules/capas/capa-status.js';
import type { CapaDetail } from '../../modules/capas/capa.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

function describeCapa(capa: CapaDetail): string {
  const check = capa.effectivenessCheck;
  const lines = [
    `${capa.number} ${capa.title} (${capa.kind})`,
    `  status ${capa.status}; owner ${capa.ownerLabel}; opened ${capa.openedAt}`,
    `  nonconformances: ${capa.nonconformances.map((nc) => nc.number).join(', ')}`,
    `  root cause: ${capa.rootCause ? `${capa.rootCause.method}: ${capa.rootCause.text}` : '-'}`,
    `  effectiveness check: planned ${check.plannedOn}; ${
      check.outcome
        ? `${check.outcome} (${check.checkedBy ?? '-'}, ${check.checkedAt ?? '-'})`
        : 'not yet'
    }`,
    '  actions:',
    ...capa.actions.map(
      (action) =>
        `    [${action.status}${action.overdue ? ', overdue' : ''}] ${action.title} ` +
        `(${action.ownerLabel}, due ${action.dueOn}; ${action.evidence.length} evidence file(s))`,
    ),
  ];
  return lines.join('\n');
}

/** Client commands for CAPA records: list, show. */
export function registerCapaCommands(program: Command, cli: CliContext): void {
  const capas = program.command('capas').description('corrective and preventive actions (CAPA)');
  withPageOptions(capas.command('list').description('CAPA records, newest first'))
    .option('--open', 'only CAPAs not closed')
    .addOption(new Option('--status <status>').choices(CAPA_STATUSES))
    .option('--nonconformance <id>', 'only those linked to this nonconformance')
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/capas',
        {
          query: {
            open: options.open ? 'true' : undefined,
            status: options.status as QueryOf<'/capas'>['status'],
            nonconformanceId: options.nonconformance as string | undefined,
          },
        },
        {
          limit: options.limit as string | undefined,
          cursor: options.cursor as string | undefined,
        },
      );
      const rows = globalOptions(command).json
        ? items
        : items.map((capa) => ({
            ...capa,
            nonconformances: capa.nonconformances.map((nc) => nc.number).join(' '),
            check: capa.effectivenessCheck.outcome ?? `on ${capa.effectivenessCheck.plannedOn}`,
          }));
      printList(
        command,
        cli,
        rows,
        ['number', 'status', 'openActions', 'overdueActions', 'check', 'nonconformances', 'title'],
        formatTable,
      );
    });
  capas
    .command('show <id>')
    .description('one CAPA with its root cause, actions and effectiveness check')
    .action(async (id: string, _options: unknown, command: Command) => {
      const capa = await clientFor(command, cli).get('/capas/{id}', { path: { id } });
      cli.output.out(
        globalOptions(command).json ? JSON.stringify(capa, null, 2) : describeCapa(capa),
      );
    });
}
