import { addDays, dateInZone, startOfDate } from '../../platform/time/zoned-time.js';

/**
 * The controls the demo's backup tools have records for before the demo organisation registered
 * its assets: their history starts with the first night of runs, and the runs satisfy them.
 */
export const BACKUP_HISTORY_CONTROLS = [
  'backup-daily-production',
  'backup-weekly-full-production',
  'backup-replication-daily',
] as const;

export interface DemoHistory {
  /** The first night of backup runs: the Monday four to five weeks back (organisation time zone). */
  backupsSince: Date;
  /** The day the organisation registered its assets: people's work starts here, like a customer's. */
  today: Date;
}

/**
 * When the demo's history starts. Nothing is generated before it: the backup controls from the
 * first night their tools recorded (a Monday, so the first week has its full backup), every other
 * control from today.
 */
export function demoHistory(now: Date, timeZone: string): DemoHistory {
  const today = dateInZone(now, timeZone);
  const fourWeeksBack = addDays(today, -27);
  const weekday = new Date(`${fourWeeksBack}T00:00:00Z`).getUTCDay();
  const monday = addDays(fourWeeksBack, -((weekday + 6) % 7));
  return { backupsSince: startOfDate(monday, timeZone), today: startOfDate(today, timeZone) };
}
