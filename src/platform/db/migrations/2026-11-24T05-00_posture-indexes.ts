import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Posture and effectiveness reports read occurrences by control and deadline: the latest
// deadlines of each control for posture at an instant, a period's deadlines for a report.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('occurrences_control_due_idx')
    .on('occurrences')
    .columns(['control_id', 'due_at'])
    .execute();
}
