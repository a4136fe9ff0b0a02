import { Option, type Command } from 'commander';
import {
  REVIEW_STATUSES,
  type ReviewDetail,
} from '../../modules/supplier-reviews/supplier-review.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { fetchList, pageOptions, withPageOptions } from '../paging.js';

function describeReview(review: ReviewDetail): string {
  const period =
    review.periodFrom || review.periodTo
      ? `${review.periodFrom ?? '?'} to ${review.periodTo ?? '?'}`
      : 'no period';
  const decision = review.decision
    ? `${review.decision}${review.conditions ? ` (${review.conditions})` : ''}, signed by ${review.signedBy ?? '-'} at ${review.signedAt ?? '-'}`
    : 'not signed';
  return [
    `${review.supplier.name} (${review.supplier.key}): ${review.reportTitle} [${review.reportKind}]`,
    `  ${review.status}; ${period}; opinion ${review.opinion}` +
      (review.bridgeLetterThrough ? `; bridge letter through ${review.bridgeLetterThrough}` : ''),
    `  exceptions: ${review.exceptions || '-'}`,
    `  CUECs (${review.cuecsChecked}/${review.cuecCount} checked):`,
    ...review.cuecs.map(
      (cuec) =>
        `    ${cuec.position}. [${cuec.inPlace === null ? ' ' : cuec.inPlace ? 'x' : '-'}] ${cuec.text}` +
        (cuec.comment ? ` (${cuec.comment})` : ''),
    ),
    `  findings: ${review.findings || '-'}`,
    `  evidence: ${review.evidence.map((file) => `${file.filename} sha256:${file.sha256}`).join(', ') || '-'}`,
    `  decision: ${decision}`,
    `  next review due: ${review.nextReviewDue ?? '-'}`,
  ].join('\n');
}

/** Client commands for suppliers and their oversight: list, reviews, certificates, timeline. */
export function registerSupplierCommands(program: Command, cli: CliContext): void {
  const suppliers = program.command('suppliers').description('suppliers and their oversight');
  withPageOptions(
    suppliers.command('list', { isDefault: true }).description('suppliers by name'),
  ).action(async (options: Record<string, unknown>, command: Command) => {
    const items = await fetchList(
      clientFor(command, cli),
      cli,
      '/suppliers',
      {},
      pageOptions(options),
    );
    printList(command, cli, items, ['key', 'name', 'services', 'assetCount'], formatTable);
  });

  const reviews = suppliers.command('reviews').description("reviews of suppliers' reports");
  withPageOptions(reviews.command('list').description('supplier reviews, newest first'))
    .option('--supplier <key>', "only this supplier's")
    .addOption(new Option('--status <status>').choices(REVIEW_STATUSES))
    .action(async (options: Record<string, unknown>, command: Command) => {
      const items = await fetchList(
        clientFor(command, cli),
        cli,
        '/supplier-reviews',
        {
          query: {
            supplier: options.supplier as string | undefined,
            status: options.status as QueryOf<'/supplier-reviews'>['status'],
          },
        },
        pageOptions(options),
      );
      const rows = globalOptions(command).json
        ? items
        : items.map((review) => ({
            ...review,
            supplier: review.supplier.key,
            decision: review.decision ?? '-',
            cuecs: `${review.cuecsChecked}/${review.cuecCount}`,
          }));
      printList(
        command,
        cli,
        rows,
        [
          'id',
          'supplier',
          'reportTitle',
          'opinion',
          'status',
          'decision',
          'cuecs',
          'nextReviewDue',
        ],
        formatTable,
      );
    });
  reviews
    .command('show <id>')
    .description('one review with its CUECs, evidence and signed decision')
    .action(async (id: string, _options: unknown, command: Command) => {
      const review = await clientFor(command, cli).get('/supplier-reviews/{id}', {
        path: { id },
      });
      cli.output.out(
        globalOptions(command).json ? JSON.stringify(review, null, 2) : describeReview(review),
      );
    });

  const certificates = suppliers
    .command('certificates')
    .description("a supplier's certifications and their renewals");
  certificates
    .command('list <key>')
    .description('certifications with expiry and the renewal opened for each')
    .action(async (key: string, _options: unknown, command: Command) => {
      const { items } = await clientFor(command, cli).get('/suppliers/{key}/certificates', {
        path: { key },
      });
      const rows = globalOptions(command).json
        ? items
        : items.map((c) => ({
            ...c,
            renewal: c.renewal
              ? c.renewal.renewedAt
                ? `renewed through ${c.renewal.renewedExpiresOn ?? '-'}`
                : 'open'
              : '-',
          }));
      printList(command, cli, rows, ['name', 'expiresOn', 'expired', 'renewal'], formatTable);
    });
  certificates
    .command('record <key>')
    .description('record a renewed certificate; completes its open renewal')
    .requiredOption('--name <name>', 'e.g. "SOC 2 Type II"')
    .requiredOption('--expires-on <date>', 'YYYY-MM-DD')
    .option('--note <text>')
    .action(
      async (
        key: string,
        options: { name: string; expiresOn: string; note?: string },
        command: Command,
      ) => {
        const result = await clientFor(command, cli).send('POST', '/suppliers/{key}/certificates', {
          path: { key },
          body: { name: options.name, expiresOn: options.expiresOn, note: options.note ?? '' },
        });
        cli.output.out(
          globalOptions(command).json
            ? JSON.stringify(result, null, 2)
            : `Recorded ${options.name} for ${key}, valid through ${options.expiresOn}.`,
        );
      },
    );

  withPageOptions(
    suppliers
      .command('timeline <key>')
      .description("a supplier's service reports, incidents, certificates and reviews"),
  ).action(async (key: string, options: Record<string, unknown>, command: Command) => {
    const items = await fetchList(
      clientFor(command, cli),
      cli,
      '/suppliers/{key}/timeline',
      { path: { key } },
      pageOptions(options),
    );
    const rows = globalOptions(command).json
      ? items
      : items.map((event) => ({ ...event, files: event.evidence.length }));
    printList(command, cli, rows, ['at', 'kind', 'title', 'files', 'recordedBy'], formatTable);
  });
}
