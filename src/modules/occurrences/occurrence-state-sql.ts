import { sql, type RawBuilder } from 'kysely';

/**
 * workStateAfter and statusFromWorkState (occurrence-status.ts) in SQL, for the queries that
 * decide an occurrence's status where its rows are: the occurrence list filters by status, and
 * posture and reports classify by it.
 */

/**
 * The work state from an aggregate over an occurrence's events (alias `e`), for an instant the
 * stored state has moved past. With legal transitions this is the fold of workStateAfter:
 * not applicable and verified are final, a completion stands unless rejected after it.
 */
export const workStateFromEvents = sql`
  case
    when bool_or(e.kind = 'not_applicable') then 'not_applicable'
    when bool_or(e.kind = 'verified') then 'verified'
    when max(e.at) filter (where e.kind = 'completed')
      > coalesce(max(e.at) filter (where e.kind = 'rejected'), '-infinity') then 'done'
    when bool_or(e.kind in ('started', 'completed')) then 'in_progress'
    else 'not_started'
  end`;

/**
 * The same work state at t from an occurrence_state row `s` alone: its first not-applicable, first
 * verification, one completion and first start. Equal to workStateFromEvents over the events at
 * or before t whenever the row's past_work_from_events is false (migration 2026-12-08T03-00 says
 * why); otherwise read the events.
 */
export const workStateFromInstants = (s: RawBuilder<unknown>, t: RawBuilder<unknown>) => sql`
  case
    when ${s}.not_applicable_at <= ${t} then 'not_applicable'
    when ${s}.verified_at <= ${t} then 'verified'
    when ${s}.completed_at <= ${t} then 'done'
    when ${s}.started_at <= ${t} then 'in_progress'
    else 'not_started'
  end`;

/** statusFromWorkState: the status at t of row `r` (work_state, opens_at, due_at, closes_at). */
export const statusFromWorkStateSql = (r: RawBuilder<unknown>, t: RawBuilder<unknown>) => sql`
  case
    when ${r}.work_state in ('verified', 'done', 'not_applicable') then ${r}.work_state
    when ${t} >= ${r}.closes_at then 'missed'
    when ${t} >= ${r}.due_at then 'overdue'
    when ${r}.work_state = 'in_progress' then 'in_progress'
    when ${t} < ${r}.opens_at then 'upcoming'
    else 'due'
  end`;
