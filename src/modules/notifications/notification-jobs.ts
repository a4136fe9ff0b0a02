import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { queueOccurrenceAlerts } from './queue-occurrence-alerts.js';
import { queueWeeklyDigests } from './queue-weekly-digests.js';

/**
 * The notification jobs of one instance, run on every tick before outbox delivery. Each is
 * idempotent across reruns and instances (dedupe keys, the claimed digest week), so every
 * instance may run them.
 */
export function notificationJobs(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  instanceId = randomUUID(),
): PeriodicJob[] {
  return [
    { name: 'notify-reminders', run: () => queueOccurrenceAlerts(ctx, 'reminder') },
    { name: 'notify-overdue', run: () => queueOccurrenceAlerts(ctx, 'overdue') },
    { name: 'notify-escalations', run: () => queueOccurrenceAlerts(ctx, 'escalation') },
    { name: 'notify-weekly-digest', run: () => queueWeeklyDigests(ctx, instanceId) },
  ];
}
