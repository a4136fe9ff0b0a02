import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The posture counts' trigger on new occurrences (2026-12-03T04-00) looked up, for every inserted
// occurrence, its successor, its predecessor and the predecessor's former and present successors:
// about six index probes per row. Worse, PL/pgSQL planned that statement once per session and
// kept the plan: planned when the tables were still small (the first generation of an
// installation, or early in a server's life), it went on scanning them whole as they grew, so
// generating a year for 2,000 assets on PGlite took 934 s and an hour's generation in the same
// session minutes.
//
// The same counts, per lane (control × asset × trigger event) instead of per row: the lanes of the
// statement's occurrences, and in each one the rows from the occurrence before its first new one
// to the occurrence after its last new one (one probe each way and one range of the lane index).
// Within that span, window functions give every occurrence its successor now and, for those that
// existed before the statement, the successor it had then. A new occurrence is counted with its
// successor; an existing one whose successor changed moves from its former group to its new one
// (with its work state). The statement is planned each time (EXECUTE), for the data at hand.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function posture_counts_after_occurrences() returns trigger
    language plpgsql as $function$
    begin
      if not exists (select from inserted) then
        return null;
      end if;
      execute $statement$
        with lanes as materialized (
          select n.control_id, n.asset_key, n.trigger_event_id, min(n.due_at) as first_due,
            max(n.due_at) as last_due
          from inserted n
          group by n.control_id, n.asset_key, n.trigger_event_id
        ),
        lane_rows as (
          select o.id, o.control_id, o.asset_key, o.trigger_event_id, o.due_at, o.opens_at,
            o.closes_at, o.generated_at, o.id in (select i.id from inserted i) as new
          from lanes l
          cross join lateral (
            select
              coalesce((select p.due_at from occurrences p
                where p.control_id = l.control_id and p.asset_key = l.asset_key
                  and p.trigger_event_id is not distinct from l.trigger_event_id
                  and p.due_at < l.first_due
                order by p.due_at desc limit 1), l.first_due) as from_due,
              coalesce((select s.due_at from occurrences s
                where s.control_id = l.control_id and s.asset_key = l.asset_key
                  and s.trigger_event_id is not distinct from l.trigger_event_id
                  and s.due_at > l.last_due
                order by s.due_at limit 1), l.last_due) as to_due
            offset 0
          ) span
          cross join lateral (
            select o.* from occurrences o
            where o.control_id = l.control_id and o.asset_key = l.asset_key
              and o.trigger_event_id is not distinct from l.trigger_event_id
              and o.due_at >= span.from_due and o.due_at <= span.to_due
            offset 0
          ) o
        ),
        successors as (
          select r.*,
            first_value(r.due_at) over later as now_due,
            first_value(r.closes_at) over later as now_closes,
            first_value(r.generated_at) over later as now_generated,
            first_value(r.due_at) over later_of_kind as former_due,
            first_value(r.closes_at) over later_of_kind as former_closes
          from lane_rows r
          window
            later as (partition by r.control_id, r.asset_key, r.trigger_event_id
              order by r.due_at range between current row and unbounded following exclude group),
            later_of_kind as (partition by r.control_id, r.asset_key, r.trigger_event_id, r.new
              order by r.due_at range between current row and unbounded following exclude group)
        ),
        deltas as (
          select s.control_id, s.due_at, s.opens_at, s.closes_at,
            coalesce(s.now_due, 'infinity') as successor_due_at,
            coalesce(s.now_closes, 'infinity') as successor_closes_at,
            'not_started' as work_state, 1 as delta,
            greatest(s.generated_at, s.now_generated) as recorded_through
          from successors s
          where s.new
          union all
          select s.control_id, s.due_at, s.opens_at, s.closes_at, moved.successor_due_at,
            moved.successor_closes_at, coalesce(st.work_state, 'not_started'), moved.delta,
            greatest(s.generated_at, st.last_recorded_at, s.now_generated)
          from successors s
          left join occurrence_state st on st.occurrence_id = s.id
          cross join lateral (
            values
              (coalesce(s.former_due, 'infinity'), coalesce(s.former_closes, 'infinity'), -1),
              (coalesce(s.now_due, 'infinity'), coalesce(s.now_closes, 'infinity'), 1)
          ) moved (successor_due_at, successor_closes_at, delta)
          where not s.new
            and coalesce(s.former_due, 'infinity') <> coalesce(s.now_due, 'infinity')
        )
        insert into posture_counts as pc (control_id, due_at, opens_at, closes_at,
          successor_due_at, successor_closes_at, work_state, occurrences, recorded_through)
        select d.control_id, d.due_at, d.opens_at, d.closes_at, d.successor_due_at,
          d.successor_closes_at, d.work_state, sum(d.delta)::int, max(d.recorded_through)
        from deltas d
        group by 1, 2, 3, 4, 5, 6, 7
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict (control_id, due_at, opens_at, closes_at, successor_due_at,
          successor_closes_at, work_state)
        do update set occurrences = pc.occurrences + excluded.occurrences,
          recorded_through = greatest(pc.recorded_through, excluded.recorded_through)
      $statement$;
      return null;
    end
    $function$`.execute(db);
}
