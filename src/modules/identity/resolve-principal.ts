import type { AppContext } from '../../platform/context.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { sha256Hex } from '../../platform/crypto/secrets.js';
import type { Principal, PrincipalResolver, SessionState } from '../../platform/http/principal.js';
import { apiTokenRepository } from './api-token.repository.js';
import { resolveEngagementAccess } from './engagement-access.js';
import { sessionRepository } from './session.repository.js';

/** Last-seen and last-used times are bookkeeping, written at most once a minute per caller. */
const TOUCH_INTERVAL_MS = 60_000;

/** Turns a session cookie or a bearer token into the caller, or null when it is not valid. */
export function createPrincipalResolver(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): PrincipalResolver {
  return {
    async fromSessionCookie(cookieValue) {
      const idHash = sha256Hex(cookieValue);
      const row = await sessionRepository.findWithUser(ctx.db, idHash);
      const now = ctx.clock.now();
      if (!row || row.expires_at <= now || row.disabled_at !== null) return null;
      if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
        await sessionRepository.touch(ctx.db, idHash, now);
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
      return principal;
    },
    async fromBearerToken(token) {
      const row = await apiTokenRepository.findByHash(ctx.db, sha256Hex(token));
      const now = ctx.clock.now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now))
        return null;
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
        await apiTokenRepository.touch(ctx.db, row.id, now);
      }
      return {
        via: 'token',
        actor: {
          type: 'token',
          id: row.id,
          label: `token:${row.name}`,
          role: row.role as UserRole,
        },
        tokenId: row.id,
      };
    },
  };
}
