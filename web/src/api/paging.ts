/**
 * The API's one list convention (docs/api.md "Lists"): `{ items, nextCursor }` pages read with
 * `limit` and `cursor`. Tables show a page and load the next on demand; summaries that count read
 * every page. Nothing is cut off without the table saying that more follows.
 */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import type { Page } from '../../../src/platform/http/paging.js';
import type { ApiClient, ItemOf } from '../../../src/shared/api/api-client.js';
import { readPage, type ListPath, type ListRequest } from '../../../src/shared/api/list-pages.js';
import { useApiClient } from './ApiProvider.js';

export type { Page };

/** Rows a table shows at first and adds with each "Load more". */
export const TABLE_PAGE_SIZE = 100;
/** The largest page the server hands out, for reading a whole list. */
const WHOLE_LIST_PAGE_SIZE = 1000;

/** The one query of a paged list: what usePagedList shows and prefetchPagedList starts early. */
function pagedListOptions<P extends ListPath>(
  api: Pick<ApiClient, 'get'>,
  queryKey: QueryKey,
  path: P,
  request: ListRequest<P>,
  pageSize: number,
) {
  return infiniteQueryOptions({
    queryKey: [...queryKey, 'paged', pageSize],
    queryFn: ({ pageParam }) =>
      readPage(api, path, request, { limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * A list shown a page at a time: `data` is the rows loaded so far, `hasNextPage` says whether more
 * follow, `fetchNextPage` loads them (see LoadMore). With `pollWhile`, the loaded pages are read
 * again every second while a loaded row matches it (a pack being built).
 */
export function usePagedList<P extends ListPath>(
  queryKey: QueryKey,
  path: P,
  request: ListRequest<P>,
  pageSize = TABLE_PAGE_SIZE,
  pollWhile?: (item: ItemOf<P>) => boolean,
) {
  const api = useApiClient();
  return useInfiniteQuery({
    ...pagedListOptions(api, queryKey, path, request, pageSize),
    select: (data) => data.pages.flatMap((page) => page.items),
    refetchInterval: (current) =>
      pollWhile && current.state.data?.pages.some((page) => page.items.some(pollWhile))
        ? 1000
        : false,
  });
}

/**
 * Starts reading a paged list's first page before its table is shown (a page's first load: see
 * web/src/first-load.ts); the table then finds the request under way instead of starting it.
 */
export function prefetchPagedList<P extends ListPath>(
  queryClient: QueryClient,
  api: Pick<ApiClient, 'get'>,
  queryKey: QueryKey,
  path: P,
  request: ListRequest<P>,
  pageSize = TABLE_PAGE_SIZE,
): void {
  void queryClient.prefetchInfiniteQuery(pagedListOptions(api, queryKey, path, request, pageSize));
}

/** Every row of a list, page after page. */
export async function readWholeList<P extends ListPath>(
  api: Pick<ApiClient, 'get'>,
  path: P,
  request: ListRequest<P>,
): Promise<ItemOf<P>[]> {
  const items: ItemOf<P>[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(api, path, request, { limit: WHOLE_LIST_PAGE_SIZE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** The query of a whole list: what useWholeList shows and a first load may start early. */
export function wholeListOptions<P extends ListPath>(
  api: Pick<ApiClient, 'get'>,
  queryKey: QueryKey,
  path: P,
  request: ListRequest<P>,
) {
  return queryOptions({
    queryKey: [...queryKey, 'whole'],
    queryFn: () => readWholeList(api, path, request),
  });
}

/** A whole list, for views that count or group all of it (the dashboard's work counts). */
export function useWholeList<P extends ListPath>(
  queryKey: QueryKey,
  path: P,
  request: ListRequest<P>,
) {
  return useQuery(wholeListOptions(useApiClient(), queryKey, path, request));
}
