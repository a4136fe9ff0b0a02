import type { AppContext } from '../../platform/context.js';
import { countCapasOfPeriod } from '../capas/capa-register.js';
import { countIncidentsOfPeriod } from '../incidents/incident-register.js';
import { countNonconformancesOfPeriod } from '../nonconformances/nonconformance-register.js';
import { notFound } from '../../platform/errors.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { listFrameworks } from '../controls/catalog-queries.js';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { toCsv } from '../../platform/csv/csv.js';
import { readInOrder } from '../../platform/streams/read-in-order.js';
import { controlRowHead, type EffectivenessTextFormat } from './effectiveness-text.js';
import {
  effectivenessTextRepository,
  type EffectivenessTally,
} from './effectiveness-text.repository.js';
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

/**
 * How pages are read: two slices at once, the one being written out at most 4 pages ahead and
 * the following ones 24 pages between them (fewer left the second reader idle behind a large
 * slice), so that a slow client makes the report hold at most 28 pages (each at most about 4.5 MB
 * of JSON or 2.4 MB of CSV, or as many rows as objects) in memory.
 */
const READING = { concurrency: 2, headAhead: 4, laterAhead: 24 };

/** A report read on demand: the summary and the rows are each queried only when asked for. */
export interface EffectivenessReportStream {
  head: Omit<EffectivenessReport, 'rows' | 'summary'>;
  /** Aggregated in the database; the rows are not sent for it. */
  summary(): Promise<EffectivenessReport['summary']>;
  /** The rows in report order (control key, deadline, asset, period), one page at a time. */
  pages(): AsyncGenerator<EffectivenessReportRow[]>;
  /**
   * The rows written as text by the database, a page at a time, in report order: JSON objects
   * separated by commas (pages need a comma between them) or CSV lines; with what they count.
   */
  textPages(format: EffectivenessTextFormat): AsyncGenerator<ControlTextPage>;
  /** The summary from tallies of the rows (textPages), without counting them again. */
  summaryOf(tallies: readonly ControlTally[]): EffectivenessReport['summary'];
}

export interface ControlTextPage extends ControlTally {
  text: string;
}

/** How long a slice of the period is read as one unit (see openEffectivenessReport). */
const SLICE_DAYS = 92;
const DAY_MS = 86_400_000;

interface DueWindow {
  dueAfter: Date;
  dueBy: Date;
  asOf: Date;
}

interface ReportUnit {
  control: FrameworkControlRow;
  slice: DueWindow;
}

