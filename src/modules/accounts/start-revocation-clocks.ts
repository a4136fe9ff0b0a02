import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Clock } from '../../platform/clock.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvents,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrencesWithEvidence } from '../occurrences/satisfy-with-evidence.js';
import { accountsRepository } from './accounts.repository.js';
import {
  clockStop,
  REVOCATION_DEADLINE_MS,
  REVOCATION_TRIGGERS,
  type RevocationOutcome,
  type RevocationReason,
} from './revocation-clock.js';

/** A person who left (`leaver`) or changed role (`mover`) at `at`. */
export interface RevocationChange {
  personId: string;
  personLabel: string;
  reason: RevocationReason;
  at: Date;
}

export interface StartedRevocationClocks {
  /** Clocks started now (one per account each person holds). */
  started: number;
  /** Of those, how many were stopped at once: the account was already disabled. */
  alreadyStopped: number;
}

/** People whose clocks are started per `INSERT … SELECT` (four parameters each). */
const CHANGE_BATCH = 1000;

/**
 * Starts a 24-hour clock on every account each person still holds, because they left (`leaver`)
 * or changed role (`mover`) at `at`. Each clock records the catalogue's trigger event
 * (employee-departed or role-changed) for the account's system, which opens the revocation
 * control's occurrence due 24 hours later. An account already disabled stops its clock at once
 * (met). Set-based, whatever the number of people: per 1,000 people one statement starts their
 * clocks, the trigger events and occurrences are recorded 500 a few statements per system, and
 * every clock gets its own `revocation-clock.started` audit entry in one append. Runs in the
 * caller's transaction; idempotent for the same person, account, reason and instant.
 */
export async function startRevocationClocks(
  tx: AuditedTransaction,
  deps: { clock: Clock },
  changes: readonly RevocationChange[],
): Promise<StartedRevocationClocks> {
  const result: StartedRevocationClocks = { started: 0, alreadyStopped: 0 };
  // What a trigger event of each type starts for each system, read once per system and type.
  const prepared = new Map<string, PreparedTriggerEvent>();
  for (let index = 0; index < changes.length; index += CHANGE_BATCH) {
    const batch = changes.slice(index, index + CHANGE_BATCH);
    const labels = new Map(batch.map((change) => [change.personId, change.personLabel]));
    const clocks = await accountsRepository.insertClocksOfPeople(
      tx.trx,
      batch.map((change) => ({
        personId: change.personId,
        reason: change.reason,
        startedAt: change.at,
        dueAt: new Date(change.at.getTime() + REVOCATION_DEADLINE_MS),
      })),
      tx.now,
    );
    if (clocks.length === 0) continue;
    result.started += clocks.length;

    const groups = new Map<string, typeof clocks>();
    for (const clock of clocks) {
      const key = `${clock.asset_key}\u0000${clock.reason}`;
      const group = groups.get(key);
      if (group) group.push(clock);
      else groups.set(key, [clock]);
    }
    const occurrenceOf = new Map<string, string | null>();
    for (const [key, group] of groups) {
      const { asset_key: asset, reason } = group[0]!;
      const { trigger } = REVOCATION_TRIGGERS[reason as RevocationReason];
      if (!prepared.has(key)) {
        prepared.set(
          key,
          await prepareTriggerEvent(
            { db: tx.trx, clock: deps.clock },
            { type: trigger, asset, at: group[0]!.started_at.toISOString(), details: {} },
          ),
        );
      }
      const recorded = await recordPreparedTriggerEvents(
        tx,
        prepared.get(key)!,
        group.map((clock) => ({
          type: trigger,
          asset,
          at: clock.started_at.toISOString(),
          externalId: `revocation-clock:${clock.id}`,
          details: {
            person: labels.get(clock.person_id)!,
            account: clock.username,
            reason: clock.reason,
          },
        })),
      );
      group.forEach((clock, position) =>
        occurrenceOf.set(clock.id, recorded[position]!.occurrenceIds[0] ?? null),
      );
    }
    await accountsRepository.setClockOccurrences(
      tx.trx,
      clocks.flatMap((clock) => {
        const occurrenceId = occurrenceOf.get(clock.id) ?? null;
        return occurrenceId === null ? [] : [{ clockId: clock.id, occurrenceId }];
      }),
    );
    await tx.auditMany(
      clocks.map((clock) => ({
        action: 'revocation-clock.started',
        entityType: 'revocation_clock',
        entityId: clock.id,
        after: {
          reason: clock.reason,
          person: labels.get(clock.person_id)!,
          asset: clock.asset_key,
          account: clock.username,
          startedAt: clock.started_at.toISOString(),
          dueAt: clock.due_at.toISOString(),
          control: REVOCATION_TRIGGERS[clock.reason as RevocationReason].control,
        },
      })),
    );
    const disabled = clocks.filter((clock) => clock.disabled);
    result.alreadyStopped += disabled.length;
    await stopRevocationClocks(
      tx,
      disabled.map((clock) => ({
        clock: {
          id: clock.id,
          reason: clock.reason as RevocationReason,
          startedAt: clock.started_at,
          dueAt: clock.due_at,
          occurrenceId: occurrenceOf.get(clock.id) ?? null,
        },
        seenAt: clock.disabled_since ?? clock.started_at,
        snapshotId: null,
        account: `${clock.asset_key}/${clock.username}`,
      })),
    );
  }
  return result;
}

