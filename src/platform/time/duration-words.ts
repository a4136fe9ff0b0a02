const UNITS = [
  ['week', 'weeks'],
  ['day', 'days'],
  ['hour', 'hours'],
  ['minute', 'minutes'],
] as const;

/**
 * An ISO 8601 duration of the catalogue's subset (weeks, days, hours, minutes) in words:
 * `PT24H` → "24 hours", `P1DT12H` → "1 day and 12 hours". Anything else is returned as given,
 * so a reader still sees the value rather than nothing.
 */
export function durationInWords(duration: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return duration;
  const parts = match
    .slice(1)
    .map((amount, index) => ({ amount: Number(amount ?? 0), names: UNITS[index]! }))
    .filter((part) => part.amount > 0)
    .map((part) => `${part.amount} ${part.amount === 1 ? part.names[0] : part.names[1]}`);
  if (parts.length === 0) return 'no time';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
