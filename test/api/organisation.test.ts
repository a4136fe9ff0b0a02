import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PLUMBLINE_TIMEZONE: 'America/New_York' } });
  });
  afterAll(() => t.close());

  it("tells any signed-in caller the organisation's time zone, which the CLI reads dates in", async () => {
    const viewer = await t.call(await t.tokenFor('viewer'), 'GET', '/api/v1/organisation');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json()).toEqual({ timeZone: 'America/New_York' });
    // A narrow job token may ask too: it takes no permission.
    const { token } = await createApiToken(t.ctx, systemActor, {
      name: 'backup-job',
      role: 'backup-writer',
    });
    expect((await t.call(token, 'GET', '/api/v1/organisation')).statusCode).toBe(200);
  });

  it('tells nobody who has not signed in', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/organisation' });
    expect(anonymous.statusCode).toBe(401);
  });
});
