import { Option, type Command } from 'commander';
import {
  DATA_DISPOSITIONS,
  DECOMMISSIONING_STATUSES,
  PROVISIONING_STATUSES,
  SANITISATION_METHODS,
  type DecommissioningRecordDetail,
  type ProvisioningRequestDetail,
} from '../../modules/provisioning/provisioning.schema.js';
import type { ApiClient, BodyOf, QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';
import { signAsPerson, withSignerOptions } from '../sign-as-person.js';

const LIST_COLUMNS = ['number', 'asset', 'status', 'requestedAt', 'id'];

function describeProvisioning(request: ProvisioningRequestDetail): string {
  return [
    `${request.number} ${request.asset.key} (${request.asset.name}, ${request.asset.lifecycleStatus}): ${request.status}`,
    `  requested by ${request.requestedBy} at ${request.requestedAt}`,
    `  purpose: ${request.purpose}`,
    `  requirements: ${request.requirements}`,
    `  security considerations: ${request.securityConsiderations}`,
    `  configuration reference: ${request.configurationReference}`,
    `  approval: ${request.approvedAt ? `${request.approvedBy ?? ''}, ${request.approvedAt}` : 'pending'}`,
    `  provisioning: ${request.startedAt ? `started ${request.startedAt} by ${request.implementedBy ?? ''}` : 'not started'}`,
    ...request.acceptanceCriteria.map(
      (criterion) =>
        `  criterion ${criterion.position}: ${criterion.criterion} — ${
          criterion.verifiedAt
            ? `verified by ${criterion.verifiedBy ?? ''} at ${criterion.verifiedAt}: ${criterion.observation ?? ''}`
            : 'not verified'
        }`,
    ),
    `  evidence: ${request.evidence.length} file(s)`,
  ].join('\n');
}

const yes = (value: boolean) => (value ? 'yes' : 'no');

function describeDecommissioning(record: DecommissioningRecordDetail): string {
  return [
    `${record.number} ${record.asset.key} (${record.asset.name}, ${record.asset.lifecycleStatus}): ${record.status}`,
    `  recorded by ${record.recordedBy} at ${record.recordedAt}; shut down at ${record.shutDownAt}`,
    `  retention decision: ${record.retentionDecision}`,
    `  data: ${record.dataDisposition}${record.dataLocation ? ` (${record.dataLocation})` : ''}`,
    `  sanitisation: ${record.sanitisationMethod}${record.sanitisationReference ? ` (${record.sanitisationReference})` : ''}`,
    `  removed: access ${yes(record.accessRemoved)}, DNS ${yes(record.dnsRemoved)}, certificates ${yes(record.certificatesRemoved)}, monitoring ${yes(record.monitoringRemoved)}`,
    `  signature: ${record.signedAt ? `${record.signedBy ?? ''}, ${record.signedAt}` : 'not signed'}`,
    ...(record.missing.length > 0 ? [`  missing: ${record.missing.join('; ')}`] : []),
    `  evidence: ${record.evidence.length} file(s)`,
  ].join('\n');
}

function print<T>(command: Command, cli: CliContext, value: T, text: (value: T) => string): void {
  cli.output.out(globalOptions(command).json ? JSON.stringify(value, null, 2) : text(value));
}

function registerProvisioningCommands(program: Command, cli: CliContext): void {
  const provisioning = program
    .command('provisioning')
    .description(
      'provisioning requests: approved, built and verified before an asset goes into service',
    );
  withPageOptions(provisioning.command('list').description('provisioning requests, newest first'))
    .option('--asset <key>')
    .addOption(new Option('--status <status>').choices(PROVISIONING_STATUSES))
    .action(
      async (
        options: {
          asset?: string;
          status?: QueryOf<'/provisioning-requests'>['status'];
        } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/provisioning-requests',
          { query: { asset: options.asset, status: options.status } },
          options,
        );
        printList(
          command,
          cli,
          items.map((item) => ({ ...item, asset: item.asset.key })),
          LIST_COLUMNS,
          formatTable,
        );
      },
    );

  provisioning
    .command('show <id>')
    .description('one request with its acceptance criteria and their verification')
    .action(async (id: string, _options: unknown, command: Command) => {
      const request = await clientFor(command, cli).get('/provisioning-requests/{id}', {
        path: { id },
      });
      print(command, cli, request, describeProvisioning);
    });

  provisioning
    .command('request')
    .description('request an asset; someone other than the requester approves it')
    .requiredOption('--asset <key>', 'the asset to provision (usually requested)')
    .requiredOption('--purpose <text>')
    .requiredOption('--requirements <text>')
    .requiredOption('--security-considerations <text>')
    .requiredOption('--criterion <text...>', 'acceptance criteria, each verified on its own')
    .requiredOption('--configuration-reference <ref>', 'IaC path, module, version or baseline')
    .action(
      async (
        options: {
          asset: string;
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          criterion: string[];
          configurationReference: string;
        },
        command: Command,
      ) => {
        const request = await clientFor(command, cli).send('POST', '/provisioning-requests', {
          body: {
            asset: options.asset,
            purpose: options.purpose,
            requirements: options.requirements,
            securityConsiderations: options.securityConsiderations,
            acceptanceCriteria: options.criterion,
            configurationReference: options.configurationReference,
          },
        });
        print(
          command,
          cli,
          request,
          (r) =>
            `Requested ${r.number} (${r.id}) for ${r.asset.key}; it needs approval by someone else.`,
        );
      },
    );

  withSignerOptions(
    provisioning
      .command('approve <id>')
      .description('approve a request by e-signature (password from PLUMBLINE_PASSWORD)'),
  )
    .option('--note <text>', 'what the approval says')
    .action(
      async (
        id: string,
        options: { email: string; totpCode?: string; note?: string },
        command: Command,
      ) => {
        const { session, password } = await signAsPerson(command, cli, options);
        const request = await session.send('POST', '/provisioning-requests/{id}/approval', {
          path: { id },
          body: { password, note: options.note ?? '' },
        });
        print(command, cli, request, (r) => `Approved ${r.number} (${r.approvedBy ?? ''}).`);
      },
    );

  provisioning
    .command('start <id>')
    .description('start building an approved request; the caller becomes its implementer')
    .action(async (id: string, _options: unknown, command: Command) => {
      const request = await clientFor(command, cli).send(
        'POST',
        '/provisioning-requests/{id}/start',
        { path: { id } },
      );
      print(
        command,
        cli,
        request,
        (r) =>
          `Provisioning ${r.number} started by ${r.implementedBy ?? ''}; ${r.asset.key} is ${r.asset.lifecycleStatus}.`,
      );
    });

  withSignerOptions(
    provisioning
      .command('verify <id> <position>')
      .description(
        'verify one acceptance criterion by e-signature (someone other than the implementer)',
      ),
  )
    .requiredOption('--observation <text>', 'what was checked and what was seen')
    .action(
      async (
        id: string,
        position: string,
        options: { email: string; totpCode?: string; observation: string },
        command: Command,
      ) => {
        const { session, password } = await signAsPerson(command, cli, options);
        const request = await session.send(
          'POST',
          '/provisioning-requests/{id}/criteria/{position}/verification',
          { path: { id, position }, body: { password, observation: options.observation } },
        );
        const open = request.acceptanceCriteria.filter((c) => c.verifiedAt === null).length;
        print(command, cli, request, (r) =>
          r.status === 'verified'
            ? `Verified criterion ${position}; every criterion of ${r.number} is verified: ${r.asset.key} may go into service.`
            : `Verified criterion ${position} of ${r.number}; ${open} still to verify.`,
        );
      },
    );
}

