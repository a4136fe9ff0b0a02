import { Option, type Command } from 'commander';
import { INCIDENT_SEVERITIES } from '../../modules/incidents/incident-status.js';
import type { IncidentDetail } from '../../modules/incidents/incident.schema.js';
import type { BodyOf, QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions } from '../paging.js';

function describeIncident(incident: IncidentDetail): string {
  const decision = incident.decision
    ? `${incident.decision.outcome} (${incident.decision.decidedBy}, ${incident.decision.decidedAt}${incident.decision.onTime ? '' : ', late'})`
    : `pending, due ${incident.decisionDueAt ?? '-'}`;
  const lines = [
    `${incident.number} ${incident.title}`,
    `  severity ${incident.severity}, ${incident.status}; detected ${incident.detectedAt} (${incident.detectionSource})`,
    `  assets: ${incident.assets.map((asset) => asset.key).join(', ') || '-'}`,
    `  processes: ${incident.processes.map((process) => process.key).join(', ') || '-'}`,
    `  conformity decision: ${decision}`,
    '  timeline:',
    ...incident.timeline.map(
      (entry) => `    ${entry.at} [${entry.kind}] ${entry.text} (${entry.recordedBy})`,
    ),
  ];
  return lines.join('\n');
}

/** Client commands for incidents: list, show, open. */
export function registerIncidentCommands(program: Command, cli: CliContext): void {
  const incidents = program.command('incidents').description('infrastructure incidents');
  withPageOptions(
    incidents.command('list').description('incidents, those not closed first, newest first'),
  )
    .option('--open', 'only incidents not closed')
    .addOption(new Option('--severity <severity>').choices(INCIDENT_SEVERITIES))
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/incidents',
        {
          query: {
            open: options.open ? 'true' : undefined,
            severity: options.severity as QueryOf<'/incidents'>['severity'],
          },
        },
        {
          limit: options.limit as string | undefined,
          cursor: options.cursor as string | undefined,
        },
      );
      const rows = globalOptions(command).json
        ? items
        : items.map((incident) => ({
            ...incident,
            decision: incident.decision?.outcome ?? `due ${incident.decisionDueAt ?? '-'}`,
          }));
      printList(
        command,
        cli,
        rows,
        ['number', 'severity', 'status', 'openedAt', 'decision', 'title'],
        formatTable,
      );
    });
  incidents
    .command('show <id>')
    .description('one incident with its timeline')
    .action(async (id: string, _options: unknown, command: Command) => {
      const incident = await clientFor(command, cli).get('/incidents/{id}', { path: { id } });
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(incident, null, 2)
          : describeIncident(incident),
      );
    });
  incidents
    .command('open')
    .description('open an incident; starts the 24-hour conformity-decision clock')
    .requiredOption('--title <title>')
    .addOption(
      new Option('--severity <severity>').choices(INCIDENT_SEVERITIES).makeOptionMandatory(),
    )
    .option('--asset <key...>', 'affected assets')
    .option('--responder <name...>', 'responders')
    .option(
      '--detected-at <when>',
      'when it was detected (ISO date-time, or YYYY-MM-DD: the start of that day); default now',
    )
    .option('--note <text>', 'first timeline entry')
    .action(
      async (
        options: {
          title: string;
          severity: BodyOf<'/incidents', 'post'>['severity'];
          asset?: string[];
          responder?: string[];
          detectedAt?: string;
          note?: string;
        },
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const { detectedAt } = await resolveInstants(client, {
          detectedAt: ['--detected-at', options.detectedAt, 'start'],
        });
        const incident = await client.send('POST', '/incidents', {
          body: {
            title: options.title,
            severity: options.severity,
            assets: options.asset ?? [],
            responders: options.responder ?? [],
            ...(detectedAt ? { detectedAt } : {}),
            ...(options.note ? { note: options.note } : {}),
          },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(incident, null, 2)
            : `Opened ${incident.number} (${incident.id}); conformity decision due ${incident.decisionDueAt ?? '-'}.`,
        );
      },
    );
}
