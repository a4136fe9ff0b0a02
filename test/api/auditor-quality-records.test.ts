import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapaView } from '../../src/modules/capas/capa.schema.js';
import type { IncidentView } from '../../src/modules/incidents/incident.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { auditorEngagedForMarch } from './auditor.fixtures.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { seedQualityRecords } from './packs.fixtures.js';
import { createProductionAsset, signedInPerson } from '../support/factory.js';

type Get = (url: string) => Promise<LightMyRequestResponse>;

describe('an auditor engaged for March and the incidents, nonconformances and CAPAs', () => {
  const clock = new FixedClock('2026-02-01T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let auditor: Get;
  const february = { incident: '', nonconformance: '', capa: '' };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    await createProductionAsset(t, admin, 'web-1');
    // February: an incident with impact, its nonconformance and CAPA, all before the engagement.
    clock.set('2026-02-10T09:00:00Z');
    const quality = await signedInPerson(t, 'quality');
    const opened = await quality.call('POST', '/api/v1/incidents', {
      title: 'February outage',
      severity: 'major',
      assets: ['web-1'],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    february.incident = opened.json<{ id: string }>().id;
    const decided = await quality.call('POST', `/api/v1/incidents/${february.incident}/decision`, {
      outcome: 'impact',
      rationale: 'Orders could have been lost in February.',
      password: TEST_PASSWORD,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    february.nonconformance = decided.json<{
      decision: { nonconformanceId: string };
    }>().decision.nonconformanceId;
    const capa = await quality.call('POST', '/api/v1/capas', {
      title: 'February CAPA',
      nonconformanceIds: [february.nonconformance],
      effectivenessCheckOn: '2026-03-31',
      effectivenessCriteria: 'No lost order',
    });
    expect(capa.statusCode, capa.body).toBe(201);
    february.capa = capa.json<{ id: string }>().id;
    // March (INC, NC, CAPA) and April (INC) records.
    await seedQualityRecords(t, clock);

    auditor = await auditorEngagedForMarch(t, clock, admin);
  }, 120_000);
  afterAll(() => t.close());

  const items = <T>(response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: T[] }>().items;
  };

  it('counts the incidents, nonconformances and CAPAs of March in the effectiveness report', async () => {
    const response = await auditor(
      '/api/v1/reports/effectiveness?framework=iso9001&from=2026-03-01&to=2026-03-31',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ records: unknown }>().records).toEqual({
      // Decided on time with impact; and one decided only on 2 April, past due at the end.
      incidents: { opened: 2, decided: 1, decidedOnTime: 1, withImpact: 1, undecidedPastDue: 1 },
      // February's is still open at the end of March, beside March's.
      nonconformances: { raised: 1, openAtEnd: 2 },
      capas: { opened: 1, foundEffective: 0, openAtEnd: 2 },
    });
  });

  it("lists only the incidents opened in March, and refuses another month's", async () => {
    const everyone = items<IncidentView>(await t.call(admin, 'GET', '/api/v1/incidents'));
    expect(everyone).toHaveLength(4);
    const seen = items<IncidentView>(await auditor('/api/v1/incidents'));
    expect(seen.map((incident) => incident.title).sort()).toEqual([
      'Portal certificate warning',
      'Portal served stale prices',
    ]);
    expect((await auditor(`/api/v1/incidents/${seen[0]!.id}`)).statusCode).toBe(200);
    const outside = await auditor(`/api/v1/incidents/${february.incident}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json<{ error: { code: string } }>().error.code).toBe('outside_engagement');
  });

  it('lists only the nonconformances raised in March, and refuses the February one', async () => {
    const seen = items<NonconformanceView>(await auditor('/api/v1/nonconformances'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.raisedAt.startsWith('2026-03-10')).toBe(true);
    expect(seen[0]!.id).not.toBe(february.nonconformance);
    expect((await auditor(`/api/v1/nonconformances/${seen[0]!.id}`)).statusCode).toBe(200);
    const outside = await auditor(`/api/v1/nonconformances/${february.nonconformance}`);
    expect(outside.statusCode).toBe(403);
  });

  it('lists only the CAPAs opened in March, and refuses the February one', async () => {
    const everyone = items<CapaView>(await t.call(admin, 'GET', '/api/v1/capas'));
    expect(everyone).toHaveLength(2);
    const seen = items<CapaView>(await auditor('/api/v1/capas'));
    expect(seen.map((capa) => capa.title)).toEqual(['Invalidate the price cache on every deploy']);
    expect((await auditor(`/api/v1/capas/${seen[0]!.id}`)).statusCode).toBe(200);
    const outside = await auditor(`/api/v1/capas/${february.capa}`);
    expect(outside.statusCode).toBe(403);
  });
});
