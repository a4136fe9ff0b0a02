import { z } from 'zod';
import { isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE } from './supported-instants.js';

/**
 * An instant in a request or an imported file: an ISO 8601 date-time with its offset (`Z` or
 * ±hh:mm) in a supported year. `message` is what a malformed value is told, with an example of
 * the field it is used for.
 */
export function isoInstant(message = 'must be an ISO date-time such as 2026-03-01T10:00:00Z') {
  return z.iso
    .datetime({ offset: true, message })
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE);
}

/** A calendar date (YYYY-MM-DD) in a request or an imported file, in a supported year. */
export function isoCalendarDate() {
  return z.iso
    .date('must be a date as YYYY-MM-DD')
    .refine(isSupportedInstant, UNSUPPORTED_INSTANT_MESSAGE);
}
