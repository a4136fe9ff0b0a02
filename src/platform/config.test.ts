import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { loadConfig } from './config.js';

/** The AppError loadConfig throws for this environment. */
function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('configuration', () => {
  it('runs on defaults when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      databasePreparedStatements: true,
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      logLevel: 'info',
      requireMfa: true,
      sessionTtlHours: 12,
      bootstrapAdmin: undefined,
      secretKey: undefined,
      timezone: 'UTC',
      loginRateLimitPerMinute: 10,
      trustProxy: false,
    });
  });

  it('reads every setting it is given', () => {
    const key = randomBytes(32);
    const config = loadConfig({
      PLUMBLINE_DATA_DIR: '/srv/plumbline',
      PLUMBLINE_DATABASE_URL: 'postgresql://plumbline@db:5432/plumbline',
      PLUMBLINE_DATABASE_PREPARED_STATEMENTS: 'false',
      PLUMBLINE_HOST: '0.0.0.0',
      PLUMBLINE_PORT: '9000',
      PLUMBLINE_PUBLIC_URL: 'https://plumbline.example.com/',
      PLUMBLINE_LOG_LEVEL: 'warn',
      PLUMBLINE_SESSION_TTL_HOURS: '8',
      PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL: ' Admin@Example.COM ',
      PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD: 'twelve chars!',
      PLUMBLINE_SECRET_KEY: key.toString('base64'),
      PLUMBLINE_TIMEZONE: 'Europe/Berlin',
      PLUMBLINE_LOGIN_RATE_LIMIT: '5',
    });
    expect(config).toMatchObject({
      dataDir: '/srv/plumbline',
      databaseUrl: 'postgresql://plumbline@db:5432/plumbline',
      databasePreparedStatements: false,
      host: '0.0.0.0',
      port: 9000,
      publicUrl: 'https://plumbline.example.com',
      logLevel: 'warn',
      sessionTtlHours: 8,
      bootstrapAdmin: { email: 'admin@example.com', password: 'twelve chars!' },
      secretKey: key,
      timezone: 'Europe/Berlin',
      loginRateLimitPerMinute: 5,
    });
  });

  it('keeps metrics off unless asked, and reads their token', () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: false, token: undefined });
    expect(
      loadConfig({ PLUMBLINE_METRICS: 'on', PLUMBLINE_METRICS_TOKEN: 'a-long-enough-secret' })
        .metrics,
    ).toEqual({ enabled: true, token: 'a-long-enough-secret' });
    expect(configError({ PLUMBLINE_METRICS: 'yes' }).message).toContain(
      'PLUMBLINE_METRICS: must be off or on',
    );
    expect(configError({ PLUMBLINE_METRICS_TOKEN: 'short' }).message).toContain(
      'PLUMBLINE_METRICS_TOKEN: must be at least 16 characters',
    );
  });

  it('derives the public URL from the port when none is set', () => {
    expect(loadConfig({ PLUMBLINE_PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads %s as the boolean %s', (text, value) => {
    expect(loadConfig({ PLUMBLINE_REQUIRE_MFA: text, PLUMBLINE_TRUST_PROXY: text })).toMatchObject({
      requireMfa: value,
      trustProxy: value,
    });
  });

  it('refuses a boolean it cannot read rather than guessing', () => {
    const error = configError({ PLUMBLINE_REQUIRE_MFA: 'maybe' });
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain(
      'PLUMBLINE_REQUIRE_MFA: must be one of true, false, 1, 0, yes, no',
    );
  });

  it('treats a variable set to nothing as not set', () => {
    const config = loadConfig({
      PLUMBLINE_PORT: '',
      PLUMBLINE_REQUIRE_MFA: ' ',
      PLUMBLINE_DATABASE_URL: '',
      PLUMBLINE_PUBLIC_URL: '',
      PLUMBLINE_LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      requireMfa: true,
      databaseUrl: undefined,
      publicUrl: 'http://localhost:8080',
      logLevel: 'info',
    });
  });

  it('lists every problem in one message, one line each', () => {
    const error = configError({
      PLUMBLINE_PORT: 'eighty',
      PLUMBLINE_PUBLIC_URL: 'plumbline.example.com',
      PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
    });
    expect(error.code).toBe('config_invalid');
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration:',
      '  - PLUMBLINE_PORT: must be a number',
      '  - PLUMBLINE_PUBLIC_URL: must be an absolute http:// or https:// URL',
      '  - PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD: set both PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL and PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD, or neither',
    ]);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'PLUMBLINE_PORT',
      'PLUMBLINE_PUBLIC_URL',
      'PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD',
    ]);
  });

  it.each([
    ['PLUMBLINE_PORT', '70000', 'must be between 0 and 65535'],
    ['PLUMBLINE_PORT', '80.5', 'must be a whole number'],
    [
      'PLUMBLINE_DATABASE_URL',
      'mysql://db/plumbline',
      'must be a postgres:// or postgresql:// URL',
    ],
    [
      'PLUMBLINE_PUBLIC_URL',
      'ftp://files.example.com',
      'must be an absolute http:// or https:// URL',
    ],
    ['PLUMBLINE_LOG_LEVEL', 'verbose', 'Invalid option'],
    ['PLUMBLINE_SESSION_TTL_HOURS', '0', 'must be positive'],
    ['PLUMBLINE_SESSION_TTL_HOURS', '1000', 'must be at most 720 hours'],
    ['PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL', 'admin', 'must be an e-mail address'],
    ['PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD', 'short', 'must be at least 12 characters'],
    ['PLUMBLINE_SECRET_KEY', 'dG9vIHNob3J0', 'must be 32 bytes encoded as base64'],
    ['PLUMBLINE_TIMEZONE', 'Mars/Olympus', 'must be an IANA time zone'],
    ['PLUMBLINE_LOGIN_RATE_LIMIT', '-1', 'must be positive'],
  ])('refuses %s=%s', (name, value, message) => {
    const env: Record<string, string> = { [name]: value };
    // Bootstrap variables come in pairs; give the other half so only the value is at fault.
    if (name === 'PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL')
      env.PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD = 'long enough password';
    if (name === 'PLUMBLINE_BOOTSTRAP_ADMIN_PASSWORD')
      env.PLUMBLINE_BOOTSTRAP_ADMIN_EMAIL = 'admin@example.com';
    const error = configError(env);
    expect(error.issues).toEqual([
      { path: name, message: expect.stringContaining(message) as string },
    ]);
  });
});