/** (dueAfter, dueBy] cut into consecutive slices of at most `days` days, in order. */
export function sliceDueWindow(window: DueWindow, days: number): DueWindow[] {
  const slices: DueWindow[] = [];
  let after = window.dueAfter;
  while (after < window.dueBy) {
    const end = new Date(Math.min(after.getTime() + days * DAY_MS, window.dueBy.getTime()));
    slices.push({ dueAfter: after, dueBy: end, asOf: window.asOf });
    after = end;
  }
  return slices.length > 0 ? slices : [window];
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
    lateEvidence: row.late_evidence,
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

/** What some of a control's report rows count. */
export interface ControlTally {
  controlId: string;
  tally: EffectivenessTally;
}

/** The database's per-control, per-status counts as tallies. */
const talliesOf = (counts: EffectivenessCountsRow[]): ControlTally[] =>
  counts.map((row) => ({
    controlId: row.control_id,
    tally: {
      byStatus: { [row.status]: row.occurrences },
      withExceptions: row.with_exceptions,
      missed: row.missed,
      late: row.late,
      unverified: row.unverified,
      lateEvidence: row.late_evidence,
    },
  }));

/** The summary from tallies of the report's rows (per control, in any number of parts). */
function summarise(
  tallies: readonly ControlTally[],
  controls: ReadonlyMap<string, FrameworkControlRow>,
): EffectivenessReport['summary'] {
  const byStatus: Record<string, number> = {};
  const byControl = new Map<string, EffectivenessReport['summary']['byControl'][number]>();
  for (const { controlId, tally } of tallies) {
    const controlKey = controls.get(controlId)!.key;
    const control = byControl.get(controlKey) ?? {
      controlKey,
      occurrences: 0,
      notApplicable: 0,
      withExceptions: 0,
      missed: 0,
      late: 0,
      unverified: 0,
      lateEvidence: 0,
      exceptionRate: null,
    };
    for (const [status, occurrences] of Object.entries<number>(tally.byStatus)) {
      byStatus[status] = (byStatus[status] ?? 0) + occurrences;
      control.occurrences += occurrences;
      if (status === 'not_applicable') control.notApplicable += occurrences;
    }
    control.withExceptions += tally.withExceptions;
    control.missed += tally.missed;
    control.late += tally.late;
    control.unverified += tally.unverified;
    control.lateEvidence += tally.lateEvidence;
    byControl.set(controlKey, control);
  }
  const perControl = [...byControl.values()];
  const total = (
    field:
      'occurrences' | 'notApplicable' | 'withExceptions' | 'lateEvidence' | EffectivenessException,
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
    lateEvidence: total('lateEvidence'),
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
 * exceptions as the records stood at the end of the period (or now, if that is earlier), or at the
 * instant asked for (`asOf`: now shows what was recorded after the period, late evidence
 * included, flagged as such). The
 * summary is aggregated in the database (or counted from the text pages as they are written); the
 * rows are read a page at a time when iterated, so a year of a large register is streamed rather
 * than held in memory. Every query is evaluated as of
 * the same instant, and facts recorded after it never count, so the pages agree with the summary
 * even while work is being recorded.
 */
export async function openEffectivenessReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Pick<EffectivenessQuery, 'framework' | 'from' | 'to'> & { asOf?: string | undefined },
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
  // Never later than now: what is not recorded yet cannot be reported.
  const asked = query.asOf ? new Date(query.asOf) : periodEnd;
  const asOf = asked < now ? asked : now;
  const controls = await postureRepository.frameworkControls(ctx.db, query.framework);
  const controlsById = new Map(controls.map((control) => [control.id, control]));
  // A deadline is the end of its due day: one at the period start belongs to the day before.
  const window = { dueAfter: periodStart, dueBy: periodEnd, asOf };
  // The period in slices of at most a quarter: a long report's control is read by both readers
  // at once, a slice each, instead of by one while the other waits.
  const slices = sliceDueWindow(window, SLICE_DAYS);
  const allUnits = controls.flatMap((control) => slices.map((slice) => ({ control, slice })));
  /** The units that hold any row: asked once, when the rows are first read. */
  let unitsWithRows: Promise<ReportUnit[]> | undefined;
  const units = () =>
    (unitsWithRows ??= postureRepository
      .windowsWithRows(
        ctx.db,
        allUnits.map(({ control, slice }) => ({ controlId: control.id, ...slice })),
        asOf,
      )
      .then((withRows) => allUnits.filter((_, index) => withRows.has(index))));
  /** A unit's pages, each read after the last row of the one before, until a short page. */
  async function* keysetPages<P>(
    read: (after: EffectivenessCursor | null) => Promise<{
      page: P;
      rows: number;
      last: EffectivenessCursor | null;
    }>,
  ): AsyncGenerator<P> {
    let after: EffectivenessCursor | null = null;
    do {
      const { page, rows, last } = await read(after);
      if (rows > 0) yield page;
      after = rows === pageRows ? last : null;
    } while (after);
  }
  const controlRowPages = ({ control, slice }: ReportUnit) =>
    keysetPages(async (after) => {
      const rows = await postureRepository.effectivenessPage(ctx.db, {
        controlId: control.id,
        ...slice,
        after,
        limit: pageRows,
      });
      const last = rows.at(-1);
      return {
        page: { control, rows },
        rows: rows.length,
        last: last
          ? { dueAt: last.due_at, assetKey: last.asset_key, periodKey: last.period_key }
          : null,
      };
    });
  const controlTextPages = (format: EffectivenessTextFormat, { control, slice }: ReportUnit) => {
    const head = controlRowHead(format, control);
    return keysetPages<ControlTextPage>(async (after) => {
      const page = await effectivenessTextRepository.page(ctx.db, {
        format,
        head,
        controlId: control.id,
        ...slice,
        after,
        limit: pageRows,
      });
      return {
        page: { controlId: control.id, text: page.text, tally: page.tally },
        rows: page.rows,
        last: page.last,
      };
    });
  };
  // Two slices are read at once (two connections): writing the text is the database's work, and
  // one statement at a time would leave the second core idle.
  async function* controlPages() {
    yield* readInOrder(
      (await units()).map((unit) => () => controlRowPages(unit)),
      READING,
    );
  }
  async function* textPages(format: EffectivenessTextFormat) {
    yield* readInOrder(
      (await units()).map((unit) => () => controlTextPages(format, unit)),
      READING,
    );
  }
  const recordWindow = { start: periodStart, end: periodEnd, asOf };
  const records = {
    incidents: await countIncidentsOfPeriod(ctx, recordWindow),
    nonconformances: await countNonconformancesOfPeriod(ctx, recordWindow),
    capas: await countCapasOfPeriod(ctx, recordWindow),
  };
  return {
    head: {
      framework: query.framework,
      from: query.from,
      to: query.to,
      periodStart: periodStart.toISOString(),
      periodEnd: periodEnd.toISOString(),
      asOf: asOf.toISOString(),
      records,
    },
    async summary() {
      const counts = await postureRepository.effectivenessCounts(ctx.db, {
        frameworkKey: query.framework,
        ...window,
      });
      return summarise(talliesOf(counts), controlsById);
    },
    async *pages() {
      for await (const page of controlPages()) {
        yield page.rows.map((row) => reportRow(row, page.control));
      }
    },
    textPages,
    summaryOf: (tallies) => summarise(tallies, controlsById),
  };
}

/** The whole report in memory (the use case; OSCAL reads its pages): the stream, collected. */
export async function reportEffectiveness(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  query: Pick<EffectivenessQuery, 'framework' | 'from' | 'to'> & { asOf?: string | undefined },
): Promise<EffectivenessReport> {
  const stream = await openEffectivenessReport(ctx, query);
  const summary = await stream.summary();
  const rows: EffectivenessReportRow[] = [];
  for await (const page of stream.pages()) rows.push(...page);
  return { ...stream.head, summary, rows };
}

/**
 * The report as JSON text, piece by piece: the report's head, its rows, then its summary, counted
 * from the rows as they were written (the summary comes last so that nothing is counted twice and
 * no row waits for the count). The same members as the collected report, without ever holding all
 * of it.
 */
export async function* effectivenessJsonChunks(
  stream: EffectivenessReportStream,
): AsyncGenerator<string> {
  yield `${JSON.stringify(stream.head).slice(0, -1)},"rows":[`;
  const tallies: ControlTally[] = [];
  let separator = '';
  for await (const page of stream.textPages('json')) {
    yield separator + page.text;
    separator = ',';
    tallies.push(page);
  }
  yield `],"summary":${JSON.stringify(stream.summaryOf(tallies))}}`;
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
  'late_evidence',
] as const;

/** The report as CSV text, one line per occurrence after the header, page by page. */
export async function* effectivenessCsvChunks(
  stream: EffectivenessReportStream,
): AsyncGenerator<string> {
  yield toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
  for await (const page of stream.textPages('csv')) yield page.text;
}
