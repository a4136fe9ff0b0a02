import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import type { FixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import type { TestApp } from '../support/test-app.js';

/**
 * An external auditor engaged for ISO 9001 in March 2026, invited on 5 April, who accepts the
 * invitation, signs in and enrols in MFA as a real auditor does. Returns their GET.
 */
export async function auditorEngagedForMarch(
  t: TestApp,
  clock: FixedClock,
  admin: string,
): Promise<(url: string) => Promise<LightMyRequestResponse>> {
  clock.set('2026-04-05T09:00:00Z');
  const invited = await t.call(admin, 'POST', '/api/v1/auditor-engagements', {
    email: 'auditor@audit-firm.example',
    name: 'Erin External',
    framework: 'iso9001',
    periodFrom: '2026-03-01',
    periodTo: '2026-03-31',
    expiresAt: '2026-04-30T00:00:00Z',
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const mail = await t.ctx.db
    .selectFrom('outbox_messages')
    .select('body_text')
    .where('recipient', '=', 'auditor@audit-firm.example')
    .executeTakeFirstOrThrow();
  const token = decodeURIComponent(/auditor-invitation\?token=(\S+)/.exec(mail.body_text)![1]!);
  const password = 'a long auditor passphrase';
  const accepted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auditor-invitations/accept',
    payload: { token, password },
  });
  expect(accepted.statusCode).toBe(200);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'auditor@audit-firm.example', password },
  });
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const { csrfToken } = login.json<{ csrfToken: string }>();
  const as = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({
      method,
      url,
      cookies: { [SESSION_COOKIE]: cookie },
      headers: { 'x-csrf-token': csrfToken },
      ...(payload ? { payload } : {}),
    });
  const { secret } = (await as('POST', '/api/v1/auth/mfa/enrol')).json<{ secret: string }>();
  const confirmed = await as('POST', '/api/v1/auth/mfa/confirm', {
    code: totpCodeAt(secret, clock.now()),
  });
  expect(confirmed.statusCode).toBe(200);
  return (url) => as('GET', url);
}
