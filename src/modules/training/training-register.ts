import type { AppContext } from '../../platform/context.js';
import { trainingRepository } from './training.repository.js';

const REGISTER_PAGE = 2000;

export interface TrainingRecord {
  id: string;
  personEmail: string;
  personName: string;
  role: string;
  document: string;
  version: number;
  title: string;
  contentSha256: string;
  assignedAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  score: number | null;
  signatureId: string | null;
  stateAtEnd: 'open' | 'overdue' | 'completed';
}

/**
 * The training register of a period (ISO 13485 6.2 records): every assignment made by the
 * period's end, with where it stood then. A completion recorded after the pack's instant is left
 * out, so the register reads the same whenever the pack is rebuilt.
 */
export async function* trainingRegisterPages(
  ctx: Pick<AppContext, 'db'>,
  window: { end: Date; asOf: Date },
): AsyncGenerator<TrainingRecord[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  let after: { assignedAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await trainingRepository.assignedBy(ctx.db, until, after, REGISTER_PAGE);
    if (rows.length > 0) {
      yield rows.map((row) => {
        const completed = row.completed_at !== null && row.completed_at <= window.asOf;
        const completedByEnd = row.completed_at !== null && row.completed_at <= until;
        return {
          id: row.id,
          personEmail: row.email,
          personName: row.name,
          role: row.role,
          document: row.key,
          version: row.version,
          title: row.title,
          contentSha256: row.content_sha256,
          assignedAt: row.assigned_at,
          dueAt: row.due_at,
          completedAt: completed ? row.completed_at : null,
          score: completed ? row.score : null,
          signatureId: completed ? row.signature_id : null,
          stateAtEnd: completedByEnd ? 'completed' : row.due_at < until ? 'overdue' : 'open',
        };
      });
    }
    if (rows.length < REGISTER_PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { assignedAt: last.assigned_at, id: last.id };
  }
}
