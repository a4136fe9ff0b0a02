import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { OccurrenceStatus } from '../occurrences/occurrence-status.js';
import { CONTROL_STATUSES, type ControlStatus } from './control-status.js';
import { workStateFromEvents, workStateFromInstants } from '../occurrences/occurrence-state-sql.js';

/** How far back, per control, an occurrence's deadline may lie and still be current at t. */
export interface ControlLookback {
  controlId: string;
  /** No occurrence due at or before this instant can be current (index bound). */
  dueAfter: Date;
}

export interface CurrentCountsRow {
  control_id: string;
  asset_key: string;
  failing: number;
  at_risk: number;
  verified: number;
  not_applicable: number;
  pending: number;
}

/**
 * One asset's per-asset controls rolled up in the database: statuses as their place in
 * CONTROL_STATUSES (0 the worst), controls as their place in the lookbacks asked about.
 */
export interface AssetRollupRow {
  asset_key: string;
  /** The worst status of its controls. */
  severity: number;
  /** [place of the control in the lookbacks, its status] for each of its controls, unordered. */
  controls: [number, number][];
}

/** Where a page of the per-asset list ends: its last asset's severity and key. */
export interface AssetRollupCursor {
  severity: number;
  assetKey: string;
}

/** One report row as stored facts say at `asOf`; instants as ISO-8601 text. */
export interface EffectivenessRow {
  period_key: string;
  asset_key: string;
  opens_at: string;
  due_at: string;
  status: OccurrenceStatus;
  completed_at: string | null;
  performer: string | null;
  verified_at: string | null;
  verifier: string | null;
  evidence_count: number;
  missed: boolean;
  late: boolean;
  unverified: boolean;
  /** Satisfied by evidence of an in-window fact that was recorded after the deadline. */
  late_evidence: boolean;
}

/** A report row of any control for one asset, named by its control (a walkthrough's rows). */
export interface AssetEffectivenessRow extends EffectivenessRow {
  control_key: string;
  control_title: string;
}

/** Per control and status: how many report rows, and how many with each exception. */
export interface EffectivenessCountsRow {
  control_id: string;
  status: OccurrenceStatus;
  occurrences: number;
  with_exceptions: number;
  missed: number;
  late: number;
  unverified: number;
  late_evidence: number;
}

/** Where a report page ends: the next page starts after this row of the same control. */
export interface EffectivenessCursor {
  dueAt: string;
  assetKey: string;
  periodKey: string;
}

/**
 * Whether an occurrence's stored state (alias `s`; every occurrence has one) is its state at t:
 * it summarises nothing recorded after t. Used in `case when`, where a missing row (null) falls
 * to the events.
 */
const stateHolds = (s: RawBuilder<unknown>, t: RawBuilder<unknown>) =>
  sql`${s}.last_recorded_at <= ${t}`;

/** Posture at one instant: its at-risk horizon and the controls' look-back bounds. */
export interface PostureInstant {
  at: Date;
  atRiskUntil: Date;
  lookbacks: ControlLookback[];
}

/**
 * The current occurrences at each instant, each classified (docs/posture.md), numbered by the
 * instant's place in the list (`instant`): an occurrence is current when it existed and had
 * opened by t, and either its deadline is still ahead or it is the latest of its lane (control ×
 * asset, or its own trigger event) whose deadline has passed, no older than two of its periods.
 * Its state comes only from what was recorded at or before t.
 *
 * Read from occurrence_state alone (every occurrence's window, keys and stored work), through its
 * (control, due) index between two bounds per control: the look-back below, and above, t plus the
 * longest window (due − opens) any occurrence of the control has (from posture_counts, which
 * counts every occurrence): one opened by t is due by then. Without the upper bound a past
 * instant read every later occurrence of the year and threw it away.
 */