type DecommissioningPatch = BodyOf<'/decommissioning-records/{id}', 'patch'>;

interface DecommissioningOptions {
  retentionDecision?: string;
  dataDisposition?: DecommissioningPatch['dataDisposition'];
  dataLocation?: string;
  sanitisationMethod?: DecommissioningPatch['sanitisationMethod'];
  sanitisationReference?: string;
  removed?: string[];
  shutDownAt?: string;
}

const REMOVALS = {
  access: 'accessRemoved',
  dns: 'dnsRemoved',
  certificates: 'certificatesRemoved',
  monitoring: 'monitoringRemoved',
} as const;

function withDecommissioningOptions(command: Command): Command {
  return command
    .option('--retention-decision <text>', 'the retention review and what is kept')
    .addOption(new Option('--data-disposition <disposition>').choices(DATA_DISPOSITIONS))
    .option('--data-location <where>', 'where migrated or archived data now lives')
    .addOption(
      new Option('--sanitisation-method <method>', 'NIST SP 800-88').choices(SANITISATION_METHODS),
    )
    .option('--sanitisation-reference <ref>', 'certificate of sanitisation, or the ticket')
    .addOption(
      new Option('--removed <what...>', 'what has been removed').choices(Object.keys(REMOVALS)),
    )
    .option(
      '--shut-down-at <when>',
      'when it was shut down (ISO date-time, or YYYY-MM-DD: the start of that day)',
    );
}

