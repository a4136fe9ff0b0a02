import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { getAsset } from '../register/asset-queries.js';
import type { ImportAccountsResult } from './account.schema.js';
import { findHoldersByEmail } from './find-holders.js';
import {
  accountsRepository,
  type StoredAccountUpdate,
  type StoredAccountValues,
} from './accounts.repository.js';
import {
  AccountParseError,
  parseAccountListing,
  type AccountImportFormat,
  type AccountInput,
  type ParsedAccount,
} from './parsers/index.js';
import { stopsClock, type RevocationReason } from './revocation-clock.js';
import { startRevocationClocks, stopRevocationClocks } from './start-revocation-clocks.js';

/** The catalogue's MFA control, decided from each snapshot (catalog/controls/access.yaml). */
export const MFA_CONTROL = 'mfa-enforcement-monthly';

/** More accounts than any one system holds; a larger listing is refused, not truncated. */
export const MAX_ACCOUNTS_PER_LISTING = 200_000;

export interface ImportAccountsOptions {
  asset: string;
  format: AccountImportFormat;
  /** When the listing was taken; default: now (neither format carries its own time). */
  takenAt?: Date | undefined;
}

function parseFailure(error: AccountParseError, format: AccountImportFormat): AppError {
  const path = error.field === null ? `line ${error.line}` : `line ${error.line}: ${error.field}`;
  return new AppError(
    'validation_failed',
    `Nothing was imported: line ${error.line}: ${error.message}`,
    {
      issues: [{ path, message: error.message }],
      details: { format, line: error.line, field: error.field },
    },
  );
}

/** Reads the whole listing (streamed, line by line), refusing duplicates and an empty listing. */
async function readListing(
  format: AccountImportFormat,
  input: AccountInput,
): Promise<ParsedAccount[]> {
  const accounts: ParsedAccount[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const account of parseAccountListing(format, input)) {
      const earlier = seen.get(account.username);
      if (earlier !== undefined) {
        throw new AccountParseError(
          account.line,
          'username',
          `${account.username} repeats line ${earlier}`,
        );
      }
      seen.set(account.username, account.line);
      accounts.push(account);
      if (accounts.length > MAX_ACCOUNTS_PER_LISTING) {
        throw new AppError(
          'payload_too_large',
          `The listing holds more than ${MAX_ACCOUNTS_PER_LISTING} accounts`,
        );
      }
    }
  } catch (error) {
    if (error instanceof AccountParseError) throw parseFailure(error, format);
    throw error;
  }
  if (accounts.length === 0) {
    throw new AppError(
      'validation_failed',
      'Nothing was imported: the listing holds no accounts (a system always has at least one; was the export complete?)',
      { issues: [{ path: 'body', message: 'holds no accounts' }] },
    );
  }
  return accounts;
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const left = [...a].sort();
  const right = [...b].sort();
  return left.length === right.length && left.every((role, index) => role === right[index]);
}

/**
 * Imports one system's account listing as a snapshot taken at `takenAt` (docs/access-management.md):
 * new accounts are created, changed ones updated, missing ones recorded as removed at that time;
 * holders are linked by e-mail. The snapshot then stops the revocation clocks it shows revoked,
 * starts those of leavers' accounts seen for the first time, and decides the MFA control. All in
 * one transaction; a malformed line stores nothing. Importing the same snapshot again (same system
 * and time) changes nothing.
 */
