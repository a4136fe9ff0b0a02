import type { Command } from 'commander';
import { MAX_PAGE_LIMIT, type Page } from '../platform/http/paging.js';
import type { ApiClient } from './api-client.js';
import type { CliContext } from './context.js';

type Query = Record<string, string | number | boolean | undefined>;

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
export async function* listPages<Item>(
  client: ApiClient,
  path: string,
  query: Query,
): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const page = await client.get<Page<Item>>(path, { ...query, limit: MAX_PAGE_LIMIT, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/**
 * A list command's rows: all of them, or with --limit / --cursor one page, the cursor of the page
 * after it told on stderr (stdout stays the rows, as a table or JSON), so nothing is cut silently.
 */
export async function fetchList<Item>(
  client: ApiClient,
  cli: CliContext,
  path: string,
  query: Query,
  options: PageOptions,
): Promise<Item[]> {
  if (options.limit !== undefined || options.cursor !== undefined) {
    const page = await client.get<Page<Item>>(path, {
      ...query,
      limit: options.limit,
      cursor: options.cursor,
    });
    if (page.nextCursor !== null) cli.output.err(`More rows follow: --cursor ${page.nextCursor}`);
    return page.items;
  }
  const items: Item[] = [];
  for await (const page of listPages<Item>(client, path, query)) items.push(...page);
  return items;
}
