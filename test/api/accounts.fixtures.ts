import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import type { TestApp } from '../support/test-app.js';

/** The accounts fixtures (test/fixtures/accounts/README.md). */
export function accountsFixture(name: string): Buffer {
  return fs.readFileSync(new URL(`../fixtures/accounts/${name}`, import.meta.url));
}

/** The token an identity provider provisions with (token-only role `scim`). */
export async function scimToken(t: TestApp, name = 'okta'): Promise<string> {
  const { token } = await createApiToken(t.ctx, systemActor, { name, role: 'scim' });
  return token;
}

/** A SCIM request as an identity provider sends it (application/scim+json). */
export function scim(
  t: TestApp,
  token: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(payload === undefined ? {} : { 'content-type': 'application/scim+json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}

/** Uploads a CSV or tool output as a raw body. */
export function upload(
  t: TestApp,
  token: string,
  url: string,
  body: Buffer | string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    payload: body,
  });
}

/** A system whose accounts are imported. */
export async function createSystem(t: TestApp, token: string, key: string): Promise<void> {
  const response = await t.call(token, 'POST', '/api/v1/assets', {
    key,
    name: key,
    category: 'cloud-service',
    environment: 'production',
    ownerRole: 'security',
    criticality: 'medium',
    dataClassification: 'confidential',
  });
  expect(response.statusCode, response.body).toBe(201);
}