export async function importAccounts(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: AccountInput,
  options: ImportAccountsOptions,
): Promise<ImportAccountsResult> {
  const asset = await getAsset(ctx, options.asset);
  const listing = await readListing(options.format, input);
  const takenAt = options.takenAt ?? ctx.clock.now();
  const base = {
    asset: asset.key,
    format: options.format,
    takenAt: takenAt.toISOString(),
    received: listing.length,
  };
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const latest = await accountsRepository.latestSnapshot(tx.trx, asset.id);
      if (latest && latest.taken_at.getTime() === takenAt.getTime()) {
        return {
          ...base,
          created: 0,
          updated: 0,
          alreadyRecorded: listing.length,
          removed: 0,
          snapshotRecorded: false,
          clocksStopped: 0,
          privilegedWithoutMfa: [],
          mfaOccurrenceSatisfied: null,
        };
      }
      if (latest && latest.taken_at > takenAt) {
        throw new AppError(
          'conflict',
          `A later snapshot of ${asset.key} (${latest.taken_at.toISOString()}) is already recorded; snapshots are imported in the order they were taken`,
        );
      }
      const counts = await applySnapshot(tx, asset.id, listing, takenAt);
      const snapshotId = await accountsRepository.insertSnapshot(tx.trx, {
        assetId: asset.id,
        format: options.format,
        takenAt,
        count: listing.length,
        by: actor.label,
        at: tx.now,
      });
      await tx.audit({
        action: 'accounts.imported',
        entityType: 'asset',
        entityId: asset.id,
        after: { ...base, ...counts, snapshotId },
      });
      await startClocksOfLeavers(tx, ctx, counts.leaversSeen);
      const clocksStopped = await stopClocks(tx, asset.id, asset.key, snapshotId, takenAt);
      const mfa = await decideMfa(tx, ctx, asset.key, listing, takenAt);
      return {
        ...base,
        created: counts.created,
        updated: counts.updated,
        alreadyRecorded: counts.alreadyRecorded,
        removed: counts.removed,
        snapshotRecorded: true,
        clocksStopped,
        ...mfa,
      };
    },
    // The same snapshot again changes nothing, so writes no audit entry.
    { mayFindNothingToDo: true },
  );
}

async function applySnapshot(
  tx: AuditedTransaction,
  assetId: string,
  listing: ParsedAccount[],
  takenAt: Date,
) {
  const people = await findHoldersByEmail(
    tx.trx,
    listing.flatMap((account) => (account.email ? [account.email] : [])),
  );
  const existing = new Map(
    (await accountsRepository.accountsOfAsset(tx.trx, assetId)).map((row) => [row.username, row]),
  );
  const counts = { created: 0, updated: 0, alreadyRecorded: 0, removed: 0 };
  const created: StoredAccountValues[] = [];
  const updated: StoredAccountUpdate[] = [];
  const leaversSeen = new Map<string, { leftAt: Date; label: string }>();
  for (const account of listing) {
    const person = account.email ? people.get(account.email) : undefined;
    if (person?.status === 'left' && person.leftAt) {
      leaversSeen.set(person.id, { leftAt: person.leftAt, label: person.label });
    }
    const values: StoredAccountValues = {
      username: account.username,
      email: account.email,
      personId: person?.id ?? null,
      roles: account.roles,
      privileged: account.privileged,
      mfaEnabled: account.mfaEnabled,
      disabled: account.disabled,
      lastLoginAt: account.lastLoginAt,
    };
    const stored = existing.get(account.username);
    existing.delete(account.username);
    if (!stored) {
      created.push(values);
      continue;
    }
    const rolesChanged = !sameRoles(stored.roles, values.roles);
    const unchanged =
      stored.removed_at === null &&
      !rolesChanged &&
      stored.email === values.email &&
      stored.person_id === values.personId &&
      stored.privileged === values.privileged &&
      stored.mfa_enabled === values.mfaEnabled &&
      stored.disabled === values.disabled &&
      (stored.last_login_at?.getTime() ?? null) === (values.lastLoginAt?.getTime() ?? null);
    if (unchanged) {
      // Only its last_seen_at moves: written for all such accounts at once below.
      counts.alreadyRecorded += 1;
      continue;
    }
    updated.push({
      ...values,
      id: stored.id,
      lastSeenAt: takenAt,
      disabledSince: values.disabled
        ? stored.disabled && stored.removed_at === null
          ? (stored.disabled_since ?? takenAt)
          : takenAt
        : null,
      rolesChangedAt: rolesChanged ? takenAt : stored.roles_changed_at,
    });
    counts.updated += 1;
  }
  await accountsRepository.insertAccounts(tx.trx, assetId, created, takenAt);
  await accountsRepository.updateAccounts(tx.trx, updated);
  counts.created = created.length;
  const gone = [...existing.values()].filter((row) => row.removed_at === null);
  await accountsRepository.markRemoved(
    tx.trx,
    gone.map((row) => row.id),
    takenAt,
  );
  counts.removed = gone.length;
  await accountsRepository.markSeen(tx.trx, assetId, takenAt);
  return { ...counts, leaversSeen };
}

