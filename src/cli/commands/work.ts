import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { WorkOrderDetail } from '../../modules/work-orders/work-order.schema.js';
import type { QueryOf } from '../../shared/api/api-client.js';
import { clientFor, globalOptions, printList, type CliContext } from '../context.js';
import { resolveInstants } from '../instants.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { formatTable } from '../output.js';
import { fetchList, listPages, withPageOptions, type PageOptions } from '../paging.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Work orders are addressed by their id or by the number people see (WO-000123); the API takes
 * ids, so a number is looked up in the list first.
 */
async function resolveWorkOrderId(command: Command, cli: CliContext, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const wanted = ref.toUpperCase();
  for await (const page of listPages(clientFor(command, cli), '/work-orders', {})) {
    const found = page.find((item) => item.number === wanted);
    if (found) return found.id;
  }
  throw new CliExit(EXIT.failure, `No work order ${ref}`);
}

function printWorkOrder(command: Command, cli: CliContext, order: WorkOrderDetail): void {
  if (globalOptions(command).json) {
    cli.output.out(JSON.stringify(order, null, 2));
    return;
  }
  const lines = [
    `${order.number}  ${order.title}`,
    `status ${order.status} · ${order.kind} · owner ${order.ownerRole}` +
      (order.occurrence ? ` · due ${order.occurrence.dueAt} (${order.occurrence.status})` : ''),
  ];
  if (order.checklist.length > 0) {
    lines.push('', 'Checklist:');
    for (const item of order.checklist) lines.push(`  [${item.done ? 'x' : ' '}] ${item.text}`);
  }
  if (order.evidence.length > 0) {
    lines.push('', 'Evidence:');
    for (const file of order.evidence)
      lines.push(`  ${file.filename}  ${file.sizeBytes} bytes  sha256 ${file.sha256}`);
  }
  for (const signature of order.signatures)
    lines.push(`Signed ${signature.meaning} by ${signature.signerLabel} at ${signature.signedAt}`);
  cli.output.out(lines.join('\n'));
}

/**
 * Client commands for the dated work: occurrences and work orders. Signing a closeout needs a
 * person re-entering their password, so verification stays in the web UI.
 */
