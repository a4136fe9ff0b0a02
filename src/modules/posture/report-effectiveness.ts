import type { AppContext } from '../../app/context.js';
import { notFound } from '../../platform/errors.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { listFrameworks } from '../controls/catalog-queries.js';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { toCsv } from '../register/csv.js';
import { effectivenessCsvLines, effectivenessJsonRows } from './effectiveness-text.js';
import {
  postureRepository,
  type EffectivenessCountsRow,
  type EffectivenessCursor,
  type EffectivenessRow,
  type FrameworkControlRow,
} from './posture.repository.js';
import type {
  EffectivenessException,
  EffectivenessQuery,
  EffectivenessReport,
  EffectivenessReportRow,
} from './posture.schema.js';

/** Rows fetched per query: large enough to amortise a round trip, small enough to stream. */
const PAGE_ROWS = 10_000;

/** A report read on demand: the summary and the rows are each queried only when asked for. */
export interface EffectivenessReportStream {
  head: Omit<EffectivenessReport, 'rows' | 'summary'>;
  /** Aggregated in the database; the rows are not sent for it. */
  summary(): Promise<EffectivenessReport['summary']>;
  /** The rows in report order (control key, deadline, asset, period), one page at a time. */
  pages(): AsyncGenerator<EffectivenessReportRow[]>;
  /** The same pages as the database returns them, with their control (for writing out text). */
  controlPages(): AsyncGenerator<ControlPage>;
}

export interface ControlPage {
  control: FrameworkControlRow;
  rows: EffectivenessRow[];
}

/** The exceptions of one report row, in the order reports list them. */
export function exceptionsOf(
  row: Pick<EffectivenessRow, 'missed' | 'late' | 'unverified'>,
): EffectivenessException[] {
  const exceptions: EffectivenessException[] = [];
  if (row.missed) exceptions.push('missed');
  if (row.late) exceptions.push('late');
  if (row.unverified) exceptions.push('unverified');
  return exceptions;
}

/** A report row's own facts, without the control it belongs to. */
export function effectivenessRowFacts(
  row: EffectivenessRow,
): Omit<EffectivenessReportRow, 'controlKey' | 'controlTitle' | 'requirementKeys'> {
  return {
    periodKey: row.period_key,
    assetKey: row.asset_key,
    opensAt: row.opens_at,
    dueAt: row.due_at,
    status: row.status,
    completedAt: row.completed_at,
    performer: row.performer,
    verifiedAt: row.verified_at,
    verifier: row.verifier,
    evidenceCount: row.evidence_count,
    exceptions: exceptionsOf(row),
  };
}

export function reportRow(
  row: EffectivenessRow,
  control: FrameworkControlRow,
): EffectivenessReportRow {
  return {
    controlKey: control.key,
    controlTitle: control.title,
    requirementKeys: control.requirement_keys,
    ...effectivenessRowFacts(row),
  };
}

const rate = (withExceptions: number, applicable: number) =>
  applicable === 0 ? null : Math.round((withExceptions / applicable) * 10_000) / 10_000;