function classifiedCurrent(instants: readonly PostureInstant[]): RawBuilder<unknown> {
  const lookbackRows = sql.join(
    instants.flatMap((instant, index) =>
      instant.lookbacks.map(
        (lookback) =>
          sql`(${index}::int, ${lookback.controlId}::uuid, ${instant.at.toISOString()}::timestamptz,
            ${instant.atRiskUntil.toISOString()}::timestamptz,
            ${lookback.dueAfter.toISOString()}::timestamptz)`,
      ),
    ),
  );
  return sql`
    with lookback(instant, control_id, t, at_risk_until, due_after) as (
      values ${lookbackRows}),
    candidate as (
      -- A range of the (control, due) index per control and instant (offset 0 keeps the
      -- planner from turning it into a join over the whole table), in (instant, control) order:
      -- the window below then sorts each control's rows on their own (an incremental sort), and
      -- the counts group rows already in order. Each row's work at t where the row alone says
      -- it: the stored state when it summarises nothing recorded after t (always so for "now"),
      -- otherwise the stored instants' answer, unless they cannot tell it (past_work_from_events:
      -- a rejection, say); null when only the events can.
      select lb.instant, lb.control_id, lb.t, lb.at_risk_until, s.*
      from (select * from lookback order by instant, control_id) lb
      cross join lateral (
        select max(pc.due_at - pc.opens_at) as longest
        from posture_counts pc
        where pc.control_id = lb.control_id
      ) w
      cross join lateral (
        select s.occurrence_id as id, s.asset_key, s.trigger_event_id, s.due_at,
          case when ${stateHolds(sql`s`, sql`lb.t`)} then s.work_state
            when not s.past_work_from_events then ${workStateFromInstants(sql`s`, sql`lb.t`)}
          end as known_work_state
        from occurrence_state s
        where s.control_id = lb.control_id
          and s.due_at > lb.due_after and s.due_at <= lb.t + w.longest
          and s.generated_at <= lb.t
          and s.opens_at <= lb.t
          and s.due_at > lb.t - 2 * (s.closes_at - s.due_at)
        offset 0
      ) s
    ),
    ranked as (
      select c.*,
        row_number() over (
          partition by c.instant, c.control_id, c.asset_key, c.trigger_event_id, c.due_at <= c.t
          order by c.due_at desc
        ) as recency
      from candidate c
    ),
    current_occurrence as (
      select r.* from ranked r where r.due_at > r.t or r.recency = 1
    ),
    state as (
      -- Where the row does not say it, that occurrence's events at or before t, through the
      -- (occurrence, at) index; the gate in the lateral's where clause skips the look-up for
      -- every other occurrence.
      select cur.instant, cur.t, cur.at_risk_until, cur.control_id, cur.asset_key, cur.due_at,
        coalesce(cur.known_work_state, past.work_state) as work_state
      from current_occurrence cur
      cross join lateral (
        select ${workStateFromEvents} as work_state
        from occurrence_events e
        where cur.known_work_state is null and e.occurrence_id = cur.id and e.at <= cur.t
      ) past
    ),
    classified as (
      select instant, control_id, asset_key,
        case
          when work_state = 'not_applicable' then 'not_applicable'
          when work_state = 'verified' then 'verified'
          when work_state = 'done' then case when due_at <= t then 'failing' else 'pending' end
          when due_at <= t then 'failing'
          when due_at <= at_risk_until then 'at_risk'
          else 'pending'
        end as class
      from state
    )`;
}

/**
 * The report's rows as of `asOf` for the occurrences `where` selects, read from occurrence_state
 * (alias `s`: every occurrence's window and keys with its stored work): each one's work from that
 * row when it records nothing after asOf, otherwise from its events and evidence by asOf; then its
 * status (statusFromWorkState in SQL) and its exceptions (docs/posture.md): missed when it closed
 * without a standing completion before closing; late when its deadline passed without one before
 * the deadline (and it was not missed); unverified when it was completed but not verified once its
 * deadline had passed. Not applicable: none. A completion from an automatic source counts from
 * the instant of the fact it records (`evidenced_at`) when that is earlier than its recording;
 * such a row recorded after its deadline is flagged late_evidence (satisfied by late evidence).
 */
/** The events (alias `e`) of occurrence_state row `s` recorded at or before t. */
const eventsUpTo = (t: RawBuilder<unknown>) =>
  sql`from occurrence_events e where e.occurrence_id = s.occurrence_id and e.at <= ${t}`;

/** The latest completion among events `e`, unless a rejection came after it. */
const standingCompletion = sql`
  case when max(e.at) filter (where e.kind = 'completed')
      > coalesce(max(e.at) filter (where e.kind = 'rejected'), '-infinity')
    then max(e.at) filter (where e.kind = 'completed') end`;

