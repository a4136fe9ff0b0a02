import type { Command } from 'commander';
import { MAX_PAGE_LIMIT } from '../platform/http/paging.js';
import type { ApiClient, ItemOf } from '../shared/api/api-client.js';
import { readPage, type ListPath, type ListRequest } from '../shared/api/list-pages.js';
import type { CliContext } from './context.js';

export interface PageOptions {
  limit?: string | undefined;
  cursor?: string | undefined;
}

/** The options of every list command: all rows by default, or one page of them. */
export function withPageOptions(command: Command): Command {
  return command
    .option(
      '--limit <n>',
      `one page of at most n rows (1 to ${MAX_PAGE_LIMIT}); the cursor of the next one goes to stderr`,
    )
    .option('--cursor <cursor>', 'the page after the one that printed this cursor');
}

/** The --limit / --cursor options of a list command, as commander parsed them. */
export function pageOptions(options: Record<string, unknown>): PageOptions {
  return {
    limit: options.limit as string | undefined,
    cursor: options.cursor as string | undefined,
  };
}

/** Every item of a list, page after page (the API's nextCursor), in the list's order. */
export async function* listPages<P extends ListPath>(
  client: ApiClient,
  path: P,
  request: ListRequest<P>,
): AsyncGenerator<ItemOf<P>[]> {
  let cursor: string | undefined;
  do {
    const page = await readPage(client, path, request, { limit: MAX_PAGE_LIMIT, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * A list command's rows: all of them, or with --limit / --cursor one page, the cursor of the page
 * after it told on stderr (stdout stays the rows, as a table or JSON), so nothing is cut silently.
 */
export async function fetchList<P extends ListPath>(
  client: ApiClient,
  cli: CliContext,
  path: P,
  request: ListRequest<P>,
  options: PageOptions,
): Promise<ItemOf<P>[]> {
  if (options.limit !== undefined || options.cursor !== undefined) {
    const page = await readPage(client, path, request, options);
    if (page.nextCursor !== null) cli.output.err(`More rows follow: --cursor ${page.nextCursor}`);
    return page.items;
  }
  const items: ItemOf<P>[] = [];
  for await (const page of listPages(client, path, request)) items.push(...page);
  return items;
}
