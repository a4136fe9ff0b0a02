import type { AppContext } from '../../platform/context.js';
import { addMonths, dateInZone, startOfDate } from '../../platform/time/zoned-time.js';
import { evaluatePosture } from './evaluate-posture.js';
import type { PostureHistory, PostureHistoryQuery, PosturePoint } from './posture.schema.js';

/** At-risk horizon of the history: the posture's default, so a point matches GET /posture?at=. */
const HISTORY_AT_RISK_DAYS = 7;

/** One month of the history: which instant stands for it. */
export interface HistoryInstant {
  month: string;
  at: Date;
  monthComplete: boolean;
}

/**
 * The instants a posture history evaluates, oldest first: the end of each of the `months` − 1
 * months before the current one (local midnight starting the next month's first day, in the
 * organisation's zone) and now for the current month.
 */
export function planHistoryInstants(now: Date, months: number, timeZone: string): HistoryInstant[] {
  const firstOfThisMonth = `${dateInZone(now, timeZone).slice(0, 7)}-01`;
  const instants: HistoryInstant[] = [];
  for (let back = months - 1; back >= 1; back -= 1) {
    const first = addMonths(firstOfThisMonth, -back);
    instants.push({
      month: first.slice(0, 7),
      at: startOfDate(addMonths(first, 1), timeZone),
      monthComplete: true,
    });
  }
  instants.push({ month: firstOfThisMonth.slice(0, 7), at: now, monthComplete: false });
  return instants;
}

/**
 * Posture per framework at the end of each of the last `months` months (the current month at
 * now): the posture-as-of evaluation at each instant, summarised for charts. A past month's point
 * gives the same answer as GET /posture?at= its instant, today and later; like it, it reads the
 * catalogue in force now. Evaluated one month after another: each is one posture-at-an-instant.
 */
export async function reportPostureHistory(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: PostureHistoryQuery,
): Promise<PostureHistory> {
  const instants = planHistoryInstants(ctx.clock.now(), query.months, ctx.config.timezone);
  const points: PosturePoint[] = [];
  for (const instant of instants) {
    const posture = await evaluatePosture(ctx, {
      at: instant.at.toISOString(),
      atRiskDays: HISTORY_AT_RISK_DAYS,
    });
    const occurrences = { failing: 0, atRisk: 0, pending: 0, verified: 0, notApplicable: 0 };
    for (const control of posture.controls) {
      for (const key of Object.keys(occurrences) as (keyof typeof occurrences)[]) {
        occurrences[key] += control.currentOccurrences[key];
      }
    }
    points.push({
      month: instant.month,
      at: posture.at,
      monthComplete: instant.monthComplete,
      status: posture.status,
      controlCounts: posture.controlCounts,
      occurrences,
      frameworks: posture.frameworks.map(
        ({ key, title, status, requirementCounts, controlCounts }) => ({
          key,
          title,
          status,
          requirementCounts,
          controlCounts,
        }),
      ),
    });
  }
  return { months: query.months, points };
}
