import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupEvaluationJob } from '../../src/modules/backups/backup-evaluation-job.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startScheduler } from '../../src/platform/jobs/scheduler.js';
import { enqueueEmails } from '../../src/platform/mail/outbox.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('GET /metrics', () => {
  describe('when off (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('is not found', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    });
  });

  describe('when on with a token', () => {
    const clock = new FixedClock('2026-03-10T09:00:00Z');
    let t: TestApp;
    const scrape = () =>
      t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: basic('prometheus', TOKEN) },
      });

    beforeAll(async () => {
      t = await createTestApp({
        clock,
        env: { PLUMBLINE_METRICS: 'on', PLUMBLINE_METRICS_TOKEN: TOKEN },
      });
    });
    afterAll(() => t.close());

    it('refuses a scrape without the token or with another one', async () => {
      const without = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(without.statusCode).toBe(401);
      expect(without.headers['www-authenticate']).toMatch(/^Basic realm="plumbline-metrics"/);
      for (const authorization of [
        basic('prometheus', `${TOKEN}x`),
        basic(TOKEN, ''),
        `Basic ${TOKEN}`,
        // A bearer header is read as an API token by the access layer, which knows no such token.
        `Bearer ${TOKEN}`,
      ]) {
        const wrong = await t.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization },
        });
        expect(wrong.statusCode).toBe(401);
        expect(wrong.body).not.toContain('plumbline_');
      }
    });

    it('counts requests by matched route pattern, never by the raw URL', async () => {
      const admin = await t.tokenFor('admin');
      for (const key of ['missing-asset-1', 'missing-asset-2'])
        expect((await t.call(admin, 'GET', `/api/v1/assets/${key}`)).statusCode).toBe(404);
      await t.app.inject({ method: 'GET', url: '/api/v1/no/such/route' });
      const response = await scrape();
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = response.body;
      expect(text).toContain(
        'plumbline_http_requests_total{route="/api/v1/assets/:key",method="GET",status="4xx"} 2',
      );
      expect(text).toContain(
        'plumbline_http_requests_total{route="unmatched",method="GET",status="4xx"} 1',
      );
      expect(text).toContain(
        'plumbline_http_request_duration_seconds_count{route="/api/v1/assets/:key",method="GET",status="4xx"} 2',
      );
      expect(text).toMatch(
        /plumbline_http_request_duration_seconds_bucket\{route="\/api\/v1\/assets\/:key",method="GET",status="4xx",le="\+Inf"\} 2/,
      );
      expect(text).not.toContain('missing-asset');
    });

    it('counts scheduler job runs and failures by job', async () => {
      const scheduler = startScheduler(
        [
          { name: 'works', run: () => Promise.resolve() },
          { name: 'breaks', run: () => Promise.reject(new Error('no')) },
        ],
        3_600_000,
        t.ctx.logger,
        t.ctx.metrics.jobs,
      );
      await scheduler.tick();
      await scheduler.tick();
      await scheduler.stop();
      const text = (await scrape()).body;
      expect(text).toContain('plumbline_job_runs_total{job="works",outcome="succeeded"} 2');
      expect(text).toContain('plumbline_job_runs_total{job="breaks",outcome="failed"} 2');
      expect(text).toContain('plumbline_job_duration_seconds_count{job="breaks"} 2');
    });

    it('reports the outbox backlog by status', async () => {
      await enqueueEmails(
        t.ctx.db,
        [1, 2, 3].map((n) => ({
          recipient: `p${n}@example.test`,
          subject: 's',
          text: 't',
          category: 'test',
        })),
        clock.now(),
      );
      const text = (await scrape()).body;
      expect(text).toContain('plumbline_outbox_messages{status="pending"} 3');
      expect(text).toContain('plumbline_outbox_messages{status="failed"} 0');
    });

    it('reports how long ago a backup evaluation last completed, on any instance', async () => {
      expect((await scrape()).body).not.toMatch(/^plumbline_backup_evaluation_age_seconds \d/m);
      await backupEvaluationJob(t.ctx, 'another-instance').run();
      clock.advance(90_000);
      expect((await scrape()).body).toContain('plumbline_backup_evaluation_age_seconds 90\n');
    });

    it('reports the database pool and the build', async () => {
      const text = (await scrape()).body;
      expect(text).toMatch(/plumbline_db_pool_connections\{state="in_use"\} \d+/);
      expect(text).toMatch(/plumbline_db_pool_connections\{state="idle"\} \d+/);
      expect(text).toContain('plumbline_db_pool_connections{state="waiting"} 0');
      expect(text).toMatch(/plumbline_db_pool_max_connections \d+/);
      expect(text).toContain(
        `plumbline_build_info{version="${t.ctx.version}",database="${t.ctx.databaseKind}"} 1`,
      );
    });
  });
});
