import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import { addMonths, dateInZone, startOfDate } from '../../platform/time/zoned-time.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { listFrameworkViews } from '../controls/catalog-queries.js';
import { controlLookback } from './control-lookback.js';
import {
  currentCounts,
  postureFromCounts,
  type ControlCounts,
  type PostureCatalog,
} from './evaluate-posture.js';
import {
  postureRepository,
  type PostureInstant,
  type RecordedMarks,
} from './posture.repository.js';
import type { PostureHistory, PostureHistoryQuery, PosturePoint } from './posture.schema.js';

/** At-risk horizon of the history: the posture's default, so a point matches GET /posture?at=. */
const HISTORY_AT_RISK_DAYS = 7;
const DAY_MS = 86_400_000;
/** How many months before the oldest asked for a kept point may lie and still be kept. */
const MAX_MONTHS_KEPT = 24;

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
 * The points of finished months already computed, per database handle (a WeakMap, as the live
 * posture's answers): valid for the catalogue they were rolled up on (its fingerprint) and the
 * records as they stood at `marks`.
 */
interface KeptPoints {
  catalog: string;
  marks: RecordedMarks;
  /** By the instant's ISO text. */
  points: Map<string, PosturePoint>;
}
const keptPoints = new WeakMap<object, KeptPoints>();

/**
 * The kept points that still hold. A finished month's point is posture at its end: it reads the
 * records stamped at or before that instant and the catalogue in force now. So it holds while the
 * catalogue is the same and nothing recorded since it was computed is stamped at or before its
 * instant. Anything recorded through the use cases is stamped with the time of its transaction,
 * audited in it, and committed in the order of the audit chain: work recorded late (late evidence
 * included) is stamped when it is recorded and changes no finished month, as posture at that
 * month's end does not change; a transaction that began before a month ended and committed after
 * its point was computed, or another instance whose clock is behind, drops that month's point.
 */
async function pointsStillHolding(
  ctx: Pick<AppContext, 'db'>,
  catalog: string,
  marks: RecordedMarks,
): Promise<KeptPoints> {
  const kept = keptPoints.get(ctx.db);
  if (!kept || kept.catalog !== catalog) return { catalog, marks, points: new Map() };
  // A copy: a request that read earlier marks may still be computing, and stores its own.
  const points = new Map(kept.points);
  if (kept.marks.auditSeq !== marks.auditSeq || kept.marks.eventSeq !== marks.eventSeq) {
    const earliest = await postureRepository.earliestRecordedSince(ctx.db, kept.marks);
    if (earliest) {
      for (const at of points.keys()) if (new Date(at) >= earliest) points.delete(at);
    }
  }
  return { catalog, marks, points };
}

/** The catalogue a posture is rolled up on, as a fingerprint that changes when any of it does. */
const catalogFingerprint = (catalog: PostureCatalog) =>
  sha256Hex(JSON.stringify([catalog.controls, catalog.frameworkViews]));

function pointOf(
  instant: HistoryInstant,
  catalog: PostureCatalog,
  counts: readonly ControlCounts[],
): PosturePoint {
  const posture = postureFromCounts(instant.at, HISTORY_AT_RISK_DAYS, catalog, counts);
  const occurrences = { failing: 0, atRisk: 0, pending: 0, verified: 0, notApplicable: 0 };
  for (const control of posture.controls) {
    for (const key of Object.keys(occurrences) as (keyof typeof occurrences)[]) {
      occurrences[key] += control.currentOccurrences[key];
    }
  }
  return {
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
  };
}

/**
 * Posture per framework at the end of each of the last `months` months (the current month at
 * now), summarised for charts. A point gives the same answer as GET /posture?at= its instant,
 * today and later; like it, it reads the catalogue in force now. The catalogue is read once; the
 * current month is counted as live posture is (from the kept counts when they are exact); the
 * finished months not kept from an earlier request are counted together, in one statement, and
 * kept for the next (see pointsStillHolding).
 */
export async function reportPostureHistory(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: PostureHistoryQuery,
): Promise<PostureHistory> {
  const instants = planHistoryInstants(ctx.clock.now(), query.months, ctx.config.timezone);
  // Read first: whatever is recorded while this request runs comes after them.
  const marks = await postureRepository.recordedMarks(ctx.db);
  const [controls, frameworkViews] = await Promise.all([
    listActiveControlDefinitions(ctx),
    listFrameworkViews(ctx),
  ]);
  const catalog: PostureCatalog = { controls, frameworkViews };
  const kept = await pointsStillHolding(ctx, catalogFingerprint(catalog), marks);
  const postureInstant = (at: Date): PostureInstant => ({
    at,
    atRiskUntil: new Date(at.getTime() + HISTORY_AT_RISK_DAYS * DAY_MS),
    lookbacks: controls.map((control) => controlLookback(control, at)),
  });
  const missing = instants.filter(
    (instant) => instant.monthComplete && !kept.points.has(instant.at.toISOString()),
  );
  const current = instants.at(-1)!;
  const [missingCounts, currentMonthCounts] = await Promise.all([
    postureRepository.currentCountsByControlAt(
      ctx.db,
      missing.map((instant) => postureInstant(instant.at)),
    ),
    currentCounts(ctx, postureInstant(current.at)),
  ]);
  missing.forEach((instant, index) =>
    kept.points.set(instant.at.toISOString(), pointOf(instant, catalog, missingCounts[index]!)),
  );
  // Months older than the longest history asked for are not kept.
  const oldest = instants[0]!.at.getTime() - MAX_MONTHS_KEPT * 31 * DAY_MS;
  for (const at of kept.points.keys()) if (Date.parse(at) < oldest) kept.points.delete(at);
  keptPoints.set(ctx.db, kept);
  return {
    months: query.months,
    points: instants.map((instant) =>
      instant.monthComplete
        ? kept.points.get(instant.at.toISOString())!
        : pointOf(instant, catalog, currentMonthCounts),
    ),
  };
}
