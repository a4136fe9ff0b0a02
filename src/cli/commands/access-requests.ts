import { Option, type Command } from 'commander';
import { ACCESS_REQUEST_STATUSES } from '../../modules/accounts/access-request.schema.js';
import type { QueryOf, ResponseOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';
import { signAsPerson, withSignerOptions } from '../sign-as-person.js';

type AccessRequestView = ResponseOf<'/access-requests/{id}'>;

function describeRequest(request: AccessRequestView): string {
  const decision =
    request.status === 'rejected'
      ? `rejected by ${request.rejectedBy ?? ''} at ${request.rejectedAt ?? ''}: ${request.rejectionReason ?? ''}`
      : request.approvedAt
        ? `approved by ${request.approvedBy ?? ''} at ${request.approvedAt}`
        : 'pending';
  return [
    `Access request ${request.id}: ${request.status}`,
    `  ${request.person} to ${request.asset} as ${request.role}`,
    `  justification: ${request.justification}`,
    `  requested by ${request.requestedBy} at ${request.requestedAt}`,
    `  decision: ${decision}`,
    ...(request.grantedAt
      ? [`  granted by ${request.grantedBy ?? ''} at ${request.grantedAt}`]
      : []),
  ].join('\n');
}

function print(command: Command, cli: CliContext, request: AccessRequestView, text: string): void {
  cli.output.out(globalOptions(command).json ? JSON.stringify(request, null, 2) : text);
}

/** Client commands for access requests: request, list, show, approve, reject, grant. */
export function registerAccessRequestCommands(program: Command, cli: CliContext): void {
  const requests = program
    .command('access-requests')
    .description('documented requests for access, approved by a second person by e-signature');
  requests
    .command('create')
    .description('request access for a person in the people register')
    .requiredOption('--person <email>', 'the person the access is for')
    .requiredOption('--asset <key>', 'the system')
    .requiredOption('--role <role>', 'the predefined role or group')
    .requiredOption('--justification <text>', 'why the access is needed')
    .action(
      async (
        options: { person: string; asset: string; role: string; justification: string },
        command: Command,
      ) => {
        const request = await clientFor(command, cli).send('POST', '/access-requests', {
          body: options,
        });
        print(
          command,
          cli,
          request,
          `Requested ${request.role} on ${request.asset} for ${request.person} (${request.id}); someone else approves it.`,
        );
      },
    );

  withPageOptions(requests.command('list').description('access requests, newest first'))
    .option('--asset <key>')
    .addOption(new Option('--status <status>').choices(ACCESS_REQUEST_STATUSES))
    .action(
      async (
        options: { asset?: string; status?: QueryOf<'/access-requests'>['status'] } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/access-requests',
          { query: { asset: options.asset, status: options.status } },
          options,
        );
        printList(
          command,
          cli,
          items,
          ['id', 'person', 'asset', 'role', 'status', 'requestedAt', 'approvedBy'],
          formatTable,
        );
      },
    );

  requests
    .command('show <id>')
    .description('one request with its decision')
    .action(async (id: string, _options: unknown, command: Command) => {
      const request = await clientFor(command, cli).get('/access-requests/{id}', {
        path: { id },
      });
      print(command, cli, request, describeRequest(request));
    });

  withSignerOptions(
    requests
      .command('approve <id>')
      .description(
        'approve by e-signature, not as the requester (password from PLUMBLINE_PASSWORD)',
      ),
  )
    .option('--note <text>', 'what the approval says')
    .action(
      async (
        id: string,
        options: { email: string; totpCode?: string; note?: string },
        command: Command,
      ) => {
        const { session, password } = await signAsPerson(command, cli, options);
        const request = await session.send('POST', '/access-requests/{id}/approve', {
          path: { id },
          body: { password, note: options.note ?? '' },
        });
        print(command, cli, request, `Approved: ${describeRequest(request)}`);
      },
    );

  withSignerOptions(
    requests
      .command('reject <id>')
      .description('reject by e-signature with the reason (password from PLUMBLINE_PASSWORD)'),
  )
    .requiredOption('--reason <text>', 'why the access is refused')
    .action(
      async (
        id: string,
        options: { email: string; totpCode?: string; reason: string },
        command: Command,
      ) => {
        const { session, password } = await signAsPerson(command, cli, options);
        const request = await session.send('POST', '/access-requests/{id}/reject', {
          path: { id },
          body: { password, reason: options.reason },
        });
        print(command, cli, request, `Rejected: ${describeRequest(request)}`);
      },
    );

  requests
    .command('grant <id>')
    .description('record that approved access was granted (now)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const request = await clientFor(command, cli).send('POST', '/access-requests/{id}/grant', {
        path: { id },
      });
      print(command, cli, request, `Granted: ${describeRequest(request)}`);
    });
}
