import type { RunningPlumbline } from '../src/app/start.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { createUser } from '../src/modules/identity/user.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { withBenchPlumbline } from './bench-server.js';
import { option, benchDatabases, type BenchDatabase } from './harness.js';

/*
 * `npx tsx bench/alert-ingest.ts [--alerts N] [--per-webhook N] [--only pglite|postgresql]`: posts
 * N generated Alertmanager alerts (default 100,000) to POST /api/v1/alerts/import?format=alertmanager
 * as Alertmanager sends them, in webhook bodies of --per-webhook alerts (default 500, a receiver's
 * max_alerts), over 1,000 assets mapped by their `instance` label; then the same bodies again, every
 * alert resolved. Client and server share this process (a real socket), so peak RSS covers both.
 * On PGlite and, when PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set,
 * PostgreSQL. Prints alerts/s beside the floor (2,000 alerts/s on PostgreSQL); never asserted.
 */

const FLOOR_ALERTS_PER_SECOND: Record<BenchDatabase, number | null> = {
  pglite: null,
  postgresql: 2000,
};

const argv = process.argv.slice(2);
const alertCount = Number(option(argv, '--alerts') ?? '100000');
const perWebhook = Number(option(argv, '--per-webhook') ?? '500');
if (!Number.isInteger(alertCount) || alertCount < 1) throw new Error('--alerts: a whole number');
if (!Number.isInteger(perWebhook) || perWebhook < 1)
  throw new Error('--per-webhook: a whole number');
const ASSETS = 1000;
const { postgresUrl, targets } = benchDatabases(option(argv, '--only'));

const assetKey = (index: number) => `bench-host-${String(index).padStart(4, '0')}`;
const START = Date.parse('2026-11-01T00:00:00Z');

