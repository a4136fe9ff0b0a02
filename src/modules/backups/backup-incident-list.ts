import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import {
  cursorInstant,
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../platform/http/paging.js';
import type { BackupIncidentKind } from './backup-evaluation.js';
import { backupIncidentRepository, type IncidentRow } from './backup-incident.repository.js';
import type {
  AlertDelivery,
  BackupIncidentView,
  ListBackupIncidentsQuery,
} from './backup-status.schema.js';

/** Incidents as the API shows them, each with its alert e-mails and their delivery attempts. */
export async function toIncidentViews(
  ctx: Pick<AppContext, 'db'>,
  rows: IncidentRow[],
  at: Date,
): Promise<BackupIncidentView[]> {
  const { messages, attempts } = await backupIncidentRepository.alertsFor(
    ctx.db,
    rows.map((row) => row.id),
  );
  const alertsByIncident = new Map<string, AlertDelivery[]>();
  for (const message of messages) {
    // An answer about an earlier instant shows only what had been queued and tried by then.
    if (message.created_at > at) continue;
    const log = attempts
      .filter((attempt) => attempt.message_id === message.id && attempt.attempted_at <= at)
      .map((attempt) => ({
        attemptedAt: attempt.attempted_at.toISOString(),
        succeeded: attempt.succeeded,
        detail: attempt.detail,
      }));
    const delivered = log.find((attempt) => attempt.succeeded);
    alertsByIncident.set(message.incident_id, [
      ...(alertsByIncident.get(message.incident_id) ?? []),
      {
        messageId: message.id,
        purpose: message.purpose as AlertDelivery['purpose'],
        recipient: message.recipient,
        subject: message.subject,
        // Sent later than `at` means it was still waiting then.
        status: delivered ? 'sent' : message.status === 'sent' ? 'pending' : message.status,
        attempts: log.length,
        queuedAt: message.created_at.toISOString(),
        sentAt: delivered?.attemptedAt ?? null,
        lastError: [...log].reverse().find((attempt) => !attempt.succeeded)?.detail ?? null,
        attemptsLog: log,
      },
    ]);
  }
  return rows.map((row) => ({
    id: row.id,
    assetKey: row.asset_key,
    kind: row.kind as BackupIncidentKind,
    summary: row.summary,
    beganAt: row.began_at.toISOString(),
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at && row.closed_at <= at ? row.closed_at.toISOString() : null,
    triggerRunId: row.trigger_run_id,
    recoveryRunId: row.closed_at && row.closed_at <= at ? row.recovery_run_id : null,
    alerts: alertsByIncident.get(row.id) ?? [],
  }));
}

/** An incident's place in the list: (openedAt, id), newest first. */
const incidentKey = z.tuple([cursorInstant, z.uuid()]);

/**
 * A page of backup incidents, newest first, open or closed at `at` (default now), with their
 * alerts.
 */
export async function listBackupIncidents(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListBackupIncidentsQuery,
): Promise<Page<BackupIncidentView>> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, incidentKey);
  const rows = await backupIncidentRepository.list(ctx.db, {
    ...(query.status ? { status: query.status } : {}),
    ...(query.asset ? { assetKey: query.asset } : {}),
    at,
    after: after && { openedAt: after[0], id: after[1] },
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await toIncidentViews(ctx, page, at),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.opened_at.toISOString(), last.id])
        : null,
  };
}
