const UNIT_MS = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000 } as const;

/**
 * Milliseconds in an ISO 8601 duration of weeks, days, hours and minutes (PT72H, P30D, P1DT12H),
 * the subset the catalogue allows. Days are 24 hours: an SLA of P1D is 24 elapsed hours.
 */
export function durationMs(duration: string): number {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) throw new Error(`Unsupported duration: ${duration}`);
  const [, weeks, days, hours, minutes] = match;
  return (
    Number(weeks ?? 0) * UNIT_MS.W +
    Number(days ?? 0) * UNIT_MS.D +
    Number(hours ?? 0) * UNIT_MS.H +
    Number(minutes ?? 0) * UNIT_MS.M
  );
}
