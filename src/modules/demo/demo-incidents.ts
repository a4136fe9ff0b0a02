import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { addDays, dateInZone } from '../../platform/time/zoned-time.js';
import { ingestAlerts } from '../alerts/ingest-alerts.js';
import { addCapaAction, recordRootCause, updateCapaAction } from '../capas/capa-commands.js';
import { openCapa } from '../capas/open-capa.js';
import { decideIncidentConformity } from '../incidents/decide-incident-conformity.js';
import { listIncidents, transitionIncident } from '../incidents/incident.service.js';
import { openIncident } from '../incidents/open-incident.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { withDemoSession } from './demo-session.js';
import { demoEmail } from './demo-types.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

export interface DemoIncidentsOutcome {
  alerts: number;
  incidents: number;
  capas: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** The monitoring's webhook of this morning, as Alertmanager sends it (version 4). */
function alertmanagerBody(now: Date): string {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString();
  const alert = (
    fingerprint: string,
    labels: Record<string, string>,
    summary: string,
    startsAt: string,
    endsAt?: string,
  ) => ({
    status: endsAt ? 'resolved' : 'firing',
    labels,
    annotations: { summary },
    startsAt,
    endsAt: endsAt ?? '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.northwind.example:9090/graph',
    fingerprint,
  });
  return JSON.stringify({
    version: '4',
    receiver: 'plumbline',
    status: 'firing',
    groupKey: '{}:{team="platform"}',
    truncatedAlerts: 0,
    groupLabels: { team: 'platform' },
    commonLabels: { team: 'platform' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.northwind.example:9093',
    alerts: [
      alert(
        'a1d3c0de00000001',
        {
          alertname: 'KubeNodeNotReady',
          asset: 'k8s-prod-eu',
          severity: 'critical',
          team: 'platform',
        },
        'A node of k8s-prod-eu has been NotReady for 5 minutes',
        at(5),
      ),
      alert(
        'a1d3c0de00000002',
        {
          alertname: 'PostgresReplicationLag',
          asset: 'db-prod-eu-replica',
          severity: 'warning',
          team: 'platform',
        },
        'Replication lag of db-prod-eu-replica above 30 s',
        at(4),
        at(3),
      ),
      alert(
        'a1d3c0de00000003',
        { alertname: 'Watchdog', severity: 'none', team: 'platform' },
        'The alerting pipeline is alive',
        at(2),
      ),
    ],
  });
}

/**
 * The demo's monitoring and incidents, all through the ordinary use cases and at the real instant:
 * Alertmanager's webhook (a critical alert on k8s-prod-eu opens an incident; a replication-lag
 * warning, resolved, and the watchdog count as monitoring evidence only). The alert's incident is judged of no
 * impact on conformity, signed by the quality lead, and resolved. A second incident, opened by
 * hand (reports stored unencrypted for a while), could have affected conformity: the signed
 * decision raises a nonconformance, answered by a CAPA in progress with its root cause, one action
 * done, one overdue since yesterday, and the effectiveness check planned in a month.
 */
export async function performDemoIncidents(ctx: Ctx): Promise<DemoIncidentsOutcome> {
  const now = ctx.clock.now();
  const today = dateInZone(now, ctx.config.timezone);
  const ingested = await ingestAlerts(ctx, systemActor, alertmanagerBody(now), {
    format: 'alertmanager',
  });
  const engineer = await withDemoSession(ctx, demoEmail('engineering'), async (principal) => {
    const reports = await openIncident(ctx, principal.actor, {
      title: 'Report storage bucket briefly without encryption at rest',
      severity: 'major',
      detectedAt: new Date(now.getTime() - 2 * HOUR_MS).toISOString(),
      assets: ['storage-reports-prod'],
      responders: ['Tomás Reyes'],
      note: 'A lifecycle change replaced the bucket policy; new report objects were written without the KMS key for 40 minutes.',
    });
    return { actor: principal.actor, reports };
  });
  if (!engineer) return { alerts: ingested.received, incidents: 0, capas: 0 };
  const fromAlert = (await listIncidents(ctx, { limit: 50, open: true })).items.find(
    (incident) => incident.detectionSource === 'alert',
  );
  let capas = 0;
  await withDemoSession(ctx, demoEmail('quality'), async (quality) => {
    if (fromAlert) {
      await decideIncidentConformity(ctx, quality, fromAlert.id, {
        outcome: 'no-impact',
        rationale:
          'The cluster rescheduled the pods on the other nodes within a minute; no ECG upload or report was lost or altered.',
        credentials: { password: DEMO_PASSWORD },
      });
      await transitionIncident(ctx, engineer.actor, fromAlert.id, {
        to: 'resolved',
        note: 'Node replaced; the alert resolved.',
      });
    }
    await decideIncidentConformity(ctx, quality, engineer.reports, {
      outcome: 'impact',
      rationale:
        'Patient reports written in that window were stored without encryption at rest, against the data protection requirement of the service.',
      credentials: { password: DEMO_PASSWORD },
    });
    const incidents = await listIncidents(ctx, { limit: 50, open: true });
    const nonconformanceId = incidents.items.find((incident) => incident.id === engineer.reports)
      ?.decision?.nonconformanceId;
    if (!nonconformanceId) return;
    const capa = await openCapa(ctx, quality.actor, {
      kind: 'corrective',
      title: 'Bucket policies changed only through reviewed Terraform',
      nonconformanceIds: [nonconformanceId],
      effectivenessCheckOn: addDays(today, 30),
      effectivenessCriteria:
        'No report object without the KMS key in the next 30 days (daily bucket inventory), and no bucket policy change outside Terraform.',
    });
    await recordRootCause(ctx, quality.actor, capa, {
      method: 'five_whys',
      text: 'Why were objects unencrypted? The bucket policy lost its default encryption. Why? A lifecycle rule was applied from the console, replacing the whole policy. Why? Console changes to production storage are not blocked. Why? The storage module predates our Terraform-only rule.',
    });
    const done = await addCapaAction(ctx, quality.actor, capa, {
      title: 'Re-encrypt the objects written in the window with the KMS key',
      ownerUserId: engineer.actor.id!,
      dueOn: today,
    });
    await updateCapaAction(ctx, engineer.actor, capa, done, {
      status: 'done',
      note: '212 objects copied in place with the KMS key; the bucket inventory shows none left unencrypted.',
    });
    await addCapaAction(ctx, quality.actor, capa, {
      title: 'Deny console changes to production bucket policies (SCP)',
      ownerUserId: engineer.actor.id!,
      dueOn: addDays(today, -1),
    });
    capas += 1;
  });
  const incidents = (await listIncidents(ctx, { limit: 50 })).items.length;
  return { alerts: ingested.received, incidents, capas };
}
