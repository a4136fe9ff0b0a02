import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import type { TestApp } from './test-app.js';

/**
 * Appends an occurrence event at the clock's instant, audited in the same transaction, as the
 * work-order commands append it but without their checks: for posture tests that need work
 * recorded on many occurrences at chosen instants.
 */
export async function recordOccurrenceEvent(
  t: TestApp,
  occurrenceId: string,
  kind: OccurrenceEventKind,
  actorLabel = 'alice@example.test',
): Promise<void> {
  await mutate(t.ctx, systemActor, async (tx) => {
    await tx.trx
      .insertInto('occurrence_events')
      .values({
        occurrence_id: occurrenceId,
        kind,
        at: tx.now,
        actor_label: actorLabel,
        actor_id: null,
        signature_id: null,
      })
      .execute();
    await tx.audit({
      action: `occurrence.${kind}`,
      entityType: 'occurrence',
      entityId: occurrenceId,
      after: { kind },
    });
  });
}
