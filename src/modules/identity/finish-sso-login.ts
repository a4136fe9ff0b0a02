import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import type { UserRole } from '../../platform/auth/roles.js';
import type { SsoConfig } from '../../platform/config-sso.js';
import { sessionStateAfterSso } from './mfa-policy.js';
import type { OidcClient, OidcIdentity } from './oidc-client.js';
import { openSession, type OpenedSession } from './open-session.js';
import { ssoIdentityRepository } from './sso-identity.repository.js';
import { planSsoLogin, type SsoLoginPlan, type SsoRefusal } from './sso-login-plan.js';
import { openPendingSsoLogin } from './sso-pending-login.js';
import { groupsFromClaims, roleForGroups } from './sso-role-mapping.js';
import { userAuditView, userRepository } from './user.repository.js';

/**
 * A single sign-on account's password hash: not an argon2 hash, so no password ever matches it.
 * The person signs in through the provider only.
 */
const NO_LOCAL_PASSWORD = '!sso';

export type SsoFinish =
  | ({ outcome: 'signed_in'; next: string } & OpenedSession)
  | { outcome: 'refused'; reason: SsoRefusal };

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

/**
 * Finishes a single sign-on at the callback: checks the provider's answer against the pending
 * login of this browser, maps the person's groups to a role, creates the user just in time or
 * updates the linked user's role, and opens a session exactly as a password sign-in does. Every
 * outcome, refusals included, is in the audit trail.
 */
export async function finishSsoLogin(
  ctx: Ctx,
  sso: SsoConfig,
  oidc: OidcClient,
  input: {
    callbackUrl: URL;
    pendingCookie: string | undefined;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<SsoFinish> {
  const pending = openPendingSsoLogin(ctx.secretBox, input.pendingCookie, ctx.clock.now());
  if (!pending) return refuse(ctx, anonymous, { reason: 'expired', ip: input.ip });
  const answer = await oidc.finishAuthorization(input.callbackUrl, pending);
  if (!answer.ok) {
    return refuse(ctx, anonymous, {
      reason: 'invalid_response',
      problem: answer.problem,
      ip: input.ip,
    });
  }
  const { identity } = answer;
  const groups = groupsFromClaims(identity.claims, sso.groupsClaim);
  const email = emailOf(identity);
  const linkedUser = await ssoIdentityRepository.findUser(
    ctx.db,
    identity.issuer,
    identity.subject,
  );
  const plan = planSsoLogin({
    role: roleForGroups(sso.roleMapping, groups),
    linkedUser,
    email,
    name: typeof identity.claims.name === 'string' ? identity.claims.name.trim() || null : null,
    emailTaken: email !== null && (await userRepository.findByEmail(ctx.db, email)) !== undefined,
    jitCreation: sso.jitCreation,
  });
  const label = linkedUser?.email ?? email ?? `${identity.issuer}#${identity.subject}`;
  const actor: Actor = {
    type: 'user',
    id: linkedUser?.id ?? null,
    label,
    role: plan.kind === 'refuse' ? 'viewer' : plan.role,
  };
  const seen = { issuer: identity.issuer, subject: identity.subject, groups, ip: input.ip };
  if (plan.kind === 'refuse') {
    return refuse(ctx, actor, { ...seen, reason: plan.reason, entityId: linkedUser?.id });
  }
  return mutate(ctx, actor, async (tx) => {
    const userId = await applyPlan(tx, plan, identity);
    const session = await openSession(tx, ctx.config, {
      userId,
      state: sessionStateAfterSso(),
      ip: input.ip,
      userAgent: input.userAgent,
      ssoIdToken: ctx.secretBox.seal(identity.idToken),
    });
    await tx.audit({
      action: 'user.sso_login',
      entityType: 'user',
      entityId: userId,
      after: { ...seen, role: plan.role, state: session.state },
    });
    return { outcome: 'signed_in' as const, next: pending.next, ...session };
  });
}

/** Creates the user and its link, or updates the linked user's role; returns the user's id. */
async function applyPlan(
  tx: AuditedTransaction,
  plan: Exclude<SsoLoginPlan, { kind: 'refuse' }>,
  identity: OidcIdentity,
): Promise<string> {
  switch (plan.kind) {
    case 'create': {
      const row = await userRepository.insert(tx.trx, {
        email: plan.email,
        name: plan.name,
        role: plan.role,
        passwordHash: NO_LOCAL_PASSWORD,
        now: tx.now,
      });
      await ssoIdentityRepository.insert(tx.trx, {
        issuer: identity.issuer,
        subject: identity.subject,
        userId: row.id,
        now: tx.now,
      });
      await tx.audit({
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        after: {
          ...userAuditView(row),
          sso: { issuer: identity.issuer, subject: identity.subject },
        },
      });
      return row.id;
    }
    case 'sign_in': {
      await ssoIdentityRepository.touch(tx.trx, identity.issuer, identity.subject, tx.now);
      if (plan.roleChanged) await updateRole(tx, plan.user, plan.role);
      return plan.user.id;
    }
  }
}

/** The provider's groups decide the role: a change there changes it here at the next sign-in. */
async function updateRole(
  tx: AuditedTransaction,
  user: Extract<SsoLoginPlan, { kind: 'sign_in' }>['user'],
  role: UserRole,
): Promise<void> {
  const row = await userRepository.update(tx.trx, user.id, { role }, tx.now);
  await tx.audit({
    action: 'user.updated',
    entityType: 'user',
    entityId: user.id,
    before: userAuditView(user),
    after: { ...userAuditView(row), reason: 'single sign-on groups' },
  });
}

const anonymous: Actor = { type: 'user', id: null, label: 'single sign-on', role: 'viewer' };

async function refuse(
  ctx: Ctx,
  actor: Actor,
  details: { reason: SsoRefusal; entityId?: string | undefined } & Record<string, unknown>,
): Promise<SsoFinish> {
  const { reason, entityId, ...rest } = details;
  await mutate(ctx, actor, (tx) =>
    tx.audit({
      action: 'user.sso_login_refused',
      entityType: 'user',
      entityId: entityId ?? actor.label,
      after: { reason, ...rest },
    }),
  );
  return { outcome: 'refused', reason };
}

/** The e-mail address of the ID token, unless the provider says it is not verified. */
function emailOf(identity: OidcIdentity): string | null {
  const { email, email_verified: verified } = identity.claims;
  if (typeof email !== 'string' || verified === false) return null;
  const trimmed = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(trimmed) && trimmed.length <= 254 ? trimmed : null;
}
