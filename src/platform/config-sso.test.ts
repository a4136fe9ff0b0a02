import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';

const SSO = {
  PLUMBLINE_PUBLIC_URL: 'https://plumbline.example.com',
  PLUMBLINE_OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  PLUMBLINE_OIDC_CLIENT_ID: 'plumbline',
  PLUMBLINE_OIDC_CLIENT_SECRET: 'a secret',
  PLUMBLINE_OIDC_ROLE_MAPPING: 'Plumbline Admins=admin, sre=engineering',
};

function problems(env: Record<string, string>): { path: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error.issues;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('single sign-on configuration', () => {
  it('is off unless an issuer is set', () => {
    expect(loadConfig({}).sso).toBeUndefined();
  });

  it('reads the provider, the mapping in order, and defaults the rest', () => {
    expect(loadConfig(SSO).sso).toEqual({
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'plumbline',
      clientSecret: 'a secret',
      redirectUri: 'https://plumbline.example.com/api/v1/auth/sso/callback',
      scopes: ['openid', 'email', 'profile'],
      groupsClaim: 'groups',
      roleMapping: [
        { group: 'Plumbline Admins', role: 'admin' },
        { group: 'sre', role: 'engineering' },
      ],
      jitCreation: true,
      providerName: 'single sign-on',
    });
  });

  it('reads the client secret from a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-sso-'));
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, 'from a file\n');
    const { PLUMBLINE_OIDC_CLIENT_SECRET: _inline, ...rest } = SSO;
    expect(loadConfig({ ...rest, PLUMBLINE_OIDC_CLIENT_SECRET_FILE: file }).sso?.clientSecret).toBe(
      'from a file',
    );
    expect(
      problems({ ...rest, PLUMBLINE_OIDC_CLIENT_SECRET_FILE: path.join(dir, 'missing') }),
    ).toEqual([
      {
        path: 'PLUMBLINE_OIDC_CLIENT_SECRET_FILE',
        message: expect.stringMatching(/cannot be read/) as string,
      },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every problem of a half or wrong configuration', () => {
    expect(
      problems({
        PLUMBLINE_OIDC_ISSUER: 'https://login.example.com',
        PLUMBLINE_OIDC_ROLE_MAPPING: 'admins=superuser',
        PLUMBLINE_OIDC_SCOPES: 'email profile',
      }).map((issue) => issue.path),
    ).toEqual([
      'PLUMBLINE_OIDC_SCOPES',
      'PLUMBLINE_OIDC_ROLE_MAPPING',
      'PLUMBLINE_OIDC_CLIENT_ID',
      'PLUMBLINE_OIDC_CLIENT_SECRET',
    ]);
    expect(problems({ PLUMBLINE_OIDC_CLIENT_ID: 'plumbline' })).toEqual([
      {
        path: 'PLUMBLINE_OIDC_CLIENT_ID',
        message: 'single sign-on needs PLUMBLINE_OIDC_ISSUER as well',
      },
    ]);
    expect(problems({ ...SSO, PLUMBLINE_OIDC_ROLE_MAPPING: 'no-role-here' })).toEqual([
      { path: 'PLUMBLINE_OIDC_ROLE_MAPPING', message: '"no-role-here" is not group=role' },
    ]);
  });
});
