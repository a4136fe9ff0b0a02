import path from 'node:path';
import { z } from 'zod';
import { ssoConfigIssues, ssoEnvShape, toSsoConfig, type SsoConfig } from './config-sso.js';
import { AppError } from './errors.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    message: 'must be one of true, false, 1, 0, yes, no',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * Every setting Plumbline reads from its environment. Parsed once at boot by `loadConfig`; nothing
 * else in the code base reads `process.env`. Documented in docs/configuration.md.
 */
export const configSchema = z
  .object({
    PLUMBLINE_DATA_DIR: z.string().min(1).default('./data'),
    PLUMBLINE_DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    PLUMBLINE_DATABASE_PREPARED_STATEMENTS: booleanFromEnv.default(true),
    PLUMBLINE_HOST: z.string().min(1).default('127.0.0.1'),
    PLUMBLINE_PORT: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(8080),
    PLUMBLINE_PUBLIC_URL: optionalString.pipe(
      z
        .url({ protocol: /^https?$/, message: 'must be an absolute http:// or https:// URL' })
        .optional(),
    ),
    PLUMBLINE_LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    PLUMBLINE_REQUIRE_MFA: booleanFromEnv.default(true),
    PLUMBLINE_SESSION_TTL_HOURS: z.coerce
      .number({ message: 'must be a number' })
      .positive('must be positive')
      .max(24 * 30, 'must be at most 720 hours')
      .default(12),
    PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL: optionalString.pipe(
      z.email('must be an e-mail address').optional(),
    ),
    PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD: optionalString.pipe(
      z.string().min(12, 'must be at least 12 characters').optional(),
    ),
    PLUMBLINE_SECRET_KEY: optionalString.pipe(
      z
        .string()
        .refine(
          (value) => Buffer.from(value, 'base64').length === 32,
          'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
        )
        .optional(),
    ),
    // Read by `plumbline keys rotate` only: the key to rotate to (generated when unset).
    PLUMBLINE_NEW_SECRET_KEY: optionalString.pipe(
      z
        .string()
        .refine(
          (value) => Buffer.from(value, 'base64').length === 32,
          'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
        )
        .optional(),
    ),
    PLUMBLINE_TIMEZONE: z
      .string()
      .default('UTC')
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Berlin'),
    PLUMBLINE_LOGIN_RATE_LIMIT: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .positive('must be positive')
      .default(10),
    PLUMBLINE_TRUST_PROXY: booleanFromEnv.default(false),
    PLUMBLINE_SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(
          /^smtps?:\/\//,
          'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
        )
        .optional(),
    ),
    PLUMBLINE_MAIL_FROM: z.string().default('Plumbline <plumbline@localhost>'),
    PLUMBLINE_EVIDENCE_DIR: optionalString,
    PLUMBLINE_EVIDENCE_MAX_MB: z.coerce
      .number({ message: 'must be a number' })
      .positive('must be positive')
      .max(10_240, 'must be at most 10240 MB')
      .default(50),
    PLUMBLINE_SCHEDULER: booleanFromEnv.default(true),
    PLUMBLINE_SCHEDULER_TICK_SECONDS: z.coerce
      .number({ message: 'must be a number' })
      .min(1, 'must be at least 1 second')
      .max(3600, 'must be at most 3600 seconds')
      .default(15),
    PLUMBLINE_BACKUP_EVALUATION_SECONDS: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(5, 'must be at least 5 seconds')
      .max(3600, 'must be at most 3600 seconds')
      .default(30),
    PLUMBLINE_REMINDER_DAYS: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1 day')
      .max(60, 'must be at most 60 days')
      .default(3),
    PLUMBLINE_ESCALATION_HOURS: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1 hour')
      .max(24 * 60, 'must be at most 1440 hours')
      .default(48),
    PLUMBLINE_CHANGE_WEBHOOK_SECRET: optionalString.pipe(
      z.string().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
    ),
    PLUMBLINE_EMERGENCY_APPROVAL_HOURS: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1 hour')
      .max(24 * 14, 'must be at most 336 hours')
      .default(24),
    PLUMBLINE_METRICS: z.enum(['off', 'on'], { message: 'must be off or on' }).default('off'),
    PLUMBLINE_METRICS_TOKEN: optionalString.pipe(
      z.string().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
    ),
    ...ssoEnvShape,
  })
  .superRefine(
    (env, context) => {
      const email = env.PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL;
      const password = env.PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD;
      if ((email === undefined) !== (password === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [
            email === undefined
              ? 'PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL'
              : 'PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD',
          ],
          message:
            'set both PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL and PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD, or neither',
        });
      }
      for (const issue of ssoConfigIssues(env)) {
        context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }
    },
    // Run even when other variables are invalid, so this problem is listed together with theirs.
    { when: () => true },
  );

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  /** Named prepared statements on PostgreSQL (PLUMBLINE_DATABASE_PREPARED_STATEMENTS). */
  databasePreparedStatements: boolean;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: z.infer<typeof configSchema>['PLUMBLINE_LOG_LEVEL'];
  requireMfa: boolean;
  sessionTtlHours: number;
  bootstrapAdmin: { email: string; password: string } | undefined;
  secretKey: Buffer | undefined;
  /** The key `plumbline keys rotate` moves to (PLUMBLINE_NEW_SECRET_KEY); generated when unset. */
  newSecretKey: Buffer | undefined;
  timezone: string;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  /** Outgoing mail server; without it e-mails wait in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where evidence files are stored, encrypted and content-addressed. */
  evidenceDir: string;
  /** Largest evidence file accepted, in bytes. */
  evidenceMaxBytes: number;
  /** Whether this instance runs periodic jobs (outbox delivery, generation, alerts). */
  schedulerEnabled: boolean;
  schedulerTickSeconds: number;
  /** How often backup runs are evaluated and backup alerts queued (once per slot across instances). */
  backupEvaluationSeconds: number;
  /** Remind the owner role this many days before an occurrence is due. */
  reminderDays: number;
  /** Escalate to the quality role when an occurrence is still open this long after its due time. */
  escalationHours: number;
  /** `GET /metrics` (Prometheus): served only when enabled; with a token, only to its bearer. */
  metrics: { enabled: boolean; token: string | undefined };
  changes: {
    /** The HMAC secret delivery events are signed with (X-Hub-Signature-256); none: all refused. */
    webhookSecret: string | undefined;
    /** How long after implementation an emergency change must be approved retrospectively. */
    emergencyApprovalHours: number;
  };
  /** Single sign-on through an OpenID Connect provider (docs/sso.md); undefined: off. */
  sso: SsoConfig | undefined;
}

