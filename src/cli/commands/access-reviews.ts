import { Option, type Command } from 'commander';
import { ACCESS_REVIEW_DECISIONS } from '../../modules/access-reviews/access-review.schema.js';
import type { BodyOf, ItemOf, QueryOf } from '../../shared/api/api-client.js';
import { signInAsPerson } from '../api-transport.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, withPageOptions, type PageOptions } from '../paging.js';

type AccessReviewCampaignView = ItemOf<'/access-reviews'>;

const CAMPAIGN_COLUMNS = ['id', 'asset', 'quarter', 'status', 'owner', 'progress', 'signedBy'];

function campaignRow(campaign: AccessReviewCampaignView) {
  const { total, pending, keep, revoke, change, outstanding } = campaign.progress;
  return {
    ...campaign,
    progress: `${total - pending}/${total} decided (keep ${keep}, revoke ${revoke}, change ${change}; ${outstanding} not yet carried out)`,
  };
}

function describeCampaign(campaign: AccessReviewCampaignView): string {
  const row = campaignRow(campaign);
  return [
    `Access review ${campaign.quarter} of ${campaign.asset} (${campaign.id}): ${campaign.status}`,
    `Owner: ${campaign.owner}${campaign.delegates.length > 0 ? `; delegates: ${campaign.delegates.join(', ')}` : ''}`,
    `Accounts of the snapshot taken ${campaign.snapshotTakenAt}: ${row.progress}`,
    ...(campaign.signedAt ? [`Signed by ${campaign.signedBy ?? ''} at ${campaign.signedAt}`] : []),
  ].join('\n');
}

/** Client commands for quarterly access reviews (docs/access-management.md). */
export function registerAccessReviewCommands(program: Command, cli: CliContext): void {
  const reviews = program
    .command('access-reviews')
    .description('quarterly access reviews: one system, one quarter, a decision per account');

  reviews
    .command('start')
    .description(
      'start the review of a system for a quarter (every account of its latest snapshot)',
    )
    .requiredOption('--asset <key>', 'the system whose accounts are reviewed')
    .option('--quarter <quarter>', 'e.g. 2026-Q4; default: the current quarter')
    .option('--delegate <email...>', 'people who may decide and sign besides the owner')
    .action(
      async (
        options: { asset: string; quarter?: string; delegate?: string[] },
        command: Command,
      ) => {
        const campaign = await clientFor(command, cli).send('POST', '/access-reviews', {
          body: {
            asset: options.asset,
            quarter: options.quarter,
            delegates: options.delegate ?? [],
          },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(campaign, null, 2)
            : `Started: ${describeCampaign(campaign)}`,
        );
      },
    );

  withPageOptions(reviews.command('list').description('access review campaigns, newest first'))
    .option('--asset <key>')
    .option('--quarter <quarter>')
    .addOption(new Option('--status <status>').choices(['open', 'signed']))
    .action(
      async (
        options: {
          asset?: string;
          quarter?: string;
          status?: QueryOf<'/access-reviews'>['status'];
        } & PageOptions,
        command: Command,
      ) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/access-reviews',
          { query: { asset: options.asset, quarter: options.quarter, status: options.status } },
          options,
        );
        if (globalOptions(command).json) cli.output.out(JSON.stringify(items, null, 2));
        else cli.output.out(formatTable(items.map(campaignRow), CAMPAIGN_COLUMNS));
      },
    );

  withPageOptions(
    reviews.command('show <id>').description('one campaign and its accounts with their decisions'),
  )
    .addOption(
      new Option('--decision <decision>', 'only these items').choices([
        ...ACCESS_REVIEW_DECISIONS,
        'pending',
      ]),
    )
    .action(
      async (
        id: string,
        options: { decision?: QueryOf<'/access-reviews/{id}/items'>['decision'] } & PageOptions,
        command: Command,
      ) => {
        const client = clientFor(command, cli);
        const campaign = await client.get('/access-reviews/{id}', { path: { id } });
        const items = await fetchList(
          client,
          cli,
          '/access-reviews/{id}/items',
          { path: { id }, query: { decision: options.decision } },
          options,
        );
        if (globalOptions(command).json) {
          cli.output.out(JSON.stringify({ ...campaign, items }, null, 2));
          return;
        }
        cli.output.out(describeCampaign(campaign));
        printList(
          command,
          cli,
          items.map((item) => ({
            ...item,
            roles: item.roles.join(','),
            decision: item.decision ?? 'pending',
            carriedOut: item.carriedOutAt ?? '',
          })),
          ['username', 'personEmail', 'roles', 'privileged', 'decision', 'comment', 'carriedOut'],
          formatTable,
        );
      },
    );

  reviews
    .command('decide <id> [usernames...]')
    .description('decide keep, revoke or change for the named accounts (or --all-pending)')
    .addOption(
      new Option('--decision <decision>').choices(ACCESS_REVIEW_DECISIONS).makeOptionMandatory(),
    )
    .requiredOption('--comment <text>', 'why')
    .option('--all-pending', 'every account without a decision yet')
    .action(
      async (
        id: string,
        usernames: string[],
        options: {
          decision: BodyOf<'/access-reviews/{id}/decisions', 'post'>['decision'];
          comment: string;
          allPending?: boolean;
        },
        command: Command,
      ) => {
        if (usernames.length > 0 === Boolean(options.allPending)) {
          throw new CliExit(EXIT.usage, 'Name the accounts or give --all-pending (not both)');
        }
        const result = await clientFor(command, cli).send(
          'POST',
          '/access-reviews/{id}/decisions',
          {
            path: { id },
            body: {
              decision: options.decision,
              comment: options.comment,
              ...(options.allPending ? { allPending: true } : { usernames }),
            },
          },
        );
        const { total, pending } = result.progress;
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(result, null, 2)
            : `Decided ${result.decided} account(s): ${options.decision}. ${total - pending} of ${total} decided.`,
        );
      },
    );

  reviews
    .command('sign <id>')
    .description(
      'sign a complete campaign as a person (API tokens cannot sign): the password comes from PLUMBLINE_PASSWORD',
    )
    .requiredOption('--email <email>', 'the signing person (the owner or a delegate)')
    .option('--totp-code <code>', 'to sign in when the person has MFA')
    .option('--note <text>', 'what the signature should say beside the decisions')
    .action(
      async (
        id: string,
        options: { email: string; totpCode?: string; note?: string },
        command: Command,
      ) => {
        const password = cli.env.PLUMBLINE_PASSWORD;
        if (!password) {
          throw new CliExit(EXIT.usage, 'Set PLUMBLINE_PASSWORD to the signer’s password');
        }
        const { url } = globalOptions(command);
        const session = await signInAsPerson(
          { url, fetch: cli.fetch },
          { email: options.email, password, totpCode: options.totpCode },
        );
        const campaign = await session.send('POST', '/access-reviews/{id}/sign', {
          path: { id },
          body: { password, ...(options.note ? { note: options.note } : {}) },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(campaign, null, 2)
            : `Signed: ${describeCampaign(campaign)}`,
        );
      },
    );
}
