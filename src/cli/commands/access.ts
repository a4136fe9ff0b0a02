import type { Command } from 'commander';
import { ApiError, type BodyOf, type ResponseOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, pageOptions, withPageOptions, type PageOptions } from '../paging.js';

type HealthAnswer = ResponseOf<'/health'>;

/** Client commands for health, users, tokens and the audit log. */
export function registerAccessCommands(program: Command, cli: CliContext): void {
  program
    .command('health')
    .description('check that the server answers')
    .action(async (_options: unknown, command: Command) => {
      let health: HealthAnswer;
      try {
        health = await clientFor(command, cli).get('/health');
      } catch (error) {
        // Not ready: the answer names the failing components.
        if (!(error instanceof ApiError) || error.status !== 503) throw error;
        // The 503 answer has the same body as the 200 one.
        health = error.body as HealthAnswer;
      }
      const failing = Object.entries(health.checks).filter(([, check]) => check.status !== 'ok');
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(health)
          : [
              `${health.status} (${health.database}, version ${health.version})`,
              ...failing.map(([name, check]) => `  ${name}: ${check.message ?? check.status}`),
            ].join('\n'),
      );
      if (health.status !== 'ok') throw new CliExit(EXIT.failure, '');
    });

  withPageOptions(program.command('users').description('list users by e-mail address')).action(
    async (options: Record<string, unknown>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/users',
        {},
        pageOptions(options),
      );
      printList(
        command,
        cli,
        items,
        ['email', 'name', 'role', 'mfaEnabled', 'disabled'],
        formatTable,
      );
    },
  );

  const sso = program
    .command('sso')
    .description('link users to people at the single sign-on provider (admin)');
  /** The id of the user with this e-mail address (the API names users by id). */
  const userIdOf = async (command: Command, email: string): Promise<string> => {
    const users = await fetchList(clientFor(command, cli), cli, '/users', {}, {});
    const user = users.find((candidate) => candidate.email === email.toLowerCase());
    if (!user) throw new CliExit(EXIT.notFoundOrForbidden, `No user with e-mail ${email}`);
    return user.id;
  };
  sso
    .command('link <email>')
    .description("sign in and e-sign through the provider only, as the subject (its 'sub')")
    .requiredOption('--subject <sub>', "the person's subject at the provider")
    .action(async (email: string, options: { subject: string }, command: Command) => {
      const id = await userIdOf(command, email);
      const linked = await clientFor(command, cli).send('PUT', '/users/{id}/sso-identity', {
        path: { id },
        body: { subject: options.subject },
      });
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(linked)
          : `Linked ${email} to ${linked.subject} at ${linked.issuer}`,
      );
    });
  sso
    .command('unlink <email>')
    .description('remove the link (set a password for the user to sign in again)')
    .action(async (email: string, _options: unknown, command: Command) => {
      const id = await userIdOf(command, email);
      await clientFor(command, cli).send('DELETE', '/users/{id}/sso-identity', { path: { id } });
      cli.output.out(`Unlinked ${email}`);
    });

  const tokens = program.command('tokens').description('API tokens for machines');
  tokens.command('list').action(async (_options: unknown, command: Command) => {
    const { items } = await clientFor(command, cli).get('/tokens');
    printList(
      command,
      cli,
      items,
      ['id', 'name', 'role', 'prefix', 'lastUsedAt', 'revokedAt'],
      formatTable,
    );
  });
  tokens
    .command('create')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>')
    .option(
      '--expires-at <when>',
      'when the token stops working (ISO date-time, or YYYY-MM-DD: at the end of that day)',
    )
    .action(
      async (
        options: { name: string; role: BodyOf<'/tokens', 'post'>['role']; expiresAt?: string },
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const { expiresAt } = await resolveInstants(client, {
          expiresAt: ['--expires-at', options.expiresAt, 'end'],
        });
        const created = await client.send('POST', '/tokens', {
          body: { name: options.name, role: options.role, expiresAt },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(created, null, 2)
            : `Token (shown once, store it now):\n${created.token}`,
        );
      },
    );
  tokens.command('revoke <id>').action(async (id: string, _options: unknown, command: Command) => {
    const revoked = await clientFor(command, cli).send('DELETE', '/tokens/{id}', {
      path: { id },
    });
    cli.output.out(`Revoked ${revoked.name}`);
  });

  // The trail grows without end: one page by default (50 events), the next one's cursor on stderr.
  program
    .command('events')
    .description('list audit events, newest first, a page at a time')
    .option('--entity-type <type>')
    .option('--entity-id <id>')
    .option('--limit <n>', 'events per page (1 to 1000)', '50')
    .option('--cursor <cursor>', 'the page after the one that printed this cursor')
    .action(
      async (
        options: { entityType?: string; entityId?: string } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/audit/events',
          { query: { entityType: options.entityType, entityId: options.entityId } },
          options,
        );
        printList(
          command,
          cli,
          items,
          ['seq', 'occurredAt', 'actorLabel', 'action', 'entityType', 'entityId'],
          formatTable,
        );
      },
    );
}
