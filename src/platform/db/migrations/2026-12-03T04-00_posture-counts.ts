import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// posture_counts lets live posture read about a thousand rows instead of classifying the ~140,000
// current occurrences of a large register. It counts occurrences per group of what decides whether
// an occurrence is current at an instant and how it is classified then: its control, window
// (opens, due, closes), the deadline and close of the next occurrence of its lane (control ×
// asset × trigger event; 'infinity' when there is none yet) and its work state. The status still
// depends on the instant (due soon, overdue), so the counts are classified when read.
// recorded_through is the latest instant any fact counted in the group was recorded (generation of
// the occurrence or of its successor, its latest event): an answer for an instant before that
// cannot come from the counts and is computed from the records instead.
//
// Triggers keep the counts in the statement that changes what they count, whoever writes
// (generation, the use cases, a bulk load, a restore): a statement inserting occurrences adds them
// and moves the occurrence before each in its lane to its new successor; occurrence_state moving
// to another work state moves its occurrence to that state's group (applied once per statement
// inserting events).
export async function up(db: Kysely<any>): Promise<void> {
  // The lane look-ups: the next (or previous) occurrence of a control × asset by deadline.
  await db.schema
    .createIndex('occurrences_lane_due_idx')
    .on('occurrences')
    .columns(['control_id', 'asset_key', 'due_at'])
    .execute();

  await sql`
    create table posture_counts (
      control_id uuid not null references controls (id) on delete restrict,
      due_at timestamptz not null,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      successor_due_at timestamptz not null,
      successor_closes_at timestamptz not null,
      work_state text not null,
      occurrences integer not null,
      recorded_through timestamptz not null,
      primary key (control_id, due_at, opens_at, closes_at, successor_due_at,
        successor_closes_at, work_state)
    )`.execute(db);

  // Adds a set of deltas to the counts, in key order so that two transactions lock the rows they
  // share in the same order.
  await sql`
    create function posture_counts_apply(deltas jsonb) returns void language sql as $$
      insert into posture_counts as pc (control_id, due_at, opens_at, closes_at,
        successor_due_at, successor_closes_at, work_state, occurrences, recorded_through)
      select d.control_id, d.due_at, d.opens_at, d.closes_at, d.successor_due_at,
        d.successor_closes_at, d.work_state, sum(d.delta)::int, max(d.recorded_through)
      from jsonb_to_recordset(deltas) as d(control_id uuid, due_at timestamptz,
        opens_at timestamptz, closes_at timestamptz, successor_due_at timestamptz,
        successor_closes_at timestamptz, work_state text, delta int, recorded_through timestamptz)
      group by 1, 2, 3, 4, 5, 6, 7
      order by 1, 2, 3, 4, 5, 6, 7
      on conflict (control_id, due_at, opens_at, closes_at, successor_due_at,
        successor_closes_at, work_state)
      do update set occurrences = pc.occurrences + excluded.occurrences,
        recorded_through = greatest(pc.recorded_through, excluded.recorded_through)
    $$`.execute(db);

  await sql`
    create function posture_counts_after_occurrences() returns trigger language plpgsql as $$
    begin
      perform posture_counts_apply(coalesce(jsonb_agg(d), '[]'::jsonb)) from (
        -- Each new occurrence, not started, in the group of its successor.
        select n.control_id, n.due_at, n.opens_at, n.closes_at,
          coalesce(s.due_at, 'infinity') as successor_due_at,
          coalesce(s.closes_at, 'infinity') as successor_closes_at, 'not_started' as work_state,
          1 as delta, greatest(n.generated_at, s.generated_at) as recorded_through
        from inserted n
        left join lateral (
          select o.due_at, o.closes_at, o.generated_at from occurrences o
          where o.control_id = n.control_id and o.asset_key = n.asset_key
            and o.trigger_event_id is not distinct from n.trigger_event_id and o.due_at > n.due_at
          order by o.due_at
          limit 1) s on true
        union all
        -- The occurrence before a new one in its lane, if it existed before this statement:
        -- out of the group of its former successor, into the group of its new one.
        select p.control_id, p.due_at, p.opens_at, p.closes_at, moved.successor_due_at,
          moved.successor_closes_at, coalesce(st.work_state, 'not_started'), moved.delta,
          greatest(p.recorded_through, st.last_recorded_at, now_successor.generated_at)
        from (
          select o.id, o.control_id, o.asset_key, o.trigger_event_id, o.due_at, o.opens_at,
            o.closes_at, greatest(max(n.generated_at), o.generated_at) as recorded_through
          from inserted n
          cross join lateral (
            select o.* from occurrences o
            where o.control_id = n.control_id and o.asset_key = n.asset_key
              and o.trigger_event_id is not distinct from n.trigger_event_id
              and o.due_at < n.due_at
            order by o.due_at desc
            limit 1) o
          where o.id not in (select i.id from inserted i)
          group by o.id, o.control_id, o.asset_key, o.trigger_event_id, o.due_at, o.opens_at,
            o.closes_at, o.generated_at
        ) p
        left join occurrence_state st on st.occurrence_id = p.id
        cross join lateral (
          select coalesce(min(o.due_at), 'infinity') as due_at
          from occurrences o
          where o.control_id = p.control_id and o.asset_key = p.asset_key
            and o.trigger_event_id is not distinct from p.trigger_event_id
            and o.due_at > p.due_at and o.id not in (select i.id from inserted i)
        ) former
        cross join lateral (
          select coalesce(x.due_at, 'infinity') as due_at,
            coalesce(x.closes_at, 'infinity') as closes_at, x.generated_at
          from (select 1) one
          left join lateral (
            select o.due_at, o.closes_at, o.generated_at from occurrences o
            where o.control_id = p.control_id and o.asset_key = p.asset_key
              and o.trigger_event_id is not distinct from p.trigger_event_id
              and o.due_at > p.due_at
            order by o.due_at
            limit 1) x on true
        ) now_successor
        cross join lateral (
          select former.due_at as successor_due_at,
            coalesce((select o.closes_at from occurrences o
              where o.control_id = p.control_id and o.asset_key = p.asset_key
                and o.trigger_event_id is not distinct from p.trigger_event_id
                and o.due_at = former.due_at limit 1), 'infinity') as successor_closes_at,
            -1 as delta
          union all
          select now_successor.due_at, now_successor.closes_at, 1
        ) moved
        where former.due_at <> now_successor.due_at
      ) d;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger occurrences_posture_counts after insert on occurrences
    referencing new table as inserted
    for each statement execute function posture_counts_after_occurrences()`.execute(db);

  // A change of work state is noted as two deltas (out of the former state's count, into the new
  // one's) and the deltas are added to the counts once per statement inserting events: a bulk
  // load of events then updates each count once, not once per event (repeated updates of one row
  // in one transaction cost more with every version).
  await sql`
    create table posture_count_deltas (
      control_id uuid not null,
      due_at timestamptz not null,
      opens_at timestamptz not null,
      closes_at timestamptz not null,
      successor_due_at timestamptz not null,
      successor_closes_at timestamptz not null,
      work_state text not null,
      delta integer not null,
      recorded_through timestamptz not null
    )`.execute(db);
  await sql`
    create function posture_counts_after_state() returns trigger language plpgsql as $$
    declare
      o occurrences%rowtype;
      s record;
      former_state text;
      through timestamptz;
    begin
      former_state := case when tg_op = 'INSERT' then 'not_started' else old.work_state end;
      select * into o from occurrences where id = new.occurrence_id;
      -- The next occurrence of its lane (written out so that PL/pgSQL keeps the plan).
      select x.due_at, x.closes_at, x.generated_at into s
      from occurrences x
      where x.control_id = o.control_id and x.asset_key = o.asset_key
        and x.trigger_event_id is not distinct from o.trigger_event_id and x.due_at > o.due_at
      order by x.due_at
      limit 1;
      if not found then
        select 'infinity'::timestamptz as due_at, 'infinity'::timestamptz as closes_at,
          null::timestamptz as generated_at into s;
      end if;
      through := greatest(new.last_recorded_at, o.generated_at, s.generated_at);
      insert into posture_count_deltas (control_id, due_at, opens_at, closes_at,
        successor_due_at, successor_closes_at, work_state, delta, recorded_through)
      values (o.control_id, o.due_at, o.opens_at, o.closes_at, s.due_at, s.closes_at,
          former_state, -1, through),
        (o.control_id, o.due_at, o.opens_at, o.closes_at, s.due_at, s.closes_at,
          new.work_state, 1, through);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger occurrence_state_posture_counts_insert after insert on occurrence_state
    for each row when (new.work_state <> 'not_started')
    execute function posture_counts_after_state()`.execute(db);
  await sql`
    create trigger occurrence_state_posture_counts_update after update on occurrence_state
    for each row when (old.work_state is distinct from new.work_state)
    execute function posture_counts_after_state()`.execute(db);
  // After the row triggers that fold each event into occurrence_state (and note the deltas).
  await sql`
    create function posture_counts_after_events() returns trigger language plpgsql as $$
    begin
      perform posture_counts_apply(coalesce(jsonb_agg(d), '[]'::jsonb))
      from (
        select control_id, due_at, opens_at, closes_at, successor_due_at, successor_closes_at,
          work_state, sum(delta)::int as delta, max(recorded_through) as recorded_through
        from posture_count_deltas
        group by 1, 2, 3, 4, 5, 6, 7
      ) d;
      -- Only this transaction's deltas are visible, and they are all applied above.
      delete from posture_count_deltas;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger occurrence_events_posture_counts after insert on occurrence_events
    for each statement execute function posture_counts_after_events()`.execute(db);

  // Backfill from the occurrences and their states as they stand.
  await sql`
    insert into posture_counts (control_id, due_at, opens_at, closes_at, successor_due_at,
      successor_closes_at, work_state, occurrences, recorded_through)
    select l.control_id, l.due_at, l.opens_at, l.closes_at,
      coalesce(l.successor_due_at, 'infinity'), coalesce(l.successor_closes_at, 'infinity'),
      coalesce(s.work_state, 'not_started'), count(*)::int,
      max(greatest(l.generated_at, l.successor_generated_at, s.last_recorded_at))
    from (
      select o.id, o.control_id, o.due_at, o.opens_at, o.closes_at, o.generated_at,
        lead(o.due_at) over lane as successor_due_at,
        lead(o.closes_at) over lane as successor_closes_at,
        lead(o.generated_at) over lane as successor_generated_at
      from occurrences o
      window lane as (partition by o.control_id, o.asset_key, o.trigger_event_id order by o.due_at)
    ) l
    left join occurrence_state s on s.occurrence_id = l.id
    group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
}
