import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * At most this many ids in one "export selected" request: a table page's worth of rows, and a
 * query string that stays well within what proxies accept (200 UUIDs are about 7.4 kB).
 */
export const MAX_SELECTED_IDS = 200;

/**
 * The `ids` query parameter of a route that exports the rows selected in a table: comma-separated
 * UUIDs, one to {@link MAX_SELECTED_IDS}. A malformed list is a 400 naming `querystring.ids`.
 */
export function selectedIdsSchema(records: string) {
  return z
    .string()
    .transform((value) => (value === '' ? [] : value.split(',')))
    .pipe(
      z
        .array(z.uuid('must be comma-separated UUIDs'))
        .min(1, 'name at least one id')
        .max(MAX_SELECTED_IDS, `at most ${MAX_SELECTED_IDS} ids`),
    )
    .describe(
      `Comma-separated ids: only these ${records} (a selection), at most ${MAX_SELECTED_IDS}`,
    );
}

/** Answers CSV text as a file the browser downloads under `fileName`. */
export function sendCsvFile(reply: FastifyReply, fileName: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(csv);
}
