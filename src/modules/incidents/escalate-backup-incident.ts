import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { notFound } from '../../platform/errors.js';
import type { IncidentSeverity } from './incident-status.js';
import { backupIncidentReads } from './incidents.repository.js';
import { openIncidentIn, prepareIncidentOpening } from './open-incident.js';

/**
 * Escalates a backup incident (a missed window, a failed run) to an incident, which starts the
 * conformity-decision clock. Once per backup incident: asking again returns the same incident.
 */
export async function escalateBackupIncident(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: { backupIncidentId: string; severity: IncidentSeverity; title?: string | undefined },
): Promise<{ id: string; created: boolean }> {
  const backup = await backupIncidentReads.get(ctx.db, input.backupIncidentId);
  if (!backup) throw notFound('Backup incident');
  const prepared = await prepareIncidentOpening(ctx);
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const { incident, created } = await openIncidentIn(tx, prepared, {
        title:
          input.title ??
          `Backup ${backup.kind} on ${backup.asset_key}: ${backup.summary}`.slice(0, 300),
        severity: input.severity,
        detectedAt: backup.began_at,
        detectionSource: 'backup-incident',
        sourceId: backup.id,
        assetIds: [backup.asset_id],
        responders: [],
        note: `Escalated from backup incident ${backup.id} (${backup.kind})`,
      });
      return { id: incident.id, created };
    },
    { mayFindNothingToDo: true },
  );
}
