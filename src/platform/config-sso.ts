import fs from 'node:fs';
import { z } from 'zod';
import { USER_ROLES, type UserRole } from './auth/roles.js';
import { AppError } from './errors.js';

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** `group=role` pairs, comma-separated; the first pair whose group the person is in wins. */
const roleMappingFromEnv = z.string().transform((value, context) => {
  const mapping: { group: string; role: UserRole }[] = [];
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    const group = pair.slice(0, Math.max(at, 0)).trim();
    const role = pair.slice(at + 1).trim();
    if (at < 1 || group === '') {
      context.addIssue({ code: 'custom', message: `"${pair.trim()}" is not group=role` });
      return z.NEVER;
    }
    if (!(USER_ROLES as readonly string[]).includes(role)) {
      context.addIssue({
        code: 'custom',
        message: `"${role}" is not a role (one of ${USER_ROLES.join(', ')})`,
      });
      return z.NEVER;
    }
    mapping.push({ group, role: role as UserRole });
  }
  if (mapping.length === 0) {
    context.addIssue({ code: 'custom', message: 'must map at least one group to a role' });
    return z.NEVER;
  }
  return mapping;
});

/** The environment variables of single sign-on (docs/sso.md); part of the one config schema. */
export const ssoEnvShape = {
  PLUMBLINE_OIDC_ISSUER: optionalString.pipe(
    z.url({ protocol: /^https?$/, message: 'must be an absolute https:// URL' }).optional(),
  ),
  PLUMBLINE_OIDC_CLIENT_ID: optionalString,
  PLUMBLINE_OIDC_CLIENT_SECRET: optionalString,
  PLUMBLINE_OIDC_CLIENT_SECRET_FILE: optionalString,
  PLUMBLINE_OIDC_REDIRECT_URI: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, message: 'must be an absolute http:// or https:// URL' })
      .optional(),
  ),
  PLUMBLINE_OIDC_SCOPES: z
    .string()
    .default('openid email profile')
    .transform((value) => value.split(/\s+/).filter((scope) => scope !== ''))
    .refine((scopes) => scopes.includes('openid'), 'must include openid'),
  PLUMBLINE_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
  PLUMBLINE_OIDC_ROLE_MAPPING: optionalString.pipe(roleMappingFromEnv.optional()),
  PLUMBLINE_OIDC_JIT: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      message: 'must be one of true, false, 1, 0, yes, no',
    })
    .transform((value) => value === 'true' || value === '1' || value === 'yes')
    .default(true),
  PLUMBLINE_OIDC_PROVIDER_NAME: z.string().trim().min(1).max(80).default('single sign-on'),
};

type SsoEnv = z.infer<z.ZodObject<typeof ssoEnvShape>>;

/** Single sign-on through an OpenID Connect provider; undefined when not configured (off). */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: Plumbline's /api/v1/auth/sso/callback. */
  redirectUri: string;
  scopes: string[];
  /** The ID token claim holding the person's groups. */
  groupsClaim: string;
  /** Group → role, in order: the first group the person is in decides the role. */
  roleMapping: { group: string; role: UserRole }[];
  /** Whether a first sign-in creates the user (just in time). */
  jitCreation: boolean;
  /** Shown on the sign-in button: "Sign in with <providerName>". */
  providerName: string;
}

/** What is missing when single sign-on is half configured; checked with the other variables. */
export function ssoConfigIssues(env: Partial<SsoEnv>): { path: string; message: string }[] {
  const needed = [
    'PLUMBLINE_OIDC_CLIENT_ID',
    'PLUMBLINE_OIDC_ROLE_MAPPING',
  ] as const satisfies readonly (keyof SsoEnv)[];
  if (env.PLUMBLINE_OIDC_ISSUER === undefined) {
    const stray = (
      [
        ...needed,
        'PLUMBLINE_OIDC_CLIENT_SECRET',
        'PLUMBLINE_OIDC_CLIENT_SECRET_FILE',
      ] as const satisfies readonly (keyof SsoEnv)[]
    ).filter((name) => env[name] !== undefined);
    return stray.map((path) => ({
      path,
      message: 'single sign-on needs PLUMBLINE_OIDC_ISSUER as well',
    }));
  }
  const issues: { path: string; message: string }[] = needed
    .filter((name) => env[name] === undefined)
    .map((path) => ({ path, message: 'is required when PLUMBLINE_OIDC_ISSUER is set' }));
  const secrets = [env.PLUMBLINE_OIDC_CLIENT_SECRET, env.PLUMBLINE_OIDC_CLIENT_SECRET_FILE];
  if (secrets.filter((secret) => secret !== undefined).length !== 1) {
    issues.push({
      path: 'PLUMBLINE_OIDC_CLIENT_SECRET',
      message:
        'set PLUMBLINE_OIDC_CLIENT_SECRET or PLUMBLINE_OIDC_CLIENT_SECRET_FILE (one of them)',
    });
  }
  return issues;
}

/** The single sign-on settings, once the schema and `ssoConfigIssues` found nothing wrong. */
export function toSsoConfig(env: SsoEnv, publicUrl: string): SsoConfig | undefined {
  const issuer = env.PLUMBLINE_OIDC_ISSUER;
  const clientId = env.PLUMBLINE_OIDC_CLIENT_ID;
  const roleMapping = env.PLUMBLINE_OIDC_ROLE_MAPPING;
  if (issuer === undefined || clientId === undefined || roleMapping === undefined) return undefined;
  return {
    issuer,
    clientId,
    clientSecret: env.PLUMBLINE_OIDC_CLIENT_SECRET ?? readSecretFile(env),
    redirectUri: env.PLUMBLINE_OIDC_REDIRECT_URI ?? `${publicUrl}/api/v1/auth/sso/callback`,
    scopes: env.PLUMBLINE_OIDC_SCOPES,
    groupsClaim: env.PLUMBLINE_OIDC_GROUPS_CLAIM,
    roleMapping,
    jitCreation: env.PLUMBLINE_OIDC_JIT,
    providerName: env.PLUMBLINE_OIDC_PROVIDER_NAME,
  };
}

function readSecretFile(env: SsoEnv): string {
  const file = env.PLUMBLINE_OIDC_CLIENT_SECRET_FILE ?? '';
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw invalid(`cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (secret === '') throw invalid('is empty');
  return secret;
}

function invalid(message: string): AppError {
  const path = 'PLUMBLINE_OIDC_CLIENT_SECRET_FILE';
  return new AppError('config_invalid', `Invalid configuration:\n  - ${path}: ${message}`, {
    issues: [{ path, message }],
  });
}
