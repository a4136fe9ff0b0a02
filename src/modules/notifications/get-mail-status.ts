import type { AppContext } from '../../platform/context.js';
import type { MailStatus } from './notification.schema.js';
import { notificationsRepository } from './notifications.repository.js';

/**
 * Whether e-mail leaves Plumbline at all (SMTP configured) and what waits in the outbox, so the
 * web app can say "nothing is being sent" where it matters instead of implying delivery.
 */
export async function getMailStatus(ctx: Pick<AppContext, 'db' | 'mailer'>): Promise<MailStatus> {
  const rows = await notificationsRepository.unsentSummary(ctx.db);
  const status: MailStatus = {
    smtpConfigured: ctx.mailer !== null,
    waiting: { urgent: 0, bulk: 0 },
    failed: 0,
    oldestWaitingSince: null,
  };
  let oldest: Date | null = null;
  for (const row of rows) {
    const count = Number(row.count);
    if (row.status === 'failed') {
      status.failed += count;
      continue;
    }
    if (row.priority === 'urgent') status.waiting.urgent += count;
    else status.waiting.bulk += count;
    const since = row.oldest === null ? null : new Date(row.oldest);
    if (since && (oldest === null || since < oldest)) oldest = since;
  }
  status.oldestWaitingSince = oldest?.toISOString() ?? null;
  return status;
}