/** A leaver's account seen after they left gets its clock too (idempotent for the others). */
async function startClocksOfLeavers(
  tx: AuditedTransaction,
  ctx: Pick<AppContext, 'clock'>,
  leavers: Map<string, { leftAt: Date; label: string }>,
): Promise<void> {
  await startRevocationClocks(
    tx,
    ctx,
    [...leavers].map(([personId, leaver]) => ({
      personId,
      personLabel: leaver.label,
      reason: 'leaver' as const,
      at: leaver.leftAt,
    })),
  );
}

/** Stops, all at once, the open clocks of this system's accounts that the snapshot shows revoked. */
async function stopClocks(
  tx: AuditedTransaction,
  assetId: string,
  assetKey: string,
  snapshotId: string,
  takenAt: Date,
): Promise<number> {
  const open = await accountsRepository.openClocksOfAsset(tx.trx, assetId);
  const stops = open.flatMap((clock) => {
    const reason = clock.reason as RevocationReason;
    const state = {
      disabled: clock.disabled,
      removed: clock.removed_at !== null,
      rolesChangedAt: clock.roles_changed_at,
    };
    if (!stopsClock({ reason, startedAt: clock.started_at }, state)) return [];
    return [
      {
        clock: {
          id: clock.id,
          reason,
          startedAt: clock.started_at,
          dueAt: clock.due_at,
          occurrenceId: clock.occurrence_id,
        },
        seenAt: takenAt,
        snapshotId,
        account: `${assetKey}/${clock.username}`,
      },
    ];
  });
  return (await stopRevocationClocks(tx, stops)).length;
}

/**
 * The MFA control of the system for the month the snapshot falls in: met (its occurrence completed
 * and verified) when every enabled privileged account has MFA; otherwise it fails, and the
 * accounts at fault are named (the occurrence stays open, then overdue and missed).
 */
async function decideMfa(
  tx: AuditedTransaction,
  ctx: Pick<AppContext, 'clock'>,
  assetKey: string,
  listing: ParsedAccount[],
  takenAt: Date,
): Promise<Pick<ImportAccountsResult, 'privilegedWithoutMfa' | 'mfaOccurrenceSatisfied'>> {
  const privilegedWithoutMfa = listing
    .filter((account) => account.privileged && !account.disabled && account.mfaEnabled !== true)
    .map((account) => account.username);
  const occurrence = await findOccurrenceCovering(
    { db: tx.trx, clock: ctx.clock },
    { control: MFA_CONTROL, asset: assetKey, instant: takenAt, statusAt: tx.now },
  );
  if (!occurrence) return { privilegedWithoutMfa, mfaOccurrenceSatisfied: null };
  if (privilegedWithoutMfa.length > 0) {
    await tx.audit({
      action: 'mfa-check.failed',
      entityType: 'occurrence',
      entityId: occurrence.id,
      after: { asset: assetKey, takenAt: takenAt.toISOString(), privilegedWithoutMfa },
    });
    return { privilegedWithoutMfa, mfaOccurrenceSatisfied: false };
  }
  const privileged = listing.filter((account) => account.privileged && !account.disabled).length;
  await satisfyOccurrence(tx, occurrence, {
    note: `Snapshot of ${takenAt.toISOString()}: all ${privileged} enabled privileged account(s) have MFA`,
  });
  return { privilegedWithoutMfa, mfaOccurrenceSatisfied: true };
}