/**
 * Parses the environment into a Config or throws one AppError whose message lists every problem,
 * one per line, so an operator fixes them all in one go.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // A variable set to nothing (`PLUMBLINE_PORT=` in a compose file) means "use the default", not
  // an empty value: otherwise an empty port would silently become port 0.
  const setVariables = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = configSchema.safeParse(setVariables);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(environment)',
      message: issue.message,
    }));
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    throw new AppError('config_invalid', `Invalid configuration:\n${lines.join('\n')}`, { issues });
  }
  const value = parsed.data;
  const publicUrl = (
    value.PLUMBLINE_PUBLIC_URL ?? `http://localhost:${value.PLUMBLINE_PORT}`
  ).replace(/\/$/, '');
  return {
    dataDir: path.resolve(value.PLUMBLINE_DATA_DIR),
    databaseUrl: value.PLUMBLINE_DATABASE_URL,
    databasePreparedStatements: value.PLUMBLINE_DATABASE_PREPARED_STATEMENTS,
    host: value.PLUMBLINE_HOST,
    port: value.PLUMBLINE_PORT,
    publicUrl,
    logLevel: value.PLUMBLINE_LOG_LEVEL,
    requireMfa: value.PLUMBLINE_REQUIRE_MFA,
    sessionTtlHours: value.PLUMBLINE_SESSION_TTL_HOURS,
    bootstrapAdmin:
      value.PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL && value.PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD
        ? {
            email: value.PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL.toLowerCase(),
            password: value.PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD,
          }
        : undefined,
    secretKey: value.PLUMBLINE_SECRET_KEY
      ? Buffer.from(value.PLUMBLINE_SECRET_KEY, 'base64')
      : undefined,
    newSecretKey: value.PLUMBLINE_NEW_SECRET_KEY
      ? Buffer.from(value.PLUMBLINE_NEW_SECRET_KEY, 'base64')
      : undefined,
    timezone: value.PLUMBLINE_TIMEZONE,
    loginRateLimitPerMinute: value.PLUMBLINE_LOGIN_RATE_LIMIT,
    trustProxy: value.PLUMBLINE_TRUST_PROXY,
    smtpUrl: value.PLUMBLINE_SMTP_URL,
    mailFrom: value.PLUMBLINE_MAIL_FROM,
    evidenceDir: path.resolve(
      value.PLUMBLINE_EVIDENCE_DIR ?? path.join(value.PLUMBLINE_DATA_DIR, 'evidence'),
    ),
    evidenceMaxBytes: Math.floor(value.PLUMBLINE_EVIDENCE_MAX_MB * 1024 * 1024),
    schedulerEnabled: value.PLUMBLINE_SCHEDULER,
    schedulerTickSeconds: value.PLUMBLINE_SCHEDULER_TICK_SECONDS,
    backupEvaluationSeconds: value.PLUMBLINE_BACKUP_EVALUATION_SECONDS,
    reminderDays: value.PLUMBLINE_REMINDER_DAYS,
    escalationHours: value.PLUMBLINE_ESCALATION_HOURS,
    metrics: {
      enabled: value.PLUMBLINE_METRICS === 'on',
      token: value.PLUMBLINE_METRICS_TOKEN,
    },
    changes: {
      webhookSecret: value.PLUMBLINE_CHANGE_WEBHOOK_SECRET,
      emergencyApprovalHours: value.PLUMBLINE_EMERGENCY_APPROVAL_HOURS,
    },
    sso: toSsoConfig(value, publicUrl),
  };
}
