import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { onMutationCommitted } from '../../platform/audit/mutate.js';
import type { Database } from '../../platform/db/schema.js';
import type { Principal } from '../../platform/http/principal.js';

/**
 * How long a resolved caller is reused without asking the database. Within this process a
 * revocation takes effect at once (every committed mutation empties the cache); this bound is for
 * changes made by another instance on the same PostgreSQL database, which this process learns of
 * only by asking again (docs/performance.md, "Authentication").
 */
export const PRINCIPAL_CACHE_TTL_MS = 1_000;

/** Enough for every signed-in person and token of an organisation; the oldest go first. */
const MAX_ENTRIES = 10_000;

/** A resolved caller and what must still be checked at each request without the database. */
export interface CachedCaller {
  principal: Principal;
  /** The session's or token's expiry (null: a token that never expires). */
  expiresAt: Date | null;
  /** When last-seen / last-used was last written (bookkeeping, at most once a minute). */
  touchedAt: Date | null;
  /** Writes last-seen / last-used. */
  touch(at: Date): Promise<unknown>;
}

interface Entry {
  caller: CachedCaller;
  cachedAtMs: number;
}

/** The callers resolved recently, keyed by the hash of their cookie or token. */
export interface PrincipalCache {
  get(key: string): CachedCaller | undefined;
  /**
   * Keeps a caller read from the database, unless a mutation committed since `generation` was
   * taken (before the read): what was read may then predate it.
   */
  set(key: string, caller: CachedCaller, generation: number): void;
  /** Taken before reading a caller from the database, handed back to `set`. */
  generation(): number;
  /** Forgets every caller (done after every committed mutation). */
  clear(): void;
}

/**
 * The cache of resolved callers for one server: emptied after every mutation through `db`
 * commits, so a logout, a revoked token, a disabled account or a changed role is seen by the next
 * request; entries older than PRINCIPAL_CACHE_TTL_MS are read again.
 */
export function createPrincipalCache(deps: { db: Kysely<Database>; clock: Clock }): PrincipalCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  const clear = () => {
    generation += 1;
    entries.clear();
  };
  onMutationCommitted(deps.db, clear);
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (deps.clock.now().getTime() - entry.cachedAtMs >= PRINCIPAL_CACHE_TTL_MS) {
        entries.delete(key);
        return undefined;
      }
      return entry.caller;
    },
    set(key, caller, readGeneration) {
      if (readGeneration !== generation) return;
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { caller, cachedAtMs: deps.clock.now().getTime() });
    },
    generation: () => generation,
    clear,
  };
}
