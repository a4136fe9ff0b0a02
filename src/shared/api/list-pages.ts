/**
 * The API's one list convention (docs/api.md "Lists") on the typed client: the paths that answer
 * `{ items, nextCursor }` pages, and one page of them read with `limit` and `cursor`.
 */
import type { ApiClient } from './api-client.js';
import type { ItemOf, PathsWith, RequestOf, ResponseOf } from './api-contract.js';

/** The paths answering a page of the one list convention. */
export type ListPath = {
  [P in PathsWith<'get'>]: ResponseOf<P> extends { items: unknown[]; nextCursor: string | null }
    ? P
    : never;
}[PathsWith<'get'>];

/** A list path's request without the paging parameters `readPage` sets. */
export type ListRequest<P extends ListPath> = Omit<RequestOf<P>, 'query'> & {
  query?: Omit<
    NonNullable<RequestOf<P> extends { query?: infer Q } ? Q : never>,
    'limit' | 'cursor'
  >;
};

export interface ListPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Which page: at most `limit` items after `cursor` (the first page without one). */
export interface PageParameters {
  limit?: number | string | undefined;
  cursor?: string | undefined;
}

type PageReader = (
  path: string,
  request: { path?: unknown; query: Record<string, unknown> },
) => Promise<ListPage<never>>;

/** One page of a list path: the one place a list's path and its page are related by hand. */
export function readPage<P extends ListPath>(
  client: Pick<ApiClient, 'get'>,
  path: P,
  request: ListRequest<P>,
  page: PageParameters,
): Promise<ListPage<ItemOf<P>>> {
  const read = client.get as unknown as PageReader;
  return read(path, { ...request, query: { ...request.query, ...page } });
}
