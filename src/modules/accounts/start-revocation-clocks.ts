import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Clock } from '../../platform/clock.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { accountsRepository } from './accounts.repository.js';
import {
  clockStop,
  REVOCATION_DEADLINE_MS,
  REVOCATION_TRIGGERS,
  type RevocationReason,
} from './revocation-clock.js';

export interface StartedRevocationClocks {
  /** Clocks started now (one per account the person holds). */
  started: number;
  /** Of those, how many were stopped at once: the account was already disabled. */
  alreadyStopped: number;
}

/**
 * Starts a 24-hour clock on every account a person still holds, because they left (`leaver`) or
 * changed role (`mover`) at `at`. Each clock records the catalogue's trigger event (employee-departed
 * or role-changed) for the account's system, which opens the revocation control's occurrence due
 * 24 hours later. An account already disabled stops its clock at once (met). Runs in the caller's
 * transaction; idempotent for the same person, account, reason and instant.
 */
export async function startRevocationClocks(
  tx: AuditedTransaction,
  deps: { clock: Clock },
  change: { personId: string; personLabel: string; reason: RevocationReason; at: Date },
): Promise<StartedRevocationClocks> {
  const accounts = await accountsRepository.presentAccountsOfPerson(tx.trx, change.personId);
  const { trigger, control } = REVOCATION_TRIGGERS[change.reason];
  const dueAt = new Date(change.at.getTime() + REVOCATION_DEADLINE_MS);
  const result: StartedRevocationClocks = { started: 0, alreadyStopped: 0 };
  for (const account of accounts) {
    const clockId = await accountsRepository.insertClock(tx.trx, {
      personId: change.personId,
      accountId: account.id,
      reason: change.reason,
      startedAt: change.at,
      dueAt,
      now: tx.now,
    });
    if (clockId === null) continue;
    result.started += 1;
    const prepared = await prepareTriggerEvent(
      { db: tx.trx, clock: deps.clock },
      {
        type: trigger,
        asset: account.asset_key,
        at: change.at.toISOString(),
        externalId: `revocation-clock:${clockId}`,
        details: { person: change.personLabel, account: account.username, reason: change.reason },
      },
    );
    const recorded = await recordPreparedTriggerEvent(tx, prepared);
    const occurrenceId = recorded.occurrenceIds[0] ?? null;
    await accountsRepository.setClockOccurrence(tx.trx, clockId, occurrenceId);
    await tx.audit({
      action: 'revocation-clock.started',
      entityType: 'revocation_clock',
      entityId: clockId,
      after: {
        reason: change.reason,
        person: change.personLabel,
        asset: account.asset_key,
        account: account.username,
        startedAt: change.at.toISOString(),
        dueAt: dueAt.toISOString(),
        control,
      },
    });
    if (account.disabled) {
      result.alreadyStopped += 1;
      await stopRevocationClock(tx, {
        clock: { id: clockId, reason: change.reason, startedAt: change.at, dueAt, occurrenceId },
        seenAt: account.disabled_since ?? change.at,
        snapshotId: null,
        account: `${account.asset_key}/${account.username}`,
      });
    }
  }
  return result;
}

/**
 * Stops one clock at the instant a snapshot showed the account revoked (never before the clock
 * started); when that met the deadline, the clock's occurrence is completed and verified in the
 * same transaction, with the measured time in its note. A missed clock leaves its occurrence to
 * become overdue and missed from its own window.
 */
export async function stopRevocationClock(
  tx: AuditedTransaction,
  stop: {
    clock: {
      id: string;
      reason: RevocationReason;
      startedAt: Date;
      dueAt: Date;
      occurrenceId: string | null;
    };
    seenAt: Date;
    snapshotId: string | null;
    account: string;
  },
): Promise<'met' | 'missed'> {
  const { clock } = stop;
  const { stoppedAt, outcome } = clockStop(clock, stop.seenAt);
  await accountsRepository.stopClock(tx.trx, clock.id, {
    stoppedAt,
    snapshotId: stop.snapshotId,
    outcome,
  });
  const hours = ((stoppedAt.getTime() - clock.startedAt.getTime()) / 3_600_000).toFixed(1);
  await tx.audit({
    action: 'revocation-clock.stopped',
    entityType: 'revocation_clock',
    entityId: clock.id,
    after: {
      account: stop.account,
      stoppedAt: stoppedAt.toISOString(),
      snapshotId: stop.snapshotId,
      outcome,
      hours: Number(hours),
    },
  });
  if (outcome === 'met' && clock.occurrenceId !== null) {
    // Its status now: an occurrence someone already finished (a work order) is left as it is.
    const occurrence = await getOccurrence(
      { db: tx.trx, clock: { now: () => tx.now } },
      clock.occurrenceId,
    );
    await satisfyOccurrence(tx, occurrence, {
      note: `Account ${stop.account} revoked ${hours} h after the ${clock.reason === 'leaver' ? 'departure' : 'role change'} (seen ${stoppedAt.toISOString()})`,
    });
  }
  return outcome;
}
