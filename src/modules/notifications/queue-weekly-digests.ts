import type { AppContext } from '../../platform/context.js';
import { USER_ROLES } from '../../platform/auth/roles.js';
import { claimJobSlot } from '../../platform/jobs/job-claims.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { periodContaining } from '../occurrences/cadence-periods.js';
import { localWallClock } from '../../platform/time/local-time.js';
import { digestText, textSettings, type DigestSections } from './notification-texts.js';
import { loadOccurrenceSnapshots, type OccurrenceSnapshot } from './occurrence-snapshot.js';
import { recipientsByRole } from './role-recipients.js';

/** The digest is due on Monday at this local hour (PLUMBLINE_TIMEZONE). */
export const DIGEST_LOCAL_HOUR = 7;
/** Open work due longer ago than this is left to the work list, not repeated every week forever. */
const DIGEST_LOOKBACK_DAYS = 365;
const DAY_MS = 86_400_000;

function sectionsFor(role: string, occurrences: OccurrenceSnapshot[]): DigestSections {
  const sections: DigestSections = { overdue: [], dueSoon: [], awaitingVerification: [] };
  for (const occurrence of occurrences) {
    const owns = occurrence.ownerRole === role;
    switch (occurrence.status) {
      case 'overdue':
      case 'missed':
        if (owns) sections.overdue.push(occurrence);
        break;
      case 'upcoming':
      case 'due':
      case 'in_progress':
        if (owns) sections.dueSoon.push(occurrence);
        break;
      case 'done':
        if (owns || occurrence.verifierRole === role)
          sections.awaitingVerification.push(occurrence);
        break;
      case 'verified':
      case 'not_applicable':
        break;
    }
  }
  return sections;
}

/**
 * Once per ISO week (in PLUMBLINE_TIMEZONE), from Monday 07:00 local, queues each active user a
 * digest of their role's overdue work, work due in the next 7 days, and work done but not yet
 * verified (owned by the role or to be verified by it). People with nothing to report get no
 * e-mail. The week is claimed in the same transaction that queues the digests, so exactly one
 * instance sends them, and a crash part-way leaves the week unclaimed for the next tick.
 * If the server was down on Monday morning, the digest goes out at the first tick later that week.
 */
export async function queueWeeklyDigests(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  instanceId: string,
): Promise<{ week: string; queued: number } | null> {
  const now = ctx.clock.now();
  const local = localWallClock(now, ctx.config.timezone);
  if (local.isoWeekday === 1 && local.hour < DIGEST_LOCAL_HOUR) return null;
  const week = periodContaining('weekly', local.date).key;
  const settings = textSettings(ctx.config);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimJobSlot(trx, 'weekly-digest', week, instanceId, now))) return null;
    const tx = { db: trx };
    const occurrences = await loadOccurrenceSnapshots(
      tx,
      {
        dueAfter: new Date(now.getTime() - DIGEST_LOOKBACK_DAYS * DAY_MS),
        dueAtOrBefore: new Date(now.getTime() + 7 * DAY_MS),
        existingAt: now,
      },
      now,
    );
    const people = await recipientsByRole(tx, USER_ROLES);
    const emails: EmailToQueue[] = [];
    for (const [role, recipients] of people) {
      const sections = sectionsFor(role, occurrences);
      const total =
        sections.overdue.length + sections.dueSoon.length + sections.awaitingVerification.length;
      if (total === 0) continue;
      for (const person of recipients) {
        emails.push({
          recipient: person.email,
          ...digestText(settings, week, person, sections),
          category: 'digest',
          dedupeKey: `digest:${person.email}:${week}`,
        });
      }
    }
    return { week, queued: await enqueueEmails(trx, emails, now) };
  });
}
