import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { recipientsByRole } from '../notifications/role-recipients.js';
import { trainingRepository } from './training.repository.js';

const HOUR_MS = 3_600_000;
const BATCH = 500;

/** Who a person's overdue training escalates to: `<role>-lead` as mapped in the settings, else quality. */
export const leadNameOf = (role: string): string => `${role}-lead`;

/**
 * Overdue training notifies the person (category `overdue`), and once it is
 * PLUMBLINE_ESCALATION_HOURS past due escalates to their role's lead (`<role>-lead`, mapped to
 * people in the document settings) or, when no lead is mapped, to the quality role, like other
 * work (category `escalation`). Both are bulk-lane e-mails queued with the mark that they were
 * sent, in one audited transaction; the dedupe keys make reruns and other instances harmless.
 */
export async function queueTrainingAlerts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<{ overdue: number; escalations: number }> {
  const now = ctx.clock.now();
  const link = `${ctx.config.publicUrl}/training`;
  const overdue = await trainingRepository.overdueToAlert(ctx.db, 'overdue', now, BATCH);
  const late = await trainingRepository.overdueToAlert(
    ctx.db,
    'escalation',
    new Date(now.getTime() - ctx.config.escalationHours * HOUR_MS),
    BATCH,
  );
  if (overdue.length === 0 && late.length === 0) return { overdue: 0, escalations: 0 };

  const roles = [...new Set(late.map((row) => row.role))];
  const leads = await trainingRepository.leadsOf(ctx.db, roles.map(leadNameOf));
  const quality = (await recipientsByRole(ctx, ['quality'])).get('quality') ?? [];
  const emails: EmailToQueue[] = [
    ...overdue.map((row) => ({
      recipient: row.email,
      subject: `Overdue training: ${row.key} v${row.version} ${row.title}`,
      text: `Your training on ${row.key} v${row.version} "${row.title}" was due ${row.due_at.toISOString()}.\nRead and acknowledge it at ${link}`,
      category: 'overdue',
      dedupeKey: `training-overdue:${row.id}`,
      related: { entityType: 'training_assignment', entityId: row.id },
    })),
    ...late.flatMap((row) => {
      const mapped = leads.filter((lead) => lead.name === leadNameOf(row.role));
      const recipients =
        mapped.length > 0 ? mapped.map((lead) => lead.email) : quality.map((q) => q.email);
      return recipients.map((recipient) => ({
        recipient,
        subject: `Escalation: ${row.name} has not completed training on ${row.key} v${row.version}`,
        text: `${row.name} <${row.email}> (${row.role}) has not completed the training on ${row.key} v${row.version} "${row.title}", due ${row.due_at.toISOString()}.\nTraining register: ${ctx.config.publicUrl}/training/register`,
        category: 'escalation',
        dedupeKey: `training-escalation:${row.id}:${recipient}`,
        related: { entityType: 'training_assignment', entityId: row.id },
      }));
    }),
  ];
  await mutate(ctx, systemActor, async (tx) => {
    await enqueueEmails(tx.trx, emails, now);
    await trainingRepository.markAlerted(
      tx.trx,
      'overdue',
      overdue.map((row) => row.id),
      now,
    );
    await trainingRepository.markAlerted(
      tx.trx,
      'escalation',
      late.map((row) => row.id),
      now,
    );
    await tx.audit({
      action: 'training.overdue_alerted',
      entityType: 'training',
      entityId: 'overdue-training',
      after: { overdue: overdue.length, escalations: late.length, emails: emails.length },
    });
  });
  return { overdue: overdue.length, escalations: late.length };
}
