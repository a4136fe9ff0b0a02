import { apiUrl } from './web-client.js';

/**
 * The CSV download of the occurrences selected in a table (at most 200 ids, the server's limit):
 * a plain link, so the browser saves the file with the session cookie it already sends.
 */
export function occurrencesExportUrl(ids: readonly string[]): string {
  return apiUrl('/occurrences/export.csv', { query: { ids: ids.join(',') } });
}