export function effectivenessRows(asOf: Date, where: RawBuilder<unknown>): RawBuilder<unknown> {
  const t = sql`${asOf.toISOString()}::timestamptz`;
  const holds = stateHolds(sql`s`, t);
  return sql`
    with base as (
      select s.occurrence_id as id, s.control_id, s.period_key, s.asset_key, s.opens_at,
        s.due_at, s.closes_at, s.opens_at_iso, s.due_at_iso,
        -- Scalar look-ups inside case: evaluated only for an occurrence whose stored state has
        -- moved past asOf (a lateral join would be re-scanned for every row, ~1.5 µs each).
        case when ${holds} then s.work_state else (
          select ${workStateFromEvents} ${eventsUpTo(t)}) end as work_state,
        case when ${holds} then s.completed_at else (
          select ${standingCompletion} ${eventsUpTo(t)}) end as completed_at,
        case when ${holds} then s.performer_label else (
          select p.actor_label from occurrence_events p
          where p.occurrence_id = s.occurrence_id and p.kind = 'completed'
            and p.at = (select ${standingCompletion} ${eventsUpTo(t)})
          limit 1) end as performer,
        case when ${holds} then s.completed_at_iso else occurrence_instant_text((
          select ${standingCompletion} ${eventsUpTo(t)})) end as completed_at_iso,
        case when ${holds} then s.verified_at else (
          select min(e.at) filter (where e.kind = 'verified') ${eventsUpTo(t)}) end
          as verified_at,
        case when ${holds} then s.verified_at_iso else occurrence_instant_text((
          select min(e.at) filter (where e.kind = 'verified') ${eventsUpTo(t)})) end
          as verified_at_iso,
        case when ${holds} then s.verifier_label else (
          select min(e.actor_label) filter (where e.kind = 'verified') ${eventsUpTo(t)}) end
          as verifier,
        case when ${holds} then s.evidence_count else (
          select count(*)::int from evidence_attachments f
          where f.occurrence_id = s.occurrence_id and f.uploaded_at <= ${t}) end as evidence_count,
        case when ${holds} then s.evidenced_at else (
          select c.evidenced_at from occurrence_events c
          where c.occurrence_id = s.occurrence_id and c.kind = 'completed'
            and c.at = (select ${standingCompletion} ${eventsUpTo(t)})
          limit 1) end as evidenced_at
      from occurrence_state s
      where s.generated_at <= ${t} and ${where}
    ),
    fact as (
      -- When the work (or the fact evidencing it) happened: the evidenced instant of a
      -- completion from an automatic source when it is earlier than its recording.
      select b.*, least(b.completed_at, b.evidenced_at) as done_at from base b
    ),
    due_passed as (
      select b.*,
        b.work_state <> 'not_applicable' and b.closes_at <= ${t}
          and not coalesce(b.done_at < b.closes_at, false) as missed,
        b.work_state <> 'not_applicable' and b.due_at <= ${t}
          and not coalesce(b.done_at < b.due_at, false) as past_due_undone,
        b.work_state <> 'not_applicable' and coalesce(b.completed_at >= b.due_at
          and b.evidenced_at < b.closes_at, false) as late_evidence
      from fact b
    ),
    report_row as (
      select d.id, d.control_id, d.period_key, d.asset_key, d.opens_at, d.due_at,
        d.opens_at_iso, d.due_at_iso, d.completed_at_iso, d.verified_at_iso,
        case
          when d.work_state in ('verified', 'done', 'not_applicable') then d.work_state
          when ${t} >= d.closes_at then 'missed'
          when ${t} >= d.due_at then 'overdue'
          when d.work_state = 'in_progress' then 'in_progress'
          when ${t} < d.opens_at then 'upcoming'
          else 'due'
        end as status,
        d.completed_at, d.performer, d.verified_at, d.verifier, d.evidence_count, d.missed,
        d.past_due_undone and not d.missed as late,
        d.work_state <> 'not_applicable' and d.completed_at is not null
          and d.verified_at is null and d.due_at <= ${t} as unverified,
        d.late_evidence
      from due_passed d
    )`;
}

/** A keyset page of one control's report rows due in (dueAfter, dueBy] as of `asOf`. */
export interface ControlPageOptions {
  controlId: string;
  dueAfter: Date;
  dueBy: Date;
  asOf: Date;
  /** The last row of the page before; null for the first page. */
  after: EffectivenessCursor | null;
  limit: number;
}

/** What a keyset page of one control's report rows reads (alias `s`, occurrence_state). */
export function controlPageWhere(options: ControlPageOptions): RawBuilder<unknown> {
  const after = options.after
    ? sql`and (s.due_at, s.asset_key, s.period_key) > (${options.after.dueAt}::timestamptz,
        ${options.after.assetKey}, ${options.after.periodKey})`
    : sql``;
  return sql`s.control_id = ${options.controlId}
    and s.due_at > ${options.dueAfter.toISOString()}::timestamptz
    and s.due_at <= ${options.dueBy.toISOString()}::timestamptz ${after}`;
}

