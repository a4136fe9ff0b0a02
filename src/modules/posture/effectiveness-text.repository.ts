import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { OCCURRENCE_STATUSES, type OccurrenceStatus } from '../occurrences/occurrence-status.js';
import type { EffectivenessTextFormat } from './effectiveness-text.js';
import {
  controlPageWhere,
  effectivenessRows,
  withReportSettings,
  type ControlPageOptions,
  type EffectivenessCursor,
} from './posture.repository.js';

/*
 * The report's rows written as text by the database, a page at a time: the JSON of each row
 * exactly as JSON.stringify writes the report row, or its CSV line exactly as toCsv writes it
 * (a property test compares them). to_json escapes text as JSON.stringify does for any text the
 * database can hold; the CSV cells follow toCsv's rules: guarded against formulas
 * (neutraliseFormula, also after each line break) and quoted when they hold a quote, a comma or
 * a line break.
 */

/** What neutraliseFormula guards at the start of the cell, as a PostgreSQL regular expression. */
const FORMULA_START = "^'*[=+\\-@\\t\\r]";
/** A line break followed by what neutraliseFormula guards after it; the break is kept as \1. */
const FORMULA_AFTER_BREAK = "([\\r\\n])(?='*[=+\\-@\\t\\r])";
const GUARDED_BREAK = "\\1'";

/**
 * neutraliseFormula in SQL: the cheap first-character test decides the start of nearly every
 * cell, and only a cell holding a line break is searched for lines to guard.
 */
const neutralised = (value: RawBuilder<unknown>) => sql`
  case when left(${value}, 1) in ('=', '+', '-', '@', chr(9), chr(13))
      or (left(${value}, 1) = '''' and ${value} ~ ${FORMULA_START})
    then '''' else '' end
  || case when strpos(${value}, chr(10)) > 0 or strpos(${value}, chr(13)) > 0
    then regexp_replace(${value}, ${FORMULA_AFTER_BREAK}, ${GUARDED_BREAK}, 'g') else ${value} end`;

/** One CSV cell of non-null text. The guard adds apostrophes, which never need quotes. */
const csvCell = (value: RawBuilder<unknown>) => sql`
  case when strpos(${value}, '"') > 0 or strpos(${value}, ',') > 0 or strpos(${value}, chr(10)) > 0
      or strpos(${value}, chr(13)) > 0
    then '"' || replace(${neutralised(value)}, '"', '""') || '"'
    else ${neutralised(value)} end`;

const jsonText = (value: RawBuilder<unknown>) => sql`coalesce(to_json(${value})::text, 'null')`;
/** An instant's stored ISO text (never needing escapes) as a JSON string, or null. */
const jsonInstant = (value: RawBuilder<unknown>) => sql`coalesce('"' || ${value} || '"', 'null')`;

/** A row's exceptions in report order, separated by `separator`, each written as `quote`d. */
const exceptionList = (separator: string, quote: string) => sql`concat_ws(${separator},
  case when missed then ${`${quote}missed${quote}`} end,
  case when late then ${`${quote}late${quote}`} end,
  case when unverified then ${`${quote}unverified${quote}`} end)`;

/** One report_row (effectivenessRows, or any relation with its columns) as text after the head. */
export function effectivenessRowText(
  format: EffectivenessTextFormat,
  head: string,
): RawBuilder<unknown> {
  const c = (name: string) => sql.ref(name);
  // One concat call per row: a chain of || allocates the growing text at every step.
  if (format === 'json') {
    return sql`concat(${head}::text, to_json(period_key)::text,
      ',"assetKey":', to_json(asset_key)::text,
      ',"opensAt":"', opens_at_iso, '","dueAt":"', due_at_iso,
      '","status":"', status, '","completedAt":', ${jsonInstant(c('completed_at_iso'))},
      ',"performer":', ${jsonText(c('performer'))},
      ',"verifiedAt":', ${jsonInstant(c('verified_at_iso'))},
      ',"verifier":', ${jsonText(c('verifier'))},
      ',"evidenceCount":', evidence_count,
      ',"exceptions":[', ${exceptionList(',', '"')}, '],"lateEvidence":',
      case when late_evidence then 'true' else 'false' end, '}')`;
  }
  // concat writes a null (no completion, no verification) as nothing, as the CSV wants.
  return sql`concat(${head}::text, ${csvCell(c('period_key'))}, ',', ${csvCell(c('asset_key'))},
    ',', opens_at_iso, ',', due_at_iso, ',', status,
    ',', completed_at_iso,
    ',', ${csvCell(sql`coalesce(performer, '')`)},
    ',', verified_at_iso,
    ',', ${csvCell(sql`coalesce(verifier, '')`)},
    ',', evidence_count, ',', ${exceptionList(';', '')},
    ',', case when late_evidence then 'true' else 'false' end, chr(10))`;
}

