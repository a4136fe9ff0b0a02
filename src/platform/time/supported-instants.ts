/**
 * The years an instant or date in a request may name. Periods and windows are computed around the
 * instants asked about, and must stay within what PostgreSQL stores and ISO 8601 writes without
 * an expanded year (0000–9999): a question about 9999-12-31 would otherwise reach into year
 * 10000 and fail in the database instead of being refused.
 */
export const SUPPORTED_YEARS = { earliest: 1000, latest: 8999 } as const;

export const UNSUPPORTED_INSTANT_MESSAGE = `must be between the years ${SUPPORTED_YEARS.earliest} and ${SUPPORTED_YEARS.latest}`;

/**
 * Whether an ISO date or date-time names a supported year. Text that is no date at all passes:
 * the format check beside this one reports it, once.
 */
export function isSupportedInstant(text: string): boolean {
  const year = new Date(text).getUTCFullYear();
  if (Number.isNaN(year)) return true;
  return year >= SUPPORTED_YEARS.earliest && year <= SUPPORTED_YEARS.latest;
}
