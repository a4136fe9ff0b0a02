import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Posture at a past instant takes each current occurrence's work state at that instant. When the
// occurrence's state row records something after the instant, it used to aggregate the
// occurrence's events up to the instant: an index look-up per occurrence, half the current
// occurrences of a month ago (the work on them was recorded since).
//
// For almost every occurrence the row's own instants already say it: the first start, the one
// completion, the first verification and the first not-applicable. The work at t is then the first
// of not applicable (not_applicable_at ≤ t), verified (verified_at ≤ t), done (completed_at ≤ t),
// in progress (started_at ≤ t) and not started: exactly what the events up to t say. That holds
// unless the events could say something the instants do not keep: a rejection, a second
// completion, verification or not-applicable, a verification recorded while the work was not
// done (the fold ignores it; the events do not), or a start earlier than the first one recorded
// (recorded late, back-dated). past_work_from_events marks those occurrences, kept by the event
// trigger in the same statement; posture reads their events as before.
//
// Every step may run again: occurrence_state can be rebuilt from the events by replaying the
// migrations that define it, this one included.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table occurrence_state
      add column if not exists past_work_from_events boolean not null default false`.execute(db);
  // The same rule over all of an occurrence's events, in any order: what the trigger below
  // leaves after them.
  await sql`
    update occurrence_state s set past_work_from_events = true
    from (
      select e.occurrence_id,
        bool_or(e.kind = 'rejected') as rejected,
        count(*) filter (where e.kind = 'completed') as completions,
        count(*) filter (where e.kind = 'verified') as verifications,
        count(*) filter (where e.kind = 'not_applicable') as not_applicables,
        min(e.at) filter (where e.kind = 'started') as first_started
      from occurrence_events e
      group by e.occurrence_id
    ) h
    where h.occurrence_id = s.occurrence_id
      and not s.past_work_from_events
      and (h.rejected or h.completions > 1 or h.verifications > 1 or h.not_applicables > 1
        or (h.verifications = 1 and s.verified_at is null)
        or s.started_at is distinct from h.first_started)`.execute(db);

  // The fold of one event (2026-12-06T10-10), marking what the instants cannot tell.
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
        if s.started_at > new.at then
          s.past_work_from_events := true;
        end if;
        s.started_at := coalesce(s.started_at, new.at);
        if s.work_state = 'not_started' then
          s.work_state := 'in_progress';
        end if;
      elsif new.kind = 'completed' then
        if s.completed_at is not null then
          s.past_work_from_events := true;
        end if;
        s.work_state := 'done';
        s.completed_at := new.at;
        s.evidenced_at := new.evidenced_at;
        s.performer_id := new.actor_id;
        s.performer_label := new.actor_label;
      elsif new.kind = 'verified' and s.work_state = 'done' and s.verified_at is null then
        s.work_state := 'verified';
        s.verified_at := new.at;
        s.verifier_id := new.actor_id;
        s.verifier_label := new.actor_label;
      elsif new.kind = 'verified' and s.work_state = 'done' then
        s.past_work_from_events := true;
        s.work_state := 'verified';
        s.verified_at := new.at;
        s.verifier_id := new.actor_id;
        s.verifier_label := new.actor_label;
      elsif new.kind = 'verified' then
        s.past_work_from_events := true;
      elsif new.kind = 'rejected' then
        s.past_work_from_events := true;
        if s.work_state = 'done' then
          s.work_state := 'in_progress';
          s.completed_at := null;
          s.evidenced_at := null;
          s.performer_id := null;
          s.performer_label := null;
        end if;
      elsif new.kind = 'not_applicable' then
        if s.not_applicable_at is not null then
          s.past_work_from_events := true;
        end if;
        if s.work_state <> 'not_applicable' then
          s.work_state := 'not_applicable';
          s.not_applicable_at := new.at;
        end if;
      end if;
      update occurrence_state set
        work_state = s.work_state, started_at = s.started_at, completed_at = s.completed_at,
        evidenced_at = s.evidenced_at,
        performer_id = s.performer_id, performer_label = s.performer_label,
        verified_at = s.verified_at, verifier_id = s.verifier_id,
        verifier_label = s.verifier_label, not_applicable_at = s.not_applicable_at,
        last_recorded_at = greatest(s.last_recorded_at, new.at),
        completed_at_iso = occurrence_instant_text(s.completed_at),
        verified_at_iso = occurrence_instant_text(s.verified_at),
        past_work_from_events = s.past_work_from_events
      where occurrence_id = new.occurrence_id;
      return null;
    end
    $$`.execute(db);
}