/** The summary from the per-control, per-status counts the database aggregated. */
function summarise(
  counts: EffectivenessCountsRow[],
  controls: Map<string, FrameworkControlRow>,
): EffectivenessReport['summary'] {
  const byStatus: Record<string, number> = {};
  const byControl = new Map<string, EffectivenessReport['summary']['byControl'][number]>();
  for (const row of counts) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.occurrences;
    const controlKey = controls.get(row.control_id)!.key;
    const control = byControl.get(controlKey) ?? {
      controlKey,
      occurrences: 0,
      notApplicable: 0,
      withExceptions: 0,
      missed: 0,
      late: 0,
      unverified: 0,
      exceptionRate: null,
    };
    control.occurrences += row.occurrences;
    if (row.status === 'not_applicable') control.notApplicable += row.occurrences;
    control.withExceptions += row.with_exceptions;
    control.missed += row.missed;
    control.late += row.late;
    control.unverified += row.unverified;
    byControl.set(controlKey, control);
  }
  const perControl = [...byControl.values()];
  const total = (
    field: 'occurrences' | 'notApplicable' | 'withExceptions' | EffectivenessException,
  ) => perControl.reduce((sum, control) => sum + control[field], 0);
  const occurrences = total('occurrences');
  return {
    occurrences,
    byStatus: Object.fromEntries(
      OCCURRENCE_STATUSES.filter((status) => byStatus[status] !== undefined).map((status) => [
        status,
        byStatus[status]!,
      ]),
    ),
    missed: total('missed'),
    late: total('late'),
    unverified: total('unverified'),
    withExceptions: total('withExceptions'),
    exceptionRate: rate(total('withExceptions'), occurrences - total('notApplicable')),
    byControl: perControl
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
 * exceptions as the records stood at the end of the period (or now, if that is earlier). The
 * summary is aggregated in the database; the rows are read a page at a time when iterated, so a
 * year of a large register is streamed rather than held in memory. Every query is evaluated as of
 * the same instant, and facts recorded after it never count, so the pages agree with the summary
 * even while work is being recorded.
 */
export async function openEffectivenessReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Pick<EffectivenessQuery, 'framework' | 'from' | 'to'>,
  options: { pageRows?: number } = {},
): Promise<EffectivenessReportStream> {
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const frameworks = await listFrameworks(ctx, { includeRetired: true });
  if (!frameworks.some((framework) => framework.key === query.framework)) {
    throw notFound(`Framework ${query.framework}`);
  }
  const periodStart = startOfDate(query.from, ctx.config.timezone);
  const periodEnd = startOfDate(addDays(query.to, 1), ctx.config.timezone);
  const now = ctx.clock.now();
  const asOf = periodEnd < now ? periodEnd : now;
  const controls = await postureRepository.frameworkControls(ctx.db, query.framework);
  // A deadline is the end of its due day: one at the period start belongs to the day before.
  const window = { dueAfter: periodStart, dueBy: periodEnd, asOf };
  const requestPage = (index: number, after: EffectivenessCursor | null) => {
    const rows = postureRepository.effectivenessPage(ctx.db, {
      controlId: controls[index]!.id,
      ...window,
      after,
      limit: pageRows,
    });
    // Awaited below; this only keeps an abandoned read-ahead from being an unhandled rejection.
    rows.catch(() => undefined);
    return { index, rows };
  };
  // Reads one page ahead: the database prepares the next page while this one is written out.
  async function* controlPages(): AsyncGenerator<ControlPage> {
    let next = controls.length > 0 ? requestPage(0, null) : null;
    while (next) {
      const control = controls[next.index]!;
      const page = await next.rows;
      const last = page[page.length - 1];
      if (last && page.length === pageRows) {
        next = requestPage(next.index, {
          dueAt: last.due_at,
          assetKey: last.asset_key,
          periodKey: last.period_key,
        });
      } else {
        next = next.index + 1 < controls.length ? requestPage(next.index + 1, null) : null;
      }
      if (page.length > 0) yield { control, rows: page };
    }
  }
  return {
    head: {
      framework: query.framework,
      from: query.from,
      to: query.to,
      periodStart: periodStart.toISOString(),
      periodEnd: periodEnd.toISOString(),
      asOf: asOf.toISOString(),
    },
    async summary() {
      const counts = await postureRepository.effectivenessCounts(ctx.db, {
        frameworkKey: query.framework,
        ...window,
      });
      return summarise(counts, new Map(controls.map((control) => [control.id, control])));
    },
    async *pages() {
      for await (const page of controlPages()) {
        yield page.rows.map((row) => reportRow(row, page.control));
      }
    },
    controlPages,
  };
}

/** The whole report in memory (the use case, the CLI's JSON): the stream, collected. */
export async function reportEffectiveness(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Pick<EffectivenessQuery, 'framework' | 'from' | 'to'>,
): Promise<EffectivenessReport> {
  const stream = await openEffectivenessReport(ctx, query);
  const summary = await stream.summary();
  const rows: EffectivenessReportRow[] = [];
  for await (const page of stream.pages()) rows.push(...page);
  return { ...stream.head, summary, rows };
}

/**
 * The report as JSON text, piece by piece: the same document as JSON.stringify of the collected
 * report (the head's fields, then `rows`), without ever holding all of it.
 */
export async function* effectivenessJsonChunks(
  stream: EffectivenessReportStream,
): AsyncGenerator<string> {
  // The first page is read while the summary is counted (two connections on PostgreSQL).
  const pages = stream.controlPages();
  const firstPage = pages.next();
  firstPage.catch(() => undefined);
  const head = { ...stream.head, summary: await stream.summary() };
  yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  let separator = '';
  for (let page = await firstPage; !page.done; page = await pages.next()) {
    yield separator + effectivenessJsonRows(page.value.control, page.value.rows);
    separator = ',';
  }
  yield ']}';
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

/** The report as CSV text, one line per occurrence after the header, page by page. */
export async function* effectivenessCsvChunks(
  stream: EffectivenessReportStream,
): AsyncGenerator<string> {
  yield toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
  for await (const page of stream.controlPages()) {
    yield effectivenessCsvLines(page.control, page.rows);
  }
}
