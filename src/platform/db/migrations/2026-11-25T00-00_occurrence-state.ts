import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// occurrence_state holds, per occurrence with any recorded work, where that work stands after all
// of its events (and how many evidence files it has), so live posture and reports read one narrow
// row instead of aggregating the events. Triggers write it in the same statement as each
// occurrence_events or evidence_files insert, whoever inserts (the use cases, a bulk load, a
// restore), so it cannot drift from the record. occurrence_events stay the record, and
// last_recorded_at says up to when the row summarises them (an answer for an earlier instant falls
// back to the events). Occurrences without any work have no row: not started, no evidence.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('occurrence_state')
    .addColumn('occurrence_id', 'uuid', (c) =>
      c.primaryKey().references('occurrences.id').onDelete('restrict'),
    )
    .addColumn('work_state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`work_state in ('not_started', 'in_progress', 'done', 'verified', 'not_applicable')`,
        ),
    )
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('performer_id', 'text')
    .addColumn('performer_label', 'text')
    .addColumn('verified_at', 'timestamptz')
    .addColumn('verifier_id', 'text')
    .addColumn('verifier_label', 'text')
    .addColumn('not_applicable_at', 'timestamptz')
    .addColumn('evidence_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The fold of one event, in the order events are inserted (their seq order). It mirrors
  // workStateAfter (occurrences/occurrence-status.ts): a start moves not-started work into
  // progress (started_at is the first start, whatever the state then), a completion makes it done, a verification or a rejection applies to done work (a
  // rejection withdraws the completion), not applicable is final. The row is locked by the upsert,
  // so concurrent events on one occurrence are folded one after the other.
  await sql`
    create function occurrence_state_after_event() returns trigger language plpgsql as $$
    declare
      s occurrence_state%rowtype;
    begin
      insert into occurrence_state (occurrence_id, work_state, last_recorded_at)
      values (new.occurrence_id, 'not_started', new.at)
      on conflict (occurrence_id) do nothing;
      select * into s from occurrence_state where occurrence_id = new.occurrence_id for update;
      if new.kind = 'started' then
        s.started_at := coalesce(s.started_at, new.at);
        if s.work_state = 'not_started' then
          s.work_state := 'in_progress';
        end if;
      elsif new.kind = 'completed' then
        s.work_state := 'done';
        s.completed_at := new.at;
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
        s.performer_id := null;
        s.performer_label := null;
      elsif new.kind = 'not_applicable' and s.work_state <> 'not_applicable' then
        s.work_state := 'not_applicable';
        s.not_applicable_at := new.at;
      end if;
      update occurrence_state set
        work_state = s.work_state, started_at = s.started_at, completed_at = s.completed_at,
        performer_id = s.performer_id, performer_label = s.performer_label,
        verified_at = s.verified_at, verifier_id = s.verifier_id,
        verifier_label = s.verifier_label, not_applicable_at = s.not_applicable_at,
        last_recorded_at = greatest(s.last_recorded_at, new.at)
      where occurrence_id = new.occurrence_id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger occurrence_events_state after insert on occurrence_events
    for each row execute function occurrence_state_after_event()`.execute(db);

  await sql`
    create function occurrence_state_after_evidence() returns trigger language plpgsql as $$
    begin
      insert into occurrence_state (occurrence_id, work_state, evidence_count, last_recorded_at)
      values (new.occurrence_id, 'not_started', 1, new.uploaded_at)
      on conflict (occurrence_id) do update set
        evidence_count = occurrence_state.evidence_count + 1,
        last_recorded_at = greatest(occurrence_state.last_recorded_at, new.uploaded_at);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger evidence_files_state after insert on evidence_files
    for each row when (new.occurrence_id is not null)
    execute function occurrence_state_after_evidence()`.execute(db);

  // Backfill from the events in the order they were recorded. The transitions are legal ones
  // (checked when each event was recorded), so the fold reduces to: not applicable and verified
  // are final; a completion stands unless a rejection came after it; a start or a rejected
  // completion leaves the work in progress. started_at is the first start.
  await sql`
    with event_summary as (
      select e.occurrence_id,
        min(e.at) filter (where e.kind = 'started') as started_at,
        max(e.seq) filter (where e.kind = 'completed') as completed_seq,
        max(e.seq) filter (where e.kind = 'rejected') as rejected_seq,
        min(e.seq) filter (where e.kind = 'verified') as verified_seq,
        min(e.at) filter (where e.kind = 'not_applicable') as not_applicable_at,
        max(e.at) as last_event_at
      from occurrence_events e
      group by e.occurrence_id
    ),
    evidence_summary as (
      select f.occurrence_id, count(*)::int as evidence_count, max(f.uploaded_at) as last_upload_at
      from evidence_files f
      where f.occurrence_id is not null
      group by f.occurrence_id
    ),
    summary as (
      select coalesce(es.occurrence_id, ev.occurrence_id) as occurrence_id, es.started_at,
        case when es.completed_seq > coalesce(es.rejected_seq, 0) then es.completed_seq end
          as standing_seq,
        es.completed_seq, es.verified_seq, es.not_applicable_at,
        coalesce(ev.evidence_count, 0) as evidence_count,
        greatest(es.last_event_at, ev.last_upload_at) as last_recorded_at
      from event_summary es
      full join evidence_summary ev on ev.occurrence_id = es.occurrence_id
    )
    insert into occurrence_state (occurrence_id, work_state, started_at, completed_at,
      performer_id, performer_label, verified_at, verifier_id, verifier_label, not_applicable_at,
      evidence_count, last_recorded_at)
    select s.occurrence_id,
      case
        when s.not_applicable_at is not null then 'not_applicable'
        when s.verified_seq is not null then 'verified'
        when s.standing_seq is not null then 'done'
        when s.started_at is not null or s.completed_seq is not null then 'in_progress'
        else 'not_started'
      end,
      s.started_at, completion.at, completion.actor_id, completion.actor_label,
      verification.at, verification.actor_id, verification.actor_label, s.not_applicable_at,
      s.evidence_count, s.last_recorded_at
    from summary s
    left join occurrence_events completion on completion.seq = s.standing_seq
    left join occurrence_events verification on verification.seq = s.verified_seq
  `.execute(db);

  // Reports page through a control's occurrences in (deadline, asset, period) order; this index
  // serves that keyset and everything the (control, deadline) index served.
  await db.schema
    .createIndex('occurrences_control_due_asset_period_idx')
    .on('occurrences')
    .columns(['control_id', 'due_at', 'asset_key', 'period_key'])
    .execute();
  await db.schema.dropIndex('occurrences_control_due_idx').execute();
}