/** One clock to stop: a snapshot (or the account as it stood) showed the account revoked. */
export interface RevocationStop {
  clock: {
    id: string;
    reason: RevocationReason;
    startedAt: Date;
    dueAt: Date;
    occurrenceId: string | null;
  };
  seenAt: Date;
  snapshotId: string | null;
  /** `system/username`, for the audit entry and the occurrence's note. */
  account: string;
}

/**
 * Stops clocks at the instant a snapshot showed each account revoked (never before the clock
 * started), with a `revocation-clock.stopped` audit entry per clock. When a clock met the
 * deadline its occurrence is completed and verified in the same transaction, with the measured
 * time in its note and the stop as the instant of the fact (satisfyOccurrencesWithEvidence: an
 * occurrence someone already finished is left as it is). A missed clock leaves its occurrence to
 * become overdue and missed from its own window. A few statements per 1,000 clocks.
 */
export async function stopRevocationClocks(
  tx: AuditedTransaction,
  stops: readonly RevocationStop[],
): Promise<RevocationOutcome[]> {
  if (stops.length === 0) return [];
  const decided = stops.map((stop) => {
    const { stoppedAt, outcome } = clockStop(stop.clock, stop.seenAt);
    const hours = ((stoppedAt.getTime() - stop.clock.startedAt.getTime()) / 3_600_000).toFixed(1);
    return { stop, stoppedAt, outcome, hours };
  });
  await accountsRepository.stopClocks(
    tx.trx,
    decided.map(({ stop, stoppedAt, outcome }) => ({
      clockId: stop.clock.id,
      stoppedAt,
      snapshotId: stop.snapshotId,
      outcome,
    })),
  );
  await tx.auditMany(
    decided.map(({ stop, stoppedAt, outcome, hours }) => ({
      action: 'revocation-clock.stopped',
      entityType: 'revocation_clock',
      entityId: stop.clock.id,
      after: {
        account: stop.account,
        stoppedAt: stoppedAt.toISOString(),
        snapshotId: stop.snapshotId,
        outcome,
        hours: Number(hours),
      },
    })),
  );
  await satisfyOccurrencesWithEvidence(
    tx,
    decided.flatMap(({ stop, stoppedAt, outcome, hours }) =>
      outcome === 'met' && stop.clock.occurrenceId !== null
        ? [
            {
              occurrenceId: stop.clock.occurrenceId,
              instant: stoppedAt,
              note: `Account ${stop.account} revoked ${hours} h after the ${stop.clock.reason === 'leaver' ? 'departure' : 'role change'} (seen ${stoppedAt.toISOString()})`,
            },
          ]
        : [],
    ),
  );
  return decided.map(({ outcome }) => outcome);
}
