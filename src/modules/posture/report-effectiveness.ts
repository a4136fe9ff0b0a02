import type { AppContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { listFrameworks } from '../controls/catalog-queries.js';
import {
  occurrenceStatusAt,
  type OccurrenceEvent,
  type OccurrenceStatus,
} from '../occurrences/occurrence-status.js';
import { toCsv } from '../register/csv.js';
import {
  postureRepository,
  type EffectivenessRow,
  type FrameworkControlRow,
} from './posture.repository.js';
import type {
  EffectivenessException,
  EffectivenessQuery,
  EffectivenessReport,
  EffectivenessReportRow,
} from './posture.schema.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The events that decide an occurrence's status, rebuilt from the aggregates the query returns. */
function decisiveEvents(row: EffectivenessRow): OccurrenceEvent[] {
  const events: OccurrenceEvent[] = [];
  if (row.started_at) events.push({ kind: 'started', at: row.started_at });
  if (row.rejected_at) events.push({ kind: 'rejected', at: row.rejected_at });
  if (row.completed_at) events.push({ kind: 'completed', at: row.completed_at });
  if (row.verified_at) events.push({ kind: 'verified', at: row.verified_at });
  if (row.not_applicable_at) events.push({ kind: 'not_applicable', at: row.not_applicable_at });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The exceptions of one occurrence as of `asOf` (docs/posture.md): missed when it closed without
 * a standing completion; late when its deadline passed without one (and it was not missed);
 * unverified when it was completed but had no verification once its deadline had passed.
 */
function exceptionsOf(
  row: EffectivenessRow,
  status: OccurrenceStatus,
  completedAt: Date | null,
  asOf: Date,
): EffectivenessException[] {
  if (status === 'not_applicable') return [];
  const exceptions: EffectivenessException[] = [];
  const missed = row.closes_at <= asOf && !(completedAt && completedAt < row.closes_at);
  if (missed) exceptions.push('missed');
  else if (row.due_at <= asOf && !(completedAt && completedAt < row.due_at))
    exceptions.push('late');
  if (completedAt && row.verified_at === null && row.due_at <= asOf) exceptions.push('unverified');
  return exceptions;
}

function reportRow(
  row: EffectivenessRow,
  control: FrameworkControlRow,
  asOf: Date,
): EffectivenessReportRow {
  const status = occurrenceStatusAt(
    { opensAt: row.opens_at, dueAt: row.due_at, closesAt: row.closes_at },
    decisiveEvents(row),
    asOf,
  );
  // A completion sent back by the verifier no longer stands.
  const standing =
    row.completed_at !== null && (row.rejected_at === null || row.completed_at > row.rejected_at);
  const completedAt = standing ? row.completed_at : null;
  return {
    controlKey: control.key,
    controlTitle: control.title,
    requirementKeys: control.requirement_keys,
    periodKey: row.period_key,
    assetKey: row.asset_key,
    opensAt: row.opens_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    status,
    completedAt: iso(completedAt),
    performer: standing ? row.performer : null,
    verifiedAt: iso(row.verified_at),
    verifier: row.verifier,
    evidenceCount: row.evidence_count,
    exceptions: exceptionsOf(row, status, completedAt, asOf),
  };
}

function summarise(rows: EffectivenessReportRow[]): EffectivenessReport['summary'] {
  const byStatus: Record<string, number> = {};
  const byControl = new Map<string, EffectivenessReport['summary']['byControl'][number]>();
  const totals = { missed: 0, late: 0, unverified: 0, withExceptions: 0, applicable: 0 };
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    const control = byControl.get(row.controlKey) ?? {
      controlKey: row.controlKey,
      occurrences: 0,
      notApplicable: 0,
      withExceptions: 0,
      missed: 0,
      late: 0,
      unverified: 0,
      exceptionRate: null,
    };
    control.occurrences += 1;
    if (row.status === 'not_applicable') control.notApplicable += 1;
    else totals.applicable += 1;
    if (row.exceptions.length > 0) {
      control.withExceptions += 1;
      totals.withExceptions += 1;
    }
    for (const exception of row.exceptions) {
      control[exception] += 1;
      totals[exception] += 1;
    }
    byControl.set(row.controlKey, control);
  }
  const rate = (withExceptions: number, applicable: number) =>
    applicable === 0 ? null : Math.round((withExceptions / applicable) * 10_000) / 10_000;
  return {
    occurrences: rows.length,
    byStatus,
    missed: totals.missed,
    late: totals.late,
    unverified: totals.unverified,
    withExceptions: totals.withExceptions,
    exceptionRate: rate(totals.withExceptions, totals.applicable),
    byControl: [...byControl.values()]
      .map((control) => ({
        ...control,
        exceptionRate: rate(control.withExceptions, control.occurrences - control.notApplicable),
      }))
      .sort((a, b) => a.controlKey.localeCompare(b.controlKey)),
  };
}

/**
 * Operating effectiveness of a framework over a period: every occurrence due in the period of a
 * control mapped to one of its requirements, with its status, performer, verifier, evidence and
 * exceptions as the records stood at the end of the period (or now, if that is earlier).
 */
export async function reportEffectiveness(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Pick<EffectivenessQuery, 'framework' | 'from' | 'to'>,
): Promise<EffectivenessReport> {
  const frameworks = await listFrameworks(ctx, { includeRetired: true });
  if (!frameworks.some((framework) => framework.key === query.framework)) {
    throw notFound(`Framework ${query.framework}`);
  }
  const periodStart = startOfDate(query.from, ctx.config.timezone);
  const periodEnd = startOfDate(addDays(query.to, 1), ctx.config.timezone);
  const now = ctx.clock.now();
  const asOf = periodEnd < now ? periodEnd : now;
  const controls = new Map(
    (await postureRepository.frameworkControls(ctx.db, query.framework)).map((control) => [
      control.id,
      control,
    ]),
  );
  const stored = await postureRepository.occurrencesDueBetween(ctx.db, {
    frameworkKey: query.framework,
    // A deadline is the end of its due day: one at the period start belongs to the day before.
    dueAfter: periodStart,
    dueBy: periodEnd,
    asOf,
  });
  const rows = stored.map((row) => reportRow(row, controls.get(row.control_id)!, asOf));
  return {
    framework: query.framework,
    from: query.from,
    to: query.to,
    periodStart: periodStart.toISOString(),
    periodEnd: periodEnd.toISOString(),
    asOf: asOf.toISOString(),
    summary: summarise(rows),
    rows,
  };
}

export const EFFECTIVENESS_CSV_COLUMNS = [
  'control_key',
  'control_title',
  'requirement_keys',
  'period_key',
  'asset_key',
  'opens_at',
  'due_at',
  'status',
  'completed_at',
  'performer',
  'verified_at',
  'verifier',
  'evidence_count',
  'exceptions',
] as const;

/** The report's rows as CSV, one line per occurrence, every cell guarded against formulas. */
export function effectivenessCsv(report: EffectivenessReport): string {
  return toCsv(
    EFFECTIVENESS_CSV_COLUMNS,
    report.rows.map((row) => ({
      control_key: row.controlKey,
      control_title: row.controlTitle,
      requirement_keys: row.requirementKeys.join(';'),
      period_key: row.periodKey,
      asset_key: row.assetKey,
      opens_at: row.opensAt,
      due_at: row.dueAt,
      status: row.status,
      completed_at: row.completedAt ?? '',
      performer: row.performer ?? '',
      verified_at: row.verifiedAt ?? '',
      verifier: row.verifier ?? '',
      evidence_count: String(row.evidenceCount),
      exceptions: row.exceptions.join(';'),
    })),
  );
}