/** A report row's columns (EffectivenessRow), its instants as stored text. */
const reportRowColumns = sql`period_key, asset_key, opens_at_iso as opens_at, due_at_iso as due_at,
  status, completed_at_iso as completed_at, performer, verified_at_iso as verified_at, verifier,
  evidence_count, missed, late, unverified, late_evidence`;

/**
 * Runs a posture or report query with its own planner settings: more work memory for hashing a
 * year of occurrences against their states, and no JIT compilation, which costs more (about a
 * second on the report's summary) than it saves on these statements. `parallel: false` for the
 * keyset pages, which read a few thousand rows in index order, where starting workers costs more
 * than the scan.
 */
export async function withReportSettings<T>(
  db: Kysely<Database>,
  options: { parallel: boolean },
  query: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One statement for the settings: each statement is a round trip (on PGlite, a pass through
    // its protocol layer), and a report reads hundreds of pages.
    await sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
      set_config('max_parallel_workers_per_gather',
        ${options.parallel ? sql`current_setting('max_parallel_workers_per_gather')` : sql`'0'`},
        true)`.execute(trx);
    return query(trx);
  });
}

const countColumns = sql`
  count(*) filter (where class = 'failing')::int as failing,
  count(*) filter (where class = 'at_risk')::int as at_risk,
  count(*) filter (where class = 'verified')::int as verified,
  count(*) filter (where class = 'not_applicable')::int as not_applicable,
  count(*) filter (where class = 'pending')::int as pending`;

/**
 * statusFromOccurrences (control-status.ts) as the least of one number per occurrence: the
 * classes in the order its rules rank them (failing beats at risk beats verified, which makes a
 * control passing; any pending occurrence keeps it from not applicable), then that rank's status
 * as its place in CONTROL_STATUSES. One aggregate per group instead of one per class.
 */
const CLASS_PRECEDENCE = [
  ['failing', 'failing'],
  ['at_risk', 'at_risk'],
  ['verified', 'passing'],
  ['pending', 'no_evidence'],
  ['not_applicable', 'not_applicable'],
] as const satisfies readonly (readonly [string, ControlStatus])[];

const controlSeverity = sql`(array[${sql.join(
  CLASS_PRECEDENCE.map(([, status]) => sql.lit(CONTROL_STATUSES.indexOf(status))),
)}])[min(case class ${sql.join(
  CLASS_PRECEDENCE.map(
    ([occurrenceClass], rank) => sql`when ${sql.lit(occurrenceClass)} then ${sql.lit(rank + 1)}`,
  ),
  sql` `,
)} end)]`;

/** What had been recorded: the last audit entry and the last occurrence event. */
export interface RecordedMarks {
  auditSeq: string;
  eventSeq: string;
}

export interface FrameworkControlRow {
  id: string;
  key: string;
  title: string;
  requirement_keys: string[];
}

export const postureRepository = {
  /**
   * A mark that changes whenever anything is recorded: the latest audit entry (every mutation,
   * including occurrence events, generation and catalogue changes) and the latest occurrence
   * event (also one inserted without the use cases). Both are primary-key look-ups.
   */
  async recordedMark(db: Kysely<Database>): Promise<string> {
    const result = await sql<{ mark: string }>`
      select concat_ws('/', (select max(seq) from audit_events),
        (select max(seq) from occurrence_events)) as mark`.execute(db);
    return result.rows[0]!.mark;
  },

  /**
   * How far the audit chain and the occurrence events go: what has been recorded. The chain's
   * entries are appended one transaction at a time (an advisory lock held to commit), so a
   * transaction committed after these were read always has a later audit entry.
   */
  async recordedMarks(db: Kysely<Database>): Promise<RecordedMarks> {
    const result = await sql<{ audit_seq: string | null; event_seq: string | null }>`
      select (select max(seq) from audit_events)::text as audit_seq,
        (select max(seq) from occurrence_events)::text as event_seq`.execute(db);
    const row = result.rows[0]!;
    return { auditSeq: row.audit_seq ?? '0', eventSeq: row.event_seq ?? '0' };
  },

  /**
   * The earliest instant a fact recorded since `marks` is stamped with (an audited change's
   * instant, an occurrence event's `at`), or null when nothing was recorded since: posture at
   * any instant before it reads the same records as when the marks were taken.
   */
  async earliestRecordedSince(db: Kysely<Database>, marks: RecordedMarks): Promise<Date | null> {
    const result = await sql<{ earliest: Date | null }>`
      select least(
        (select min(occurred_at) from audit_events where seq > ${marks.auditSeq}::bigint),
        (select min(at) from occurrence_events where seq > ${marks.eventSeq}::bigint)
      ) as earliest`.execute(db);
    return result.rows[0]!.earliest;
  },

  /**
   * The controls (retired ones too) mapped to requirements of a framework, with those keys, in
   * the order of their keys (the report's order).
   */
  async frameworkControls(db: Kysely<Database>, frameworkKey: string) {
    const result = await sql<FrameworkControlRow>`
      select c.id, c.key, c.title, array_agg(r.key order by r.position, r.key) as requirement_keys
      from control_requirements cr
      join requirements r on r.id = cr.requirement_id
      join frameworks f on f.id = r.framework_id
      join controls c on c.id = cr.control_id
      where f.key = ${frameworkKey}
      group by c.id, c.key, c.title
      order by c.key`.execute(db);
    return result.rows;
  },

  /** Per control: how many of its current occurrences are in each class at t. */
  async currentCountsByControl(
    db: Kysely<Database>,
    at: Date,
    atRiskUntil: Date,
    lookbacks: ControlLookback[],
  ): Promise<Omit<CurrentCountsRow, 'asset_key'>[]> {
    const [counts] = await postureRepository.currentCountsByControlAt(db, [
      { at, atRiskUntil, lookbacks },
    ]);
    return counts!;
  },

  /**
   * The same counts at several instants in one statement (a history of month ends), in the order
   * of the instants.
   */
  async currentCountsByControlAt(
    db: Kysely<Database>,
    instants: readonly PostureInstant[],
  ): Promise<Omit<CurrentCountsRow, 'asset_key'>[][]> {
    const answers = instants.map(() => [] as Omit<CurrentCountsRow, 'asset_key'>[]);
    if (instants.every((instant) => instant.lookbacks.length === 0)) return answers;
    const query = sql<Omit<CurrentCountsRow, 'asset_key'> & { instant: number }>`
      ${classifiedCurrent(instants)}
      select instant, control_id, ${countColumns}
      from classified
      group by instant, control_id`;
    const rows = await withReportSettings(
      db,
      { parallel: true },
      async (trx) => (await query.execute(trx)).rows,
    );
    for (const { instant, ...counts } of rows) answers[instant]!.push(counts);
    return answers;
  },

  /**
   * Per asset (per-asset occurrences only), worst first then by key (byte order): the status of
   * each of its controls (statusFromOccurrences on that asset's current occurrences of it) and
   * the worst of them. Rolled up in the database, so it sends one row per asset, not one per
   * asset and control; `limit` rows after `after` (keyset), or every asset.
   */
  async assetRollup(
    db: Kysely<Database>,
    options: PostureInstant & { after: AssetRollupCursor | null; limit: number | null },
  ): Promise<AssetRollupRow[]> {
    if (options.lookbacks.length === 0) return [];
    const after = options.after
      ? sql`where (severity, asset_key) >
          (${options.after.severity}::int, ${options.after.assetKey} collate "C")`
      : sql``;
    const limit = options.limit === null ? sql`` : sql`limit ${options.limit}`;
    const controlIds = options.lookbacks.map((lookback) => lookback.controlId);
    const query = sql<AssetRollupRow>`
      ${classifiedCurrent([options])},
      asset_control as (
        select asset_key, control_id, ${controlSeverity} as severity
        from classified
        where asset_key <> ''
        group by instant, control_id, asset_key
      ),
      asset_rollup as (
        -- Controls by their place in the lookbacks (a number, not a join to controls), in no
        -- particular order (an ordered aggregate sorts every asset's few controls on its own).
        -- Keys in byte order ("C"): the sort for the groups compares bytes, not the database's
        -- locale, and it is the list's order.
        select asset_key collate "C" as asset_key, min(severity) as severity,
          json_agg(json_build_array(
            array_position(${sql.val(controlIds)}::uuid[], control_id) - 1, severity)) as controls
        from asset_control
        group by 1
      )
      select *
      from asset_rollup
      ${after}
      order by severity, asset_key
      ${limit}`;
    return withReportSettings(
      db,
      { parallel: true },
      async (trx) => (await query.execute(trx)).rows,
    );
  },

  /**
   * Per control and status, the counts of the framework's report over (dueAfter, dueBy] as of
   * `asOf`: the summary, aggregated in the database without sending the rows.
   */
  async effectivenessCounts(
    db: Kysely<Database>,
    options: { frameworkKey: string; dueAfter: Date; dueBy: Date; asOf: Date },
  ): Promise<EffectivenessCountsRow[]> {
    const query = sql<EffectivenessCountsRow>`
      ${effectivenessRows(
        options.asOf,
        sql`s.control_id in (
          select cr.control_id
          from control_requirements cr
          join requirements r on r.id = cr.requirement_id
          join frameworks f on f.id = r.framework_id
          where f.key = ${options.frameworkKey})
        and s.due_at > ${options.dueAfter.toISOString()}::timestamptz
        and s.due_at <= ${options.dueBy.toISOString()}::timestamptz`,
      )}
      select control_id, status, count(*)::int as occurrences,
        count(*) filter (where missed or late or unverified)::int as with_exceptions,
        count(*) filter (where missed)::int as missed,
        count(*) filter (where late)::int as late,
        count(*) filter (where unverified)::int as unverified,
        count(*) filter (where late_evidence)::int as late_evidence
      from report_row
      group by control_id, status`;
    return withReportSettings(
      db,
      { parallel: true },
      async (trx) => (await query.execute(trx)).rows,
    );
  },

  /**
   * Which of these windows of a control (due in (dueAfter, dueBy]) hold any report row as of
   * `asOf`, by their place in the list: one statement, an index probe each, so that a report
   * reads no page of a control or quarter that has none (a new installation's year, a control
   * generated only lately).
   */
  async windowsWithRows(
    db: Kysely<Database>,
    windows: readonly { controlId: string; dueAfter: Date; dueBy: Date }[],
    asOf: Date,
  ): Promise<Set<number>> {
    if (windows.length === 0) return new Set();
    const values = sql.join(
      windows.map(
        (window, index) =>
          sql`(${index}::int, ${window.controlId}::uuid,
            ${window.dueAfter.toISOString()}::timestamptz, ${window.dueBy.toISOString()}::timestamptz)`,
      ),
    );
    const result = await sql<{ index: number }>`
      select w.index from (values ${values}) as w (index, control_id, due_after, due_by)
      where exists (
        select from occurrence_state s
        where s.control_id = w.control_id and s.due_at > w.due_after and s.due_at <= w.due_by
          and s.generated_at <= ${asOf.toISOString()}::timestamptz)`.execute(db);
    return new Set(result.rows.map((row) => row.index));
  },

  /**
   * One page of a control's report rows due in (dueAfter, dueBy] as of `asOf`, in (deadline,
   * asset, period) order, after `after` (keyset pagination on the occurrence_state_report
   * index, so each page costs the same however far into the report it is).
   */
  async effectivenessPage(
    db: Kysely<Database>,
    options: ControlPageOptions,
  ): Promise<EffectivenessRow[]> {
    const query = sql<EffectivenessRow>`
      ${effectivenessRows(options.asOf, controlPageWhere(options))}
      select ${reportRowColumns}
      from report_row
      order by report_row.due_at, asset_key, period_key
      limit ${options.limit}`;
    return withReportSettings(
      db,
      { parallel: false },
      async (trx) => (await query.execute(trx)).rows,
    );
  },
  /**
   * Report rows of every control for the given assets, due in (dueAfter, dueBy] as of `asOf`, in
   * (asset, deadline, control) order: the maintenance record a process walkthrough lists.
   */
  async assetEffectivenessRows(
    db: Kysely<Database>,
    options: { assetKeys: readonly string[]; dueAfter: Date; dueBy: Date; asOf: Date },
  ): Promise<AssetEffectivenessRow[]> {
    if (options.assetKeys.length === 0) return [];
    const query = sql<AssetEffectivenessRow>`
      ${effectivenessRows(
        options.asOf,
        sql`s.asset_key in (${sql.join(options.assetKeys)})
        and s.due_at > ${options.dueAfter.toISOString()}::timestamptz
        and s.due_at <= ${options.dueBy.toISOString()}::timestamptz`,
      )}
      select c.key as control_key, c.title as control_title, ${reportRowColumns}
      from report_row
      join controls c on c.id = report_row.control_id
      order by asset_key, report_row.due_at, c.key, period_key`;
    return withReportSettings(
      db,
      { parallel: false },
      async (trx) => (await query.execute(trx)).rows,
    );
  },
};