/** One Alertmanager webhook body (version 4) of alerts [first, last). */
function webhookBody(first: number, last: number, status: 'firing' | 'resolved'): string {
  const alerts = [];
  for (let index = first; index < last; index += 1) {
    const startsAt = new Date(START + index * 1000).toISOString();
    alerts.push({
      status,
      labels: {
        alertname: `BenchAlert${index % 20}`,
        instance: `${assetKey(index % ASSETS)}:9100`,
        job: 'node',
        severity: 'warning',
      },
      annotations: { summary: `Generated alert ${index}` },
      startsAt,
      endsAt:
        status === 'firing'
          ? '0001-01-01T00:00:00Z'
          : new Date(START + index * 1000 + 60_000).toISOString(),
      generatorURL: `http://prometheus.bench:9090/graph?g0.expr=bench_${index % 20}`,
      fingerprint: index.toString(16).padStart(16, '0'),
    });
  }
  return JSON.stringify({
    receiver: 'plumbline',
    status,
    alerts,
    groupLabels: {},
    commonLabels: { job: 'node', severity: 'warning' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.bench:9093',
    version: '4',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
  });
}

const MiB = 1024 * 1024;

async function postAll(url: string, token: string, status: 'firing' | 'resolved') {
  const peak = { rss: process.memoryUsage().rss };
  const timer = setInterval(() => {
    peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  for (let first = 0; first < alertCount; first += perWebhook) {
    const last = Math.min(first + perWebhook, alertCount);
    const response = await fetch(`${url}/api/v1/alerts/import?format=alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: webhookBody(first, last, status),
    });
    const result = (await response.json()) as { created?: number; resolved?: number };
    const stored = status === 'firing' ? result.created : result.resolved;
    if (response.status !== 201 || stored !== last - first) {
      throw new Error(
        `webhook at ${first}: ${response.status} ${JSON.stringify(result).slice(0, 300)}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  return {
    seconds,
    alertsPerSecond: Math.round(alertCount / seconds),
    peakRssMiB: Math.round(peak.rss / MiB),
  };
}

/**
 * The floor measured in the same run, on the same server: sequential requests per second to the
 * liveness endpoint (no body, no database), what one HTTP round trip costs on this machine now.
 * An alert webhook carries many alerts, so alerts/s far above this shows the batch pays.
 */
async function healthRequestsPerSecond(url: string): Promise<number> {
  const requests = 500;
  const started = performance.now();
  for (let index = 0; index < requests; index += 1) {
    const response = await fetch(`${url}/api/v1/health/live`);
    await response.arrayBuffer();
  }
  return Math.round(requests / ((performance.now() - started) / 1000));
}

/**
 * Issue 13: an alert that opens an incident has its first e-mail queued within 60 s. Posts one
 * critical alert on a production asset (the catalogue's rule opens an incident) and prints how long
 * after the webhook was sent the incident's first e-mail stood in the outbox.
 */
async function firstIncidentEmail(
  kind: BenchDatabase,
  running: RunningPlumbline,
  url: string,
  token: string,
): Promise<void> {
  await createUser(running.ctx, systemActor, {
    email: 'quality@bench.example',
    name: 'Bench quality lead',
    role: 'quality',
    password: 'a long bench passphrase',
  });
  const startsAt = new Date().toISOString();
  const sent = performance.now();
  const response = await fetch(`${url}/api/v1/alerts/import?format=alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      receiver: 'plumbline',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'BenchDown', instance: `${assetKey(0)}:9100`, severity: 'critical' },
          annotations: { summary: 'Bench host unreachable' },
          startsAt,
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus.bench:9090/graph',
          fingerprint: 'bench-critical-0001',
        },
      ],
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://alertmanager.bench:9093',
      version: '4',
      groupKey: '{}:{}',
      truncatedAlerts: 0,
    }),
  });
  const result = (await response.json()) as { incidentsOpened?: unknown[] };
  if (response.status !== 201 || result.incidentsOpened?.length !== 1) {
    throw new Error(`the critical alert opened no incident: ${JSON.stringify(result)}`);
  }
  for (;;) {
    const mail = await running.ctx.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('category', '=', 'incident')
      .executeTakeFirst();
    if (mail) break;
    if (performance.now() - sent > 120_000) throw new Error('no incident e-mail after 120 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - sent) / 1000;
  console.log(
    `${kind}: a critical alert's incident e-mail was queued ${seconds.toFixed(2)} s after its webhook was sent (target ≤ 60 s: ${seconds <= 60 ? 'met' : 'NOT met'})`,
  );
}

async function benchDatabase(kind: BenchDatabase): Promise<void> {
  return withBenchPlumbline(kind, 'alerts', postgresUrl, async (running) => {
    const url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await createApiToken(running.ctx, systemActor, {
      name: 'bench-admin',
      role: 'admin',
    });
    const writer = await createApiToken(running.ctx, systemActor, {
      name: 'bench-alertmanager',
      role: 'alert-writer',
    });
    const header = 'key,name,category,environment,owner_role,criticality,data_classification';
    const rows = Array.from(
      { length: ASSETS },
      (_, index) =>
        `${assetKey(index)},Bench host ${index},server,production,engineering,medium,internal`,
    );
    const assets = await fetch(`${url}/api/v1/assets/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/csv' },
      body: `${[header, ...rows].join('\n')}\n`,
    });
    if (!assets.ok) throw new Error(`asset import failed: ${assets.status} ${await assets.text()}`);
    const floor = FLOOR_ALERTS_PER_SECOND[kind];
    const healthRate = await healthRequestsPerSecond(url);
    console.log(`${kind}: floor of this run: GET /api/v1/health/live ${healthRate} requests/s`);
    for (const status of ['firing', 'resolved'] as const) {
      const { seconds, alertsPerSecond, peakRssMiB } = await postAll(url, writer.token, status);
      console.log(
        `${kind}: ${alertCount} ${status} alerts in ${alertCount / perWebhook} webhooks: ${seconds.toFixed(1)} s, ${alertsPerSecond} alerts/s` +
          ` (${Math.round(alertCount / perWebhook / seconds)} webhooks/s beside the floor of ${healthRate} health requests/s)` +
          `${floor === null ? '' : ` (floor ${floor}: ${alertsPerSecond >= floor ? 'met' : 'NOT met'})`}, peak RSS ${peakRssMiB} MiB`,
      );
    }
    await firstIncidentEmail(kind, running, url, writer.token);
  });
}

for (const kind of targets) await benchDatabase(kind);
