import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ControlLookback, CurrentCountsRow } from './posture.repository.js';

type ControlCountsRow = Omit<CurrentCountsRow, 'asset_key'>;

/**
 * Live posture from posture_counts (migration 2026-12-03T04-00): the same per-control counts as
 * postureRepository.currentCountsByControl, read from the counted groups of the controls'
 * recent deadlines (a few rows per control and period) instead of from every current occurrence.
 */
export const postureCountsRepository = {
  /**
   * Per control: how many current occurrences are in each class at t, or null when the counts
   * cannot say what the records said at t, and the occurrences must be classified one by one:
   * - a group counts a fact recorded after t (an event, or generation of an occurrence or of its
   *   successor): the counts describe a later state than t's;
   * - an occurrence whose deadline has passed within its grace is followed in its lane by one
   *   whose deadline has passed beyond its own grace (possible only after a control's grace was
   *   changed): whether it is the latest current one of its lane depends on occurrences further on.
   * Otherwise an occurrence is current at t (as in docs/posture.md) when it has opened and its
   * deadline is ahead, or its deadline passed less than two graces ago and its lane's next
   * deadline (its successor's) is still ahead; and it is classified as the reference query does.
   */
  async currentCountsByControl(
    db: Kysely<Database>,
    at: Date,
    atRiskUntil: Date,
    lookbacks: ControlLookback[],
  ): Promise<ControlCountsRow[] | null> {
    if (lookbacks.length === 0) return [];
    const t = sql`${at.toISOString()}::timestamptz`;
    const lookbackRows = sql.join(
      lookbacks.map(
        (lookback) =>
          sql`(${lookback.controlId}::uuid, ${lookback.dueAfter.toISOString()}::timestamptz)`,
      ),
    );
    const result = await sql<ControlCountsRow & { exact: boolean }>`
      with lookback(control_id, due_after) as (values ${lookbackRows}),
      grouped as (
        select pc.*,
          pc.due_at <= ${t} and pc.due_at > ${t} - 2 * (pc.closes_at - pc.due_at) as within_grace,
          case when pc.successor_due_at <= ${t}
            then pc.successor_due_at <= ${t} - 2 * (pc.successor_closes_at - pc.successor_due_at)
            else false end as successor_beyond_grace
        from lookback lb
        join posture_counts pc on pc.control_id = lb.control_id and pc.due_at > lb.due_after
      ),
      classified as (
        select control_id, occurrences,
          recorded_through <= ${t}
            and not (opens_at <= ${t} and within_grace and successor_beyond_grace) as exact,
          case
            when not (opens_at <= ${t}
              and (due_at > ${t} or (within_grace and successor_due_at > ${t}))) then null
            when work_state = 'not_applicable' then 'not_applicable'
            when work_state = 'verified' then 'verified'
            when work_state = 'done' then case when due_at <= ${t} then 'failing' else 'pending' end
            when due_at <= ${t} then 'failing'
            when due_at <= ${atRiskUntil.toISOString()}::timestamptz then 'at_risk'
            else 'pending'
          end as class
        from grouped
      )
      select control_id,
        coalesce(sum(occurrences) filter (where class = 'failing'), 0)::int as failing,
        coalesce(sum(occurrences) filter (where class = 'at_risk'), 0)::int as at_risk,
        coalesce(sum(occurrences) filter (where class = 'verified'), 0)::int as verified,
        coalesce(sum(occurrences) filter (where class = 'not_applicable'), 0)::int
          as not_applicable,
        coalesce(sum(occurrences) filter (where class = 'pending'), 0)::int as pending,
        bool_and(exact) as exact
      from classified
      group by control_id`.execute(db);
    if (result.rows.some((row) => !row.exact)) return null;
    return result.rows.map(({ exact: _exact, ...counts }) => counts);
  },
};
