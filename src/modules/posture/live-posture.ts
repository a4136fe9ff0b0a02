import type { AppContext } from '../../platform/context.js';
import { evaluatePosture } from './evaluate-posture.js';
import { postureRepository } from './posture.repository.js';
import type { Posture, PostureQuery } from './posture.schema.js';

/** How long a live answer is reused at most; its `at` always says which instant it describes. */
export const LIVE_POSTURE_MAX_AGE_MS = 30_000;

interface LiveAnswer {
  at: Date;
  /** What had been recorded when it was computed (see postureRepository.recordedMark). */
  recordedMark: string;
  posture: Promise<Posture>;
}

/**
 * Live answers per database handle and at-risk horizon. Keyed by the handle (a WeakMap, so an
 * answer never outlives its database and two databases in one process never share one): the
 * cache belongs to the data it describes, not to a request or a module.
 */
const liveAnswers = new WeakMap<object, Map<number, LiveAnswer>>();

/**
 * Posture for the dashboard: posture at `at` when asked for an instant, otherwise the answer for
 * "now", reused while it is younger than LIVE_POSTURE_MAX_AGE_MS and nothing has been recorded
 * since (no audited change anywhere, no new occurrence event): events, generation and catalogue
 * changes are all audited, so a change is seen on the next request. Time alone can still move a
 * status (a deadline passing), which is what the age bounds. A past instant is never cached here:
 * it is evaluated from the records every time and gives the same answer as ever.
 *
 * An answer is kept while it is being computed, so the requests that arrive meanwhile for the
 * same records wait for that one evaluation instead of each starting their own (under load, every
 * request that came in during an evaluation used to repeat it). One that fails is forgotten, so
 * the next request evaluates again.
 */
export async function livePosture(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: PostureQuery,
): Promise<Posture> {
  if (query.at !== undefined) return evaluatePosture(ctx, query);
  const now = ctx.clock.now();
  const recordedMark = await postureRepository.recordedMark(ctx.db);
  const answers = liveAnswers.get(ctx.db) ?? new Map<number, LiveAnswer>();
  liveAnswers.set(ctx.db, answers);
  const cached = answers.get(query.atRiskDays);
  const age = cached ? now.getTime() - cached.at.getTime() : -1;
  if (cached && cached.recordedMark === recordedMark && age >= 0 && age < LIVE_POSTURE_MAX_AGE_MS) {
    return cached.posture;
  }
  const answer: LiveAnswer = {
    at: now,
    recordedMark,
    posture: evaluatePosture(ctx, { ...query, at: now.toISOString() }),
  };
  answers.set(query.atRiskDays, answer);
  try {
    return await answer.posture;
  } catch (error) {
    if (answers.get(query.atRiskDays) === answer) answers.delete(query.atRiskDays);
    throw error;
  }
}