export function registerWorkCommands(program: Command, cli: CliContext): void {
  withPageOptions(
    program
      .command('occurrences')
      .description(
        'dated work the controls generate, in due order, with its status now or at --at',
      ),
  )
    .option('--status <list>', 'comma-separated, e.g. due,overdue')
    .option('--control <key>')
    .option('--asset <key>')
    .option('--owner-role <role>')
    .option(
      '--due-from <when>',
      'due at or after this instant (ISO date-time, or YYYY-MM-DD for the start of that day)',
    )
    .option(
      '--due-before <when>',
      'due before this instant (ISO date-time), or by the end of this day (YYYY-MM-DD)',
    )
    .option(
      '--at <when>',
      'evaluate statuses at this instant (ISO date-time, or YYYY-MM-DD for the end of that day)',
    )
    .action(async (options: Record<string, string | undefined>, command: Command) => {
      const client = clientFor(command, cli);
      const instants = await resolveInstants(client, {
        dueFrom: ['--due-from', options.dueFrom, 'start'],
        dueBefore: ['--due-before', options.dueBefore, 'deadline'],
        at: ['--at', options.at, 'end'],
      });
      const items = await fetchList(
        client,
        cli,
        '/occurrences',
        {
          query: {
            status: options.status as QueryOf<'/occurrences'>['status'],
            control: options.control,
            asset: options.asset,
            ownerRole: options.ownerRole as QueryOf<'/occurrences'>['ownerRole'],
            ...instants,
          },
        },
        options,
      );
      printList(
        command,
        cli,
        items,
        ['id', 'controlKey', 'periodKey', 'assetKey', 'dueAt', 'status'],
        formatTable,
      );
    });

  const work = program.command('work').description('work orders: list, start, complete, evidence');
  withPageOptions(work.command('list').description('work orders, newest first'))
    .option('--status <list>', 'comma-separated: open,in_progress,done,verified')
    .option('--mine', 'only work I performed or that my role owns')
    .action(
      async (options: { status?: string; mine?: boolean } & PageOptions, command: Command) => {
        const items = await fetchList(
          clientFor(command, cli),
          cli,
          '/work-orders',
          {
            query: {
              status: options.status as QueryOf<'/work-orders'>['status'],
              mine: options.mine ? 'true' : undefined,
            },
          },
          options,
        );
        printList(
          command,
          cli,
          items,
          ['number', 'status', 'kind', 'controlKey', 'assetKey', 'title'],
          formatTable,
        );
      },
    );
  work
    .command('show <workOrder>')
    .description('one work order with its checklist, evidence and signatures (id or WO-number)')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const id = await resolveWorkOrderId(command, cli, ref);
      printWorkOrder(
        command,
        cli,
        await clientFor(command, cli).get('/work-orders/{id}', { path: { id } }),
      );
    });
  work
    .command('start <occurrenceId>')
    .description('start the work order of an occurrence')
    .action(async (occurrenceId: string, _options: unknown, command: Command) => {
      const client = clientFor(command, cli);
      const order = await client.send('POST', '/occurrences/{id}/start', {
        path: { id: occurrenceId },
      });
      printWorkOrder(
        command,
        cli,
        await client.get('/work-orders/{id}', { path: { id: order.id } }),
      );
    });
  work
    .command('attach <workOrder> <file>')
    .description('attach an evidence file (stored encrypted, with its SHA-256)')
    .action(async (ref: string, file: string, _options: unknown, command: Command) => {
      const id = await resolveWorkOrderId(command, cli, ref);
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch (error) {
        throw new CliExit(EXIT.failure, `Cannot read ${file}: ${(error as Error).message}`);
      }
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)]), path.basename(file));
      const evidence = await clientFor(command, cli).send('POST', '/work-orders/{id}/evidence', {
        path: { id },
        form,
      });
      cli.output.out(
        globalOptions(command).json
          ? JSON.stringify(evidence)
          : `Attached ${evidence.filename} (${evidence.sizeBytes} bytes, sha256 ${evidence.sha256})`,
      );
    });
  work
    .command('tick <workOrder> [positions...]')
    .description('tick checklist items by their number (1, 2…), or all of them with --all')
    .option('--all', 'tick every item')
    .action(
      async (ref: string, positions: string[], options: { all?: boolean }, command: Command) => {
        const client = clientFor(command, cli);
        const id = await resolveWorkOrderId(command, cli, ref);
        const order = await client.get('/work-orders/{id}', { path: { id } });
        const wanted = new Set(positions.map(Number));
        const items = order.checklist.filter(
          (item) => options.all === true || wanted.has(item.position),
        );
        const known = new Set(order.checklist.map((item) => item.position));
        const unknown = [...wanted].filter((position) => !known.has(position));
        if (unknown.length > 0 || items.length === 0)
          throw new CliExit(
            EXIT.usage,
            unknown.length > 0
              ? `${order.number} has no checklist item ${unknown.join(', ')} (it has 1–${order.checklist.length})`
              : 'Name checklist items by number, or give --all',
          );
        for (const item of items) {
          await client.send('PATCH', '/work-orders/{id}/checklist/{itemId}', {
            path: { id, itemId: item.id },
            body: { done: true },
          });
        }
        printWorkOrder(command, cli, await client.get('/work-orders/{id}', { path: { id } }));
      },
    );
  work
    .command('complete <workOrder>')
    .description('mark the work done; an independent verifier then signs it in the web UI')
    .option('--note <text>', 'what was done', '')
    .action(async (ref: string, options: { note: string }, command: Command) => {
      const id = await resolveWorkOrderId(command, cli, ref);
      const client = clientFor(command, cli);
      await client.send('POST', '/work-orders/{id}/complete', {
        path: { id },
        body: { note: options.note },
      });
      printWorkOrder(command, cli, await client.get('/work-orders/{id}', { path: { id } }));
    });
}
