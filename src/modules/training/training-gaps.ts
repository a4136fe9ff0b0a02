import type { AppContext } from '../../platform/context.js';
import { trainingRepository } from './training.repository.js';

/** At most this many gaps are listed; the count is always the whole number. */
export const TRAINING_GAPS_LISTED = 200;

export interface TrainingGap {
  state: 'overdue' | 'missing';
  person: { email: string; name: string; role: string };
  document: string;
  version: number;
  title: string;
  /** When the training was due; null when it was never assigned. */
  dueAt: string | null;
}

/**
 * The people without current training on an effective document at `at` (ISO 13485 6.2): their
 * training is overdue, or they belong to a required department and were never assigned it.
 * What the posture shows beside the controls.
 */
export async function listTrainingGaps(
  ctx: Pick<AppContext, 'db'>,
  at: Date,
): Promise<{ total: number; gaps: TrainingGap[] }> {
  const { total, rows } = await trainingRepository.gapsAt(ctx.db, at, TRAINING_GAPS_LISTED);
  return {
    total,
    gaps: rows.map((row) => ({
      state: row.state,
      person: { email: row.email, name: row.name, role: row.role },
      document: row.key,
      version: Number(row.version),
      title: row.title,
      dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
    })),
  };
}
