import type { Config } from '../../platform/config.js';
import { MFA_REQUIRED_ROLES, type Role } from '../../platform/auth/roles.js';
import type { SessionState } from '../../platform/http/principal.js';

/** MFA is required for privileged roles unless the operator turned the requirement off. */
export function isMfaRequired(config: Pick<Config, 'requireMfa'>, role: Role): boolean {
  return config.requireMfa && MFA_REQUIRED_ROLES.has(role);
}

/**
 * Where a freshly authenticated password leaves the session. An engaged auditor (an outsider
 * with an engagement) must always enrol, whatever PLUMBLINE_REQUIRE_MFA says.
 */
export function sessionStateAfterPassword(
  config: Pick<Config, 'requireMfa'>,
  user: { role: Role; mfaEnabled: boolean; engagedAuditor?: boolean },
): SessionState {
  if (user.mfaEnabled) return 'mfa_pending';
  return user.engagedAuditor === true || isMfaRequired(config, user.role)
    ? 'enrol_required'
    : 'active';
}

/**
 * Where a single sign-on leaves the session: active. The provider authenticated the person with
 * whatever factors its own policy demands; Plumbline asks for no local TOTP on top (docs/sso.md).
 */
export function sessionStateAfterSso(): SessionState {
  return 'active';
}
