import type { AppContext } from '../../platform/context.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import type { Principal, PrincipalResolver, SessionState } from '../../platform/http/principal.js';
import { apiTokenRepository } from './api-token.repository.js';
import { resolveEngagementAccess } from './engagement-access.js';
import type { PrincipalCache } from './principal-cache.js';
import { sessionRepository } from './session.repository.js';

/** Last-seen and last-used times are bookkeeping, written at most once a minute per caller. */
const TOUCH_INTERVAL_MS = 60_000;

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;

function touchDue(touchedAt: Date | null, now: Date): boolean {
  return touchedAt === null || now.getTime() - touchedAt.getTime() > TOUCH_INTERVAL_MS;
}

/**
 * A cached caller, if it may still be used at `now`, with its last-seen time written when due.
 * An expired one is refused here, without the database.
 */
async function fromCache(
  cache: PrincipalCache | undefined,
  key: string,
  now: Date,
): Promise<Principal | null | undefined> {
  const caller = cache?.get(key);
  if (!caller) return undefined;
  if (caller.expiresAt !== null && caller.expiresAt <= now) return null;
  if (touchDue(caller.touchedAt, now)) {
    caller.touchedAt = now;
    await caller.touch(now);
  }
  return caller.principal;
}

/** A principal shared by the requests of one caller: frozen, so none can change it for another. */
function frozen(principal: Principal): Principal {
  Object.freeze(principal.actor);
  return Object.freeze(principal);
}

/**
 * Turns a session cookie or a bearer token into the caller, or null when it is not valid. With a
 * `cache` (the server's), a caller resolved in the last second is not read again: the cache is
 * emptied whenever a mutation commits, so a revocation still takes effect at the next request
 * (principal-cache.ts). Engaged auditors are always read from the database: their access depends
 * on their engagement's dates at each request and every request of theirs is audited anyway.
 */
export function createPrincipalResolver(
  ctx: Ctx,
  options: { cache?: PrincipalCache } = {},
): PrincipalResolver {
  const { cache } = options;
  return {
    async fromSessionCookie(cookieValue) {
      const idHash = sha256Hex(cookieValue);
      const key = `session:${idHash}`;
      const now = ctx.clock.now();
      const cached = await fromCache(cache, key, now);
      if (cached !== undefined) return cached;
      const generation = cache?.generation() ?? 0;
      const row = await sessionRepository.findWithUser(ctx.db, idHash);
      if (!row || row.expires_at <= now || row.disabled_at !== null) return null;
      let touchedAt = row.last_seen_at;
      if (touchDue(touchedAt, now)) {
        await sessionRepository.touch(ctx.db, idHash, now);
        touchedAt = now;
      }
      const engagement =
        row.role === 'auditor' ? await resolveEngagementAccess(ctx, row.user_id, now) : null;
      // An engaged auditor's sessions end with the engagement; this request is refused by the
      // access layer, and the next one finds no session at all.
      if (engagement?.status === 'ended')
        await sessionRepository.deleteForUser(ctx.db, row.user_id);
      const principal: Principal = {
        via: 'session',
        actor: { type: 'user', id: row.user_id, label: row.email, role: row.role as UserRole },
        userId: row.user_id,
        sessionIdHash: idHash,
        sessionState: row.state as SessionState,
        csrfToken: row.csrf_token,
        engagement,
      };
      if (!cache || row.role === 'auditor') return principal;
      const touch = (at: Date) => sessionRepository.touch(ctx.db, idHash, at);
      cache.set(
        key,
        { principal: frozen(principal), expiresAt: row.expires_at, touchedAt, touch },
        generation,
      );
      return principal;
    },
    async fromBearerToken(token) {
      const tokenHash = sha256Hex(token);
      const key = `token:${tokenHash}`;
      const now = ctx.clock.now();
      const cached = await fromCache(cache, key, now);
      if (cached !== undefined) return cached;
      const generation = cache?.generation() ?? 0;
      const row = await apiTokenRepository.findByHash(ctx.db, tokenHash);
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now))
        return null;
      let touchedAt = row.last_used_at;
      if (touchDue(touchedAt, now)) {
        await apiTokenRepository.touch(ctx.db, row.id, now);
        touchedAt = now;
      }
      const principal: Principal = {
        via: 'token',
        actor: {
          type: 'token',
          id: row.id,
          label: `token:${row.name}`,
          role: row.role as UserRole,
        },
        tokenId: row.id,
      };
      const touch = (at: Date) => apiTokenRepository.touch(ctx.db, row.id, at);
      cache?.set(
        key,
        { principal: frozen(principal), expiresAt: row.expires_at, touchedAt, touch },
        generation,
      );
      return principal;
    },
  };
}
