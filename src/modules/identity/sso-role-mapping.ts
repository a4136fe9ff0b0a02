import type { UserRole } from '../../platform/auth/roles.js';
import type { SsoConfig } from '../../platform/config-sso.js';

/**
 * The groups an ID token names in its groups claim: an array of strings, or one string. Anything
 * else (absent, a number, an object) is no groups at all.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claimName: string): string[] {
  const value = claims[claimName];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.filter((group): group is string => typeof group === 'string');
  return [];
}

/** The role of the first mapping whose group the person is in; null when none matches. */
export function roleForGroups(
  mapping: SsoConfig['roleMapping'],
  groups: readonly string[],
): UserRole | null {
  const member = new Set(groups);
  return mapping.find((entry) => member.has(entry.group))?.role ?? null;
}
