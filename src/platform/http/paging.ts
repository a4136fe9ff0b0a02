import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * One paging convention for every list of the API (docs/api.md "Lists"): a keyset cursor and a
 * limit in, `{ items, nextCursor }` out. The cursor is the sort key of the last row of a page,
 * opaque to the caller; the next page is the rows after it in the list's total order, so a list
 * never drops or repeats a row, however long it is and whatever is written meanwhile at its head.
 */

export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 100;

/** The paging half of every list's query; a list extends it with its filters. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`Rows per page, 1 to ${MAX_PAGE_LIMIT}`),
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe('nextCursor of the previous page; omit for the first page'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** What a list answers: a page of items and where the next one starts. */
export interface Page<Item> {
  items: Item[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as cursor for the next page; null on the last page'),
  });
}

/** A row's place in its list's order: the values of the sort key, the last one unique. */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key a cursor carries, checked against the list's key schema; a cursor that is not one
 * this list handed out is a 400 naming `querystring.cursor`.
 */
export function decodeCursor<Key>(cursor: string, keySchema: z.ZodType<Key>): Key {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = keySchema.safeParse(decoded);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'The cursor is not one this list handed out', {
    issues: [{ path: 'querystring.cursor', message: 'is not a cursor from a previous page' }],
  });
}

/** A cursor's instant: an ISO date-time, read back as a Date. */
export const cursorInstant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * The page from `limit + 1` rows read in the list's order: the extra row only says that another
 * page follows, and the cursor is the key of the page's last row.
 */
export function pageFromRows<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => CursorKey,
  toItem: (row: Row) => Item,
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Every item of a list, page after page: for use cases that need the whole list. */
export async function readAllPages<Item>(
  readPage: (cursor: string | undefined) => Promise<Page<Item>>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}
