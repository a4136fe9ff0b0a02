/**
 * An elapsed duration the way people say it ("25 h 30 min", "3 d 4 h", "45 min"), rounded to the
 * minute. The server writes it into the RPO views so the web pages and the CLI print the very
 * same words for the same figure.
 */
export function formatElapsed(milliseconds: number): string {
  const minutes = Math.round(milliseconds / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** What the surfaces show for an achieved RPO that has no figure. */
export const NO_EVIDENCE_TEXT = 'no evidence';