/** How many of a page's (or a control's) rows are in each status and have each exception. */
export interface EffectivenessTally {
  byStatus: Partial<Record<OccurrenceStatus, number>>;
  withExceptions: number;
  missed: number;
  late: number;
  unverified: number;
  lateEvidence: number;
}

/** A page of report text: its rows, how many, what they count, and where the next page starts. */
export interface EffectivenessTextPage {
  /** The rows' JSON objects separated by commas, or their CSV lines; '' when there are none. */
  text: string;
  rows: number;
  tally: EffectivenessTally;
  last: EffectivenessCursor | null;
}

const statusColumn = (status: OccurrenceStatus) => `status_${status}`;
const statusCounts = sql.join(
  OCCURRENCE_STATUSES.map(
    (status) =>
      sql`count(*) filter (where status = ${status})::int as ${sql.ref(statusColumn(status))}`,
  ),
);

export const effectivenessTextRepository = {
  /**
   * One page of a control's report rows due in (dueAfter, dueBy] as of `asOf`, in (deadline,
   * asset, period) order after `after`, as text (see effectivenessPage for the rows).
   */
  async page(
    db: Kysely<Database>,
    options: ControlPageOptions & {
      format: EffectivenessTextFormat;
      /** What every row of the control starts with (controlRowHead). */
      head: string;
    },
  ): Promise<EffectivenessTextPage> {
    const separator = options.format === 'json' ? ',' : '';
    // The page is numbered in report order so that the aggregate keeps that order cheaply.
    const query = sql<{
      text: string | null;
      rows: number;
      with_exceptions: number;
      missed: number;
      late: number;
      unverified: number;
      late_evidence: number;
      last_due_at: string | null;
      last_asset_key: string | null;
      last_period_key: string | null;
    }>`
      ${effectivenessRows(options.asOf, controlPageWhere(options))},
      page as (
        select p.*, row_number() over report_order as n,
          (lead(true) over report_order) is null as is_last
        from (
          select * from report_row
          order by due_at, asset_key, period_key
          limit ${options.limit}
        ) p
        window report_order as (order by p.due_at, p.asset_key, p.period_key)
      )
      select string_agg(${effectivenessRowText(options.format, options.head)}, ${separator} order by n)
          as text,
        count(*)::int as rows,
        ${statusCounts},
        count(*) filter (where missed or late or unverified)::int as with_exceptions,
        count(*) filter (where missed)::int as missed,
        count(*) filter (where late)::int as late,
        count(*) filter (where unverified)::int as unverified,
        count(*) filter (where late_evidence)::int as late_evidence,
        min(due_at_iso) filter (where is_last) as last_due_at,
        min(asset_key) filter (where is_last) as last_asset_key,
        min(period_key) filter (where is_last) as last_period_key
      from page`;
    const row = await withReportSettings(
      db,
      { parallel: false },
      async (trx) => (await query.execute(trx)).rows[0]!,
    );
    const counted = row as unknown as Record<string, number>;
    return {
      text: row.text ?? '',
      rows: row.rows,
      tally: {
        byStatus: Object.fromEntries(
          OCCURRENCE_STATUSES.filter((status) => counted[statusColumn(status)]! > 0).map(
            (status) => [status, counted[statusColumn(status)]!],
          ),
        ),
        withExceptions: row.with_exceptions,
        missed: row.missed,
        late: row.late,
        unverified: row.unverified,
        lateEvidence: row.late_evidence,
      },
      last:
        row.last_due_at === null
          ? null
          : {
              dueAt: row.last_due_at,
              assetKey: row.last_asset_key!,
              periodKey: row.last_period_key!,
            },
    };
  },
};
