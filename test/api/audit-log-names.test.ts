import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { Page } from '../../src/platform/http/paging.js';
import { signedInPerson, type Person } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The audit log names people by their display name, keeping the e-mail the trail recorded. */
describe('audit log actors in words', () => {
  let t: TestApp;
  let engineer: Person;

  beforeAll(async () => {
    t = await createTestApp();
    engineer = await signedInPerson(t, 'engineering');
  });
  afterAll(() => t.close());

  it('gives a person’s display name beside the recorded e-mail, and none for a token', async () => {
    const created = await engineer.call('POST', '/api/v1/work-orders', {
      title: 'Replace the fan',
      description: 'Noisy.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const workOrderId = created.json<{ id: string }>().id;
    const viaToken = await t.call(await t.tokenFor('engineering'), 'POST', '/api/v1/work-orders', {
      title: 'Replace the other fan',
      description: 'Noisy too.',
    });
    expect(viaToken.statusCode).toBe(201);

    const auditor = await t.tokenFor('auditor');
    const events = async (entityId: string) => {
      const response = await t.call(
        auditor,
        'GET',
        `/api/v1/audit/events?entityType=work_order&entityId=${entityId}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Page<AuditEventView>>().items;
    };
    const [byPerson] = await events(workOrderId);
    expect(byPerson).toMatchObject({
      actorType: 'user',
      actorLabel: engineer.email,
      actorName: engineer.signerLabel.replace(/ <.*>$/, ''),
    });
    const [byToken] = await events(viaToken.json<{ id: string }>().id);
    expect(byToken).toMatchObject({ actorType: 'token', actorName: null });
  });
});
