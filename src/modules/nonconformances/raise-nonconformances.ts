import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { claimJobSlot } from '../../platform/jobs/job-claims.js';
import type { PeriodicJob } from '../../platform/jobs/scheduler.js';
import { enqueueEmails } from '../../platform/mail/outbox.js';
import { listActiveUserEmailsByRole } from '../identity/list-user-emails-by-role.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import { formatNonconformanceNumber } from './nonconformance.schema.js';
import { startPendingDeficiencySlas } from './start-deficiency-sla.js';

/**
 * How far back to look for missed work. The job runs every minute, so anything older was raised
 * long ago; the bound keeps each run's scan to about a year of occurrences (an annual control's
 * window included) instead of the whole history.
 */
const LOOKBACK_DAYS = 400;

/** Who is told about a new nonconformance, and who owns it first. */
const NONCONFORMANCE_OWNER = 'quality';

/**
 * Raises one nonconformance for every occurrence of a critical control that is missed now (its
 * window closed with the work neither completed nor declared not applicable), and queues an
 * e-mail to the quality role. The unique (source type, source id) key makes it once per
 * occurrence, however many instances run it.
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
  const already = await nonconformanceRepository.sourceIdsRaised(
    ctx.db,
    'occurrence',
    missed.map((occurrence) => occurrence.id),
  );
  const recipients = await listActiveUserEmailsByRole(ctx, NONCONFORMANCE_OWNER);
  const raised: string[] = [];
  for (const occurrence of missed.filter((candidate) => !already.has(candidate.id))) {
    const where = occurrence.assetKey ? ` on ${occurrence.assetKey}` : '';
    const title = `Missed: ${occurrence.controlTitle}${where} (${occurrence.periodKey})`;
    const description =
      `The critical control ${occurrence.controlKey} was due at ${occurrence.dueAt} and its ` +
      `window closed at ${occurrence.closesAt} without the work being completed. Decide whether ` +
      'conformity could have been affected, find the cause and act on it.';
    const number = await mutate(
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
    if (number) raised.push(number);
  }
  return { raised };
}

/**
 * Every minute (claimed across instances), raise what newly missed critical occurrences call for,
 * and start the remediation SLA of any deficiency still without one.
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
      await raiseNonconformances(ctx);
      await startPendingDeficiencySlas(ctx);
    },
  };
}