/** The request body of the options given (only those given: a patch changes nothing else). */
async function decommissioningBody(
  client: ApiClient,
  options: DecommissioningOptions,
): Promise<DecommissioningPatch> {
  const body: DecommissioningPatch = {};
  if (options.retentionDecision !== undefined) body.retentionDecision = options.retentionDecision;
  if (options.dataDisposition !== undefined) body.dataDisposition = options.dataDisposition;
  if (options.dataLocation !== undefined) body.dataLocation = options.dataLocation;
  if (options.sanitisationMethod !== undefined)
    body.sanitisationMethod = options.sanitisationMethod;
  if (options.sanitisationReference !== undefined)
    body.sanitisationReference = options.sanitisationReference;
  const { shutDownAt } = await resolveInstants(client, {
    shutDownAt: ['--shut-down-at', options.shutDownAt, 'start'],
  });
  if (shutDownAt !== undefined) body.shutDownAt = shutDownAt;
  for (const removed of options.removed ?? []) {
    body[REMOVALS[removed as keyof typeof REMOVALS]] = true;
  }
  return body;
}

const describeOutcome = (record: DecommissioningRecordDetail) =>
  record.missing.length === 0
    ? `${record.number} (${record.id}) of ${record.asset.key} is complete and may be signed.`
    : `${record.number} (${record.id}) of ${record.asset.key}; still missing: ${record.missing.join('; ')}.`;

function registerDecommissioningCommands(program: Command, cli: CliContext): void {
  const decommissioning = program
    .command('decommissioning')
    .description('decommissioning records: signed before an asset becomes decommissioned');
  withPageOptions(
    decommissioning.command('list').description('decommissioning records, newest first'),
  )
    .option('--asset <key>')
    .addOption(new Option('--status <status>').choices(DECOMMISSIONING_STATUSES))
    .action(
      async (
        options: {
          asset?: string;
          status?: QueryOf<'/decommissioning-records'>['status'];
        } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/decommissioning-records',
          { query: { asset: options.asset, status: options.status } },
          options,
        );
        printList(
          command,
          cli,
          items.map((item) => ({ ...item, asset: item.asset.key })),
          ['number', 'asset', 'status', 'shutDownAt', 'signedBy', 'id'],
          formatTable,
        );
      },
    );

  decommissioning
    .command('show <id>')
    .description('one record with what it still lacks')
    .action(async (id: string, _options: unknown, command: Command) => {
      const record = await clientFor(command, cli).get('/decommissioning-records/{id}', {
        path: { id },
      });
      print(command, cli, record, describeDecommissioning);
    });

  withDecommissioningOptions(
    decommissioning
      .command('create')
      .description('record how an asset is taken out of service; it moves to decommissioning')
      .requiredOption('--asset <key>'),
  ).action(async (options: DecommissioningOptions & { asset: string }, command: Command) => {
    const client = clientFor(command, cli);
    // A draft may lack what signing needs: the server names every missing field.
    const body = { asset: options.asset, ...(await decommissioningBody(client, options)) };
    const record = await client.send('POST', '/decommissioning-records', {
      body: body as BodyOf<'/decommissioning-records', 'post'>,
    });
    print(command, cli, record, (r) => `Recorded ${describeOutcome(r)}`);
  });

  withDecommissioningOptions(
    decommissioning
      .command('update <id>')
      .description('change a draft record, e.g. tick removals as they are done'),
  ).action(async (id: string, options: DecommissioningOptions, command: Command) => {
    const client = clientFor(command, cli);
    const record = await client.send('PATCH', '/decommissioning-records/{id}', {
      path: { id },
      body: await decommissioningBody(client, options),
    });
    print(command, cli, record, (r) => `Updated ${describeOutcome(r)}`);
  });

  withSignerOptions(
    decommissioning
      .command('sign <id>')
      .description('sign a complete record by e-signature (password from PLUMBLINE_PASSWORD)'),
  )
    .option('--note <text>', 'what the signature says')
    .action(
      async (
        id: string,
        options: { email: string; totpCode?: string; note?: string },
        command: Command,
      ) => {
        const { session, password } = await signAsPerson(command, cli, options);
        const record = await session.send('POST', '/decommissioning-records/{id}/signature', {
          path: { id },
          body: { password, note: options.note ?? '' },
        });
        print(
          command,
          cli,
          record,
          (r) => `Signed ${r.number}: ${r.asset.key} may now become decommissioned.`,
        );
      },
    );
}

/** Client commands for provisioning requests and decommissioning records (docs/lifecycle.md). */
export function registerLifecycleCommands(program: Command, cli: CliContext): void {
  registerProvisioningCommands(program, cli);
  registerDecommissioningCommands(program, cli);
}
