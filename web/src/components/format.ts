const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** A calendar date (`YYYY-MM-DD`) as the reader's locale writes it, without shifting time zones. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return dateFormat.format(new Date(year, month - 1, day));
}

export function formatDateTime(isoTime: string | null | undefined): string {
  if (!isoTime) return '—';
  return dateTimeFormat.format(new Date(isoTime));
}

/** Today as `YYYY-MM-DD` in the reader's time zone. */
export function todayIsoDate(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The first day of the current year as `YYYY-MM-DD`: reports cover the audit year so far. */
export function firstDayOfYear(): string {
  return `${todayIsoDate().slice(0, 4)}-01-01`;
}

/** Any JSON value as short readable text (audit before/after values). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.length > 0 ? value.join(', ') : '—';
  }
  return JSON.stringify(value);
}
