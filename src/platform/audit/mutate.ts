import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import { appendAuditEvents, type AuditEntry } from './append-audit-event.js';

/** What a mutation sees: the open transaction, the instant it happens at, and the audit writer. */
export interface AuditedTransaction {
  trx: Transaction<Database>;
  now: Date;
  actor: Actor;
  audit(entry: AuditEntry): Promise<void>;
  /** Many entries at once (bulk imports): one lock, chunked inserts. */
  auditMany(entries: AuditEntry[]): Promise<void>;
}

export interface MutationDeps {
  db: Kysely<Database>;
  clock: Clock;
}

const commitListeners = new WeakMap<Kysely<Database>, Set<() => void>>();

/**
 * Calls `listener` after every mutation through `db` commits. A cache of something mutations
 * change (the callers resolved from sessions and tokens) forgets what it holds here: every change
 * goes through `mutate`, so none can slip past it. Returns the function that stops listening.
 */
export function onMutationCommitted(db: Kysely<Database>, listener: () => void): () => void {
  const listeners = commitListeners.get(db) ?? new Set();
  commitListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs a change in one transaction together with its audit entries. Audit by construction: a
 * mutation that writes no audit entry is a bug, so it is rolled back instead of committed.
 */
export async function mutate<T>(
  deps: MutationDeps,
  actor: Actor,
  work: (tx: AuditedTransaction) => Promise<T>,
  options: {
    /**
     * For idempotent jobs (generation, evaluation) that often find nothing to do: they may end
     * without an audit entry, and must write one whenever they do change something.
     */
    mayFindNothingToDo?: boolean;
  } = {},
): Promise<T> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    let entries = 0;
    const result = await work({
      trx,
      now,
      actor,
      audit: async (entry) => {
        entries += 1;
        await appendAuditEvents(trx, actor, now, [entry]);
      },
      auditMany: async (batch) => {
        entries += batch.length;
        await appendAuditEvents(trx, actor, now, batch);
      },
    });
    if (entries === 0 && !options.mayFindNothingToDo) {
      throw new Error('A mutation finished without writing an audit entry; it was rolled back.');
    }
    return result;
  });
  for (const listener of commitListeners.get(deps.db) ?? []) listener();
  return result;
}
