import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Late evidence (docs/occurrences.md "Late evidence"): an automatic source (a backup run, later
// scans, alerts, account snapshots) may report a fact long after it happened. The event that
// records it keeps `at` = when Plumbline learnt it (so "as of" answers never change) and gains
// `evidenced_at` = when the fact itself happened. occurrence_state carries the evidenced instant
// of the standing completion, so the effectiveness report tells a late fact (satisfied by late
// evidence) from work done late without reading the events.
//
// nonconformance_occurrences: every missed occurrence a missed-work nonconformance stands for.
// The first miss of a streak raises the nonconformance; the later misses of the same control and
// asset attach to it while it is open, instead of raising one per missed day.
//
// Every step may run again (if not exists, on conflict): occurrence_state can be rebuilt from the
// events by replaying the migrations that define it, this one included.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table occurrence_events add column if not exists evidenced_at timestamptz`.execute(
    db,
  );
  await sql`alter table occurrence_state add column if not exists evidenced_at timestamptz`.execute(
    db,
  );
  await sql`
    update occurrence_state s set evidenced_at = e.evidenced_at
    from occurrence_events e
    where e.occurrence_id = s.occurrence_id and e.kind = 'completed' and e.at = s.completed_at
      and e.evidenced_at is not null`.execute(db);

  // The fold of one event (2026-12-03T05-00), with the evidenced instant of the completion.
  await sql`
    create or replace function occurrence_state_after_event() returns trigger
    language plpgsql as $$
    declare
      s occurrence_state%rowtype;
    begin
      select * into s from occurrence_state where occurrence_id = new.occurrence_id for update;
      if not found then
        raise exception 'occurrence % has no occurrence_state row', new.occurrence_id;
      end if;
      if new.kind = 'started' then
        s.started_at := coalesce(s.started_at, new.at);
        if s.work_state = 'not_started' then
          s.work_state := 'in_progress';
        end if;
      elsif new.kind = 'completed' then
        s.work_state := 'done';
        s.completed_at := new.at;
        s.evidenced_at := new.evidenced_at;
        s.performer_id := new.actor_id;
        s.performer_label := new.actor_label;
      elsif new.kind = 'verified' and s.work_state = 'done' then
        s.work_state := 'verified';
        s.verified_at := new.at;
        s.verifier_id := new.actor_id;
        s.verifier_label := new.actor_label;
      elsif new.kind = 'rejected' and s.work_state = 'done' then
        s.work_state := 'in_progress';
        s.completed_at := null;
        s.evidenced_at := null;
        s.performer_id := null;
        s.performer_label := null;
      elsif new.kind = 'not_applicable' and s.work_state <> 'not_applicable' then
        s.work_state := 'not_applicable';
        s.not_applicable_at := new.at;
      end if;
      update occurrence_state set
        work_state = s.work_state, started_at = s.started_at, completed_at = s.completed_at,
        evidenced_at = s.evidenced_at,
        performer_id = s.performer_id, performer_label = s.performer_label,
        verified_at = s.verified_at, verifier_id = s.verifier_id,
        verifier_label = s.verifier_label, not_applicable_at = s.not_applicable_at,
        last_recorded_at = greatest(s.last_recorded_at, new.at),
        completed_at_iso = occurrence_instant_text(s.completed_at),
        verified_at_iso = occurrence_instant_text(s.verified_at)
      where occurrence_id = new.occurrence_id;
      return null;
    end
    $$`.execute(db);

  await db.schema
    .createTable('nonconformance_occurrences')
    .ifNotExists()
    .addColumn('occurrence_id', 'uuid', (col) => col.primaryKey().references('occurrences.id'))
    .addColumn('nonconformance_id', 'uuid', (col) => col.notNull().references('nonconformances.id'))
    .addColumn('control_key', 'text', (col) => col.notNull())
    .addColumn('asset_key', 'text', (col) => col.notNull())
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('attached_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('nonconformance_occurrences_nonconformance_idx')
    .ifNotExists()
    .on('nonconformance_occurrences')
    .columns(['nonconformance_id'])
    .execute();
  await db.schema
    .createIndex('nonconformance_occurrences_lane_idx')
    .ifNotExists()
    .on('nonconformance_occurrences')
    .columns(['control_key', 'asset_key', 'due_at'])
    .execute();
  // Every nonconformance raised so far stands for the one occurrence that raised it.
  await sql`
    insert into nonconformance_occurrences (occurrence_id, nonconformance_id, control_key,
      asset_key, due_at, attached_at)
    select o.id, n.id, c.key, o.asset_key, o.due_at, n.raised_at
    from nonconformances n
    join occurrences o on o.id = n.source_id
    join controls c on c.id = o.control_id
    where n.source_type = 'occurrence'
    on conflict do nothing`.execute(db);
}
