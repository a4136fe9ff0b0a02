import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { claimJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { enqueueEmails } from '../../platform/mail/outbox.js';
import { listActiveUserEmailsByRole } from '../identity/list-user-emails-by-role.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import { formatNonconformanceNumber } from './nonconformance.schema.js';
import { startPendingDeficiencySlas } from './start-deficiency-sla.js';
import { withdrawSatisfiedNonconformances } from './withdraw-satisfied-nonconformances.js';

/**
 * How far back to look for missed work. The job runs every minute, so anything older was raised
 * long ago; the bound keeps each run's scan to about a year of occurrences (an annual control's
 * window included) instead of the whole history.
 */
const LOOKBACK_DAYS = 400;

/** Who is told about a new nonconformance, and who owns it first. */
const NONCONFORMANCE_OWNER = 'quality';

type MissedOccurrence = OccurrenceView;

/**
 * Raises a nonconformance for each streak of missed occurrences of a critical control (its window
 * closed with the work neither completed nor declared not applicable), per control and asset, and
 * queues an e-mail to the quality role. The first miss of a streak raises it; every later miss of
 * the same control and asset attaches to it while it is not closed and no occurrence of theirs in
 * between was done (audited as `nonconformance.occurrence_attached`), so a backup job down for a
 * week is one nonconformance, not seven. The unique (source type, source id) key and the one link
 * per occurrence make it once per occurrence, however many instances run it.
 */
export async function raiseNonconformances(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<{ raised: string[] }> {
  const now = ctx.clock.now();
  const missed = (
    await listOccurrences(ctx, {
      status: ['missed'],
      dueFrom: new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000).toISOString(),
      dueBefore: now.toISOString(),
    })
  ).filter((occurrence) => occurrence.critical);
  const already = await nonconformanceRepository.occurrencesAttached(
    ctx.db,
    missed.map((occurrence) => occurrence.id),
  );
  const recipients = await listActiveUserEmailsByRole(ctx, NONCONFORMANCE_OWNER);
  const raised: string[] = [];
  // In deadline order, so the first miss of a streak raises and the later ones attach.
  for (const occurrence of missed.filter((candidate) => !already.has(candidate.id))) {
    const streak = await openStreakOf(ctx, occurrence);
    if (streak) {
      await attachToStreak(ctx, streak, occurrence);
      continue;
    }
    const number = await raiseFor(ctx, occurrence, recipients);
    if (number) raised.push(number);
  }
  return { raised };
}

/**
 * The open nonconformance whose streak this miss continues: one of the same control and asset,
 * not closed, with every occurrence of theirs between its latest miss and this one missed too.
 */
async function openStreakOf(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  occurrence: MissedOccurrence,
): Promise<{ id: string; number: number } | null> {
  const streak = await nonconformanceRepository.openStreak(ctx.db, {
    controlKey: occurrence.controlKey,
    assetKey: occurrence.assetKey,
  });
  if (!streak) return null;
  const dueAt = new Date(occurrence.dueAt);
  const lastDueAt = new Date(streak.last_due_at);
  const [earlier, later] = lastDueAt < dueAt ? [lastDueAt, dueAt] : [dueAt, lastDueAt];
  const between = (
    await listOccurrences(ctx, {
      control: occurrence.controlKey,
      asset: occurrence.assetKey,
      dueFrom: earlier.toISOString(),
      dueBefore: later.toISOString(),
    })
  ).filter(
    (other) =>
      other.assetKey === occurrence.assetKey &&
      new Date(other.dueAt) > earlier &&
      new Date(other.dueAt) < later,
  );
  return between.every((other) => other.status === 'missed')
    ? { id: streak.id, number: streak.number }
    : null;
}

async function attachToStreak(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  streak: { id: string; number: number },
  occurrence: MissedOccurrence,
): Promise<void> {
  await mutate(
    ctx,
    systemActor,
    async (tx) => {
      const done = await nonconformanceRepository.attachOccurrence(tx.trx, {
        nonconformanceId: streak.id,
        occurrenceId: occurrence.id,
        controlKey: occurrence.controlKey,
        assetKey: occurrence.assetKey,
        dueAt: new Date(occurrence.dueAt),
        now: tx.now,
      });
      if (!done) return;
      await tx.audit({
        action: 'nonconformance.occurrence_attached',
        entityType: 'nonconformance',
        entityId: streak.id,
        after: {
          number: formatNonconformanceNumber(streak.number),
          occurrenceId: occurrence.id,
          controlKey: occurrence.controlKey,
          periodKey: occurrence.periodKey,
          assetKey: occurrence.assetKey,
          reason: 'Another missed occurrence of the same streak (same control and asset)',
        },
      });
    },
    { mayFindNothingToDo: true },
  );
}

async function raiseFor(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  occurrence: MissedOccurrence,
  recipients: Awaited<ReturnType<typeof listActiveUserEmailsByRole>>,
): Promise<string | null> {
  const where = occurrence.assetKey ? ` on ${occurrence.assetKey}` : '';
  const title = `Missed: ${occurrence.controlTitle}${where} (${occurrence.periodKey})`;
  const description =
    `The critical control ${occurrence.controlKey} was due at ${occurrence.dueAt} and its ` +
    `window closed at ${occurrence.closesAt} without the work being completed. Decide whether ` +
    'conformity could have been affected, find the cause and act on it. Later misses of the ' +
    'same control and asset are attached to this nonconformance while it is open.';
  return mutate(
    ctx,
    systemActor,
    async (tx) => {
      const row = await nonconformanceRepository.insertOnce(tx.trx, {
        sourceType: 'occurrence',
        sourceId: occurrence.id,
        title,
        description,
        ownerRole: NONCONFORMANCE_OWNER,
        now: tx.now,
      });
      if (!row) return null;
      await nonconformanceRepository.attachOccurrence(tx.trx, {
        nonconformanceId: row.id,
        occurrenceId: occurrence.id,
        controlKey: occurrence.controlKey,
        assetKey: occurrence.assetKey,
        dueAt: new Date(occurrence.dueAt),
        now: tx.now,
      });
      const label = formatNonconformanceNumber(row.number);
      await tx.audit({
        action: 'nonconformance.raised',
        entityType: 'nonconformance',
        entityId: row.id,
        after: {
          number: label,
          sourceType: 'occurrence',
          sourceId: occurrence.id,
          controlKey: occurrence.controlKey,
          periodKey: occurrence.periodKey,
          assetKey: occurrence.assetKey,
        },
      });
      await enqueueEmails(
        tx.trx,
        recipients.map((recipient) => ({
          recipient: recipient.email,
          subject: `[Plumbline] ${label} raised: ${title}`,
          text:
            `Hello ${recipient.name},\n\n${label} was raised because a critical control was missed.\n\n` +
            `${description}\n\n${ctx.config.publicUrl}/nonconformances/${row.id}\n`,
          category: 'nonconformance',
          dedupeKey: `nonconformance-raised:${row.id}:${recipient.email}`,
          related: { entityType: 'nonconformance', entityId: row.id },
        })),
        tx.now,
      );
      return label;
    },
    { mayFindNothingToDo: true },
  );
}

/**
 * Every minute (claimed across instances), withdraw the nonconformances whose misses late evidence
 * has satisfied, raise what newly missed critical occurrences call for, and start the remediation SLA of any deficiency still without one.
 */
export function nonconformanceJob(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  instanceId = randomUUID(),
): PeriodicJob {
  return {
    name: 'raise-nonconformances',
    async run() {
      const now = ctx.clock.now();
      const slot = now.toISOString().slice(0, 16);
      if (!(await claimJobSlot(ctx.db, 'raise-nonconformances', slot, instanceId, now))) return;
      await withdrawSatisfiedNonconformances(ctx);
      await raiseNonconformances(ctx);
      await startPendingDeficiencySlas(ctx);
    },
  };
}
