import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** A signed-in person (cookie session with CSRF), who can sign. */
export interface Person {
  userId: string;
  /** How the audit trail and records name them. */
  email: string;
  /** How a signature names them. */
  signerLabel: string;
  upload(url: string, payload: Buffer, contentType: string): Promise<LightMyRequestResponse>;
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function signedInPerson(t: TestApp, role: UserRole, email?: string): Promise<Person> {
  const user = await t.createUser(role, email);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: TEST_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const { csrfToken } = login.json<{ csrfToken: string }>();
  return {
    userId: user.id,
    email: user.email,
    signerLabel: `${user.name} <${user.email}>`,
    upload: (url, payload, contentType) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken, 'content-type': contentType },
      }),
    call: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}

/** A production asset of the given category and criticality, created through the API. */
export async function createProductionAsset(
  t: TestApp,
  token: string,
  key: string,
  options: { category?: string; criticality?: string; tags?: string[] } = {},
): Promise<void> {
  const response = await t.call(token, 'POST', '/api/v1/assets', {
    key,
    name: `Asset ${key}`,
    category: options.category ?? 'database',
    environment: 'production',
    ownerRole: 'engineering',
    criticality: options.criticality ?? 'critical',
    criticalityRationale: 'Customer orders are lost without it.',
    dataClassification: 'confidential',
    tags: options.tags ?? [],
  });
  expect(response.statusCode).toBe(201);
}

/** Uploads one file in the multipart field "file" as a signed-in person. */
export async function uploadAs(
  t: TestApp,
  person: Person,
  url: string,
  filename: string,
  content: Buffer,
): Promise<LightMyRequestResponse> {
  const boundary = `----recovery${Date.now().toString(16)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    'Content-Type: text/plain\r\n\r\n';
  return person.upload(
    url,
    Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    `multipart/form-data; boundary=${boundary}`,
  );
}
