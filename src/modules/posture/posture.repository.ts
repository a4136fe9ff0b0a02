import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

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

export interface EffectivenessRow {
  id: string;
  control_id: string;
  period_key: string;
  asset_key: string;
  opens_at: Date;
  due_at: Date;
  closes_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  performer: string | null;
  rejected_at: Date | null;
  verified_at: Date | null;
  verifier: string | null;
  not_applicable_at: Date | null;
  evidence_count: number;
}

/**
 * An instant as milliseconds since the epoch: a number the driver reads far faster than a
 * timestamp, which counts when a report returns a million rows of them.
 */
const epochMs = (column: RawBuilder<unknown>) =>
  sql`(extract(epoch from ${column}) * 1000)::float8`;

type EffectivenessRowInEpochMs = {
  [K in keyof EffectivenessRow]: EffectivenessRow[K] extends Date
    ? number
    : EffectivenessRow[K] extends Date | null
      ? number | null
      : EffectivenessRow[K];
};

const lookbackValues = (lookbacks: ControlLookback[]) =>
  sql.join(
    lookbacks.map(
      (lookback) =>
        sql`(${lookback.controlId}::uuid, ${lookback.dueAfter.toISOString()}::timestamptz)`,
    ),
  );

/**
 * Whether an occurrence's stored state (alias `s`, left-joined: null when no work was recorded)
 * is its state at t: it summarises nothing recorded after t.
 */
const stateHolds = (s: RawBuilder<unknown>, t: RawBuilder<unknown>) =>
  sql`(${s}.last_recorded_at is null or ${s}.last_recorded_at <= ${t})`;

/**
 * The work state from an aggregate over an occurrence's events (alias `e`), for an instant the
 * stored state has moved past. With legal transitions this is the fold of workStateAfter:
 * not applicable and verified are final, a completion stands unless rejected after it.
 */
const workStateFromEvents = sql`
  case
    when bool_or(e.kind = 'not_applicable') then 'not_applicable'
    when bool_or(e.kind = 'verified') then 'verified'
    when max(e.at) filter (where e.kind = 'completed')
      > coalesce(max(e.at) filter (where e.kind = 'rejected'), '-infinity') then 'done'
    when bool_or(e.kind in ('started', 'completed')) then 'in_progress'
    else 'not_started'
  end`;

/**
 * The current occurrences at t, each classified (docs/posture.md): an occurrence is current when
 * it existed and had opened by t, and either its deadline is still ahead or it is the latest of
 * its lane (control × asset, or its own trigger event) whose deadline has passed, no older than
 * two of its periods. Its state comes only from what was recorded at or before t.
 */
function classifiedCurrent(
  at: Date,
  atRiskUntil: Date,
  lookbacks: ControlLookback[],
): RawBuilder<unknown> {
  const t = sql`${at.toISOString()}::timestamptz`;
  return sql`
    with lookback(control_id, due_after) as (values ${lookbackValues(lookbacks)}),
    candidate as (
      select o.id, o.control_id, o.asset_key, o.trigger_event_id, o.due_at
      from lookback lb
      join occurrences o on o.control_id = lb.control_id and o.due_at > lb.due_after
      where o.generated_at <= ${t}
        and o.opens_at <= ${t}
        and o.due_at > ${t} - 2 * (o.closes_at - o.due_at)
    ),
    ranked as (
      select c.*,
        row_number() over (
          partition by c.control_id, c.asset_key, c.trigger_event_id, c.due_at <= ${t}
          order by c.due_at desc
        ) as recency
      from candidate c
    ),
    current_occurrence as (
      select r.id, r.control_id, r.asset_key, r.due_at
      from ranked r
      where r.due_at > ${t} or r.recency = 1
    ),
    state as (
      -- The stored state when it summarises nothing recorded after t (always so for "now"):
      -- one narrow row per occurrence. Otherwise that occurrence's events at or before t,
      -- through the (occurrence, at) index; the gate in the lateral's where clause skips the
      -- look-up for every other occurrence.
      select cur.id, cur.control_id, cur.asset_key, cur.due_at,
        case when ${stateHolds(sql`s`, t)} then coalesce(s.work_state, 'not_started')
          else past.work_state end as work_state
      from current_occurrence cur
      left join occurrence_state s on s.occurrence_id = cur.id
      cross join lateral (
        select ${workStateFromEvents} as work_state
        from occurrence_events e
        where s.last_recorded_at > ${t} and e.occurrence_id = cur.id and e.at <= ${t}
      ) past
    ),
    classified as (
      select control_id, asset_key,
        case
          when work_state = 'not_applicable' then 'not_applicable'
          when work_state = 'verified' then 'verified'
          when work_state = 'done' then case when due_at <= ${t} then 'failing' else 'pending' end
          when due_at <= ${t} then 'failing'
          when due_at <= ${atRiskUntil.toISOString()}::timestamptz then 'at_risk'
          else 'pending'
        end as class
      from state
    )`;
}

const countColumns = sql`
  count(*) filter (where class = 'failing')::int as failing,
  count(*) filter (where class = 'at_risk')::int as at_risk,
  count(*) filter (where class = 'verified')::int as verified,
  count(*) filter (where class = 'not_applicable')::int as not_applicable,
  count(*) filter (where class = 'pending')::int as pending`;

export interface FrameworkControlRow {
  id: string;
  key: string;
  title: string;
  requirement_keys: string[];
}

export const postureRepository = {
  /** The controls (retired ones too) mapped to requirements of a framework, with those keys. */
  async frameworkControls(db: Kysely<Database>, frameworkKey: string) {
    const result = await sql<FrameworkControlRow>`
      select c.id, c.key, c.title, array_agg(r.key order by r.position, r.key) as requirement_keys
      from control_requirements cr
      join requirements r on r.id = cr.requirement_id
      join frameworks f on f.id = r.framework_id
      join controls c on c.id = cr.control_id
      where f.key = ${frameworkKey}
      group by c.id, c.key, c.title`.execute(db);
    return result.rows;
  },

  /** Per control: how many of its current occurrences are in each class at t. */
  async currentCountsByControl(
    db: Kysely<Database>,
    at: Date,
    atRiskUntil: Date,
    lookbacks: ControlLookback[],
  ): Promise<Omit<CurrentCountsRow, 'asset_key'>[]> {
    if (lookbacks.length === 0) return [];
    const result = await sql<Omit<CurrentCountsRow, 'asset_key'>>`
      ${classifiedCurrent(at, atRiskUntil, lookbacks)}
      select control_id, ${countColumns}
      from classified
      group by control_id`.execute(db);
    return result.rows;
  },

  /** Per asset and control (per-asset occurrences only): the same counts. */
  async currentCountsByAssetAndControl(
    db: Kysely<Database>,
    at: Date,
    atRiskUntil: Date,
    lookbacks: ControlLookback[],
  ): Promise<CurrentCountsRow[]> {
    if (lookbacks.length === 0) return [];
    const result = await sql<CurrentCountsRow>`
      ${classifiedCurrent(at, atRiskUntil, lookbacks)}
      select asset_key, control_id, ${countColumns}
      from classified
      where asset_key <> ''
      group by asset_key, control_id`.execute(db);
    return result.rows;
  },

  /**
   * Every occurrence due in (dueAfter, dueBy] of a control mapped to a requirement of the
   * framework, that existed by `asOf`, with what its events recorded by `asOf` say: who completed
   * it and when, who verified it, and how many evidence files were attached by then. Events are
   * aggregated once per occurrence and hash-joined (a year of a large register is about a million
   * rows); the performer is the author of the completion that stands, found by its instant.
   */
  async occurrencesDueBetween(
    db: Kysely<Database>,
    options: { frameworkKey: string; dueAfter: Date; dueBy: Date; asOf: Date },
  ): Promise<EffectivenessRow[]> {
    const asOf = sql`${options.asOf.toISOString()}::timestamptz`;
    const query = sql<EffectivenessRowInEpochMs>`
      with framework_control as (
        select cr.control_id
        from control_requirements cr
        join requirements r on r.id = cr.requirement_id
        join frameworks f on f.id = r.framework_id
        where f.key = ${options.frameworkKey}
        group by cr.control_id
      ),
      work as (
        select e.occurrence_id,
          min(e.at) filter (where e.kind = 'started') as started_at,
          max(e.at) filter (where e.kind = 'completed') as completed_at,
          max(e.at) filter (where e.kind = 'rejected') as rejected_at,
          min(e.at) filter (where e.kind = 'verified') as verified_at,
          min(e.actor_label) filter (where e.kind = 'verified') as verifier,
          min(e.at) filter (where e.kind = 'not_applicable') as not_applicable_at
        from occurrence_events e
        where e.at <= ${asOf}
        group by e.occurrence_id
      ),
      evidence as (
        select f.occurrence_id, count(*)::int as evidence_count
        from evidence_files f
        where f.occurrence_id is not null and f.uploaded_at <= ${asOf}
        group by f.occurrence_id
      )
      select o.id, o.control_id, o.period_key, o.asset_key,
        ${epochMs(sql`o.opens_at`)} as opens_at, ${epochMs(sql`o.due_at`)} as due_at,
        ${epochMs(sql`o.closes_at`)} as closes_at, ${epochMs(sql`w.started_at`)} as started_at,
        ${epochMs(sql`w.completed_at`)} as completed_at, performed.actor_label as performer,
        ${epochMs(sql`w.rejected_at`)} as rejected_at, ${epochMs(sql`w.verified_at`)} as verified_at,
        w.verifier, ${epochMs(sql`w.not_applicable_at`)} as not_applicable_at,
        coalesce(evidence.evidence_count, 0) as evidence_count
      from occurrences o
      join framework_control fc on fc.control_id = o.control_id
      join controls c on c.id = o.control_id
      left join work w on w.occurrence_id = o.id
      left join occurrence_events performed on performed.occurrence_id = o.id
        and performed.kind = 'completed' and performed.at = w.completed_at
      left join evidence on evidence.occurrence_id = o.id
      where o.due_at > ${options.dueAfter.toISOString()}::timestamptz
        and o.due_at <= ${options.dueBy.toISOString()}::timestamptz
        and o.generated_at <= ${asOf}
      order by c.key, o.due_at, o.asset_key, o.period_key`;
    // Sorting and hashing a year of occurrences needs more than the default 4 MB of work memory.
    const rows = await db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '64MB'`.execute(trx);
      return (await query.execute(trx)).rows;
    });
    const date = (ms: number | null) => (ms === null ? null : new Date(ms));
    return rows.map((row) => ({
      ...row,
      opens_at: new Date(row.opens_at),
      due_at: new Date(row.due_at),
      closes_at: new Date(row.closes_at),
      started_at: date(row.started_at),
      completed_at: date(row.completed_at),
      rejected_at: date(row.rejected_at),
      verified_at: date(row.verified_at),
      not_applicable_at: date(row.not_applicable_at),
    }));
  },
};
