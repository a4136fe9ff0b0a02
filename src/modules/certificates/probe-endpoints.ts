import type { AppContext } from '../../platform/context.js';
import { systemActor, type Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { ALLOWED_EVENTS } from '../occurrences/occurrence-status.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { certificateRepository } from './certificate.repository.js';
import { isProtocolFinding, type ProbeResultView } from './certificate.schema.js';
import { describeCertificate, type ParsedCertificate } from './parse-pem.js';
import type { TlsProber } from './probe-tls.js';
import { prepareCertificates, storePreparedCertificates } from './record-certificates.js';

/** The quarterly control a complete, clean scan of an asset's endpoints evidences. */
export const TLS_SCAN_CONTROL = 'tls-configuration-scan-quarterly';

/**
 * Probes endpoints (all of them, or those named) and records each result in its own transaction:
 * the presented chain (stored as certificates; a later leaf supersedes the one shown before and
 * completes its renewal), the negotiated protocol and cipher, and the outcome (a protocol below
 * TLS 1.2 is a finding). Then an asset whose every endpoint was last probed clean in the current
 * quarter gets its quarterly TLS scan occurrence completed and verified.
 */
export async function probeEndpoints(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  prober: TlsProber,
  options: { actor?: Actor; endpointIds?: string[] } = {},
): Promise<ProbeResultView[]> {
  const actor = options.actor ?? systemActor;
  const endpoints = await allEndpoints(ctx);
  const chosen = options.endpointIds
    ? endpoints.filter((endpoint) => options.endpointIds!.includes(endpoint.id))
    : endpoints;
  const results: ProbeResultView[] = [];
  for (const endpoint of chosen) {
    const observation = await prober(endpoint.host, endpoint.port);
    const chain: ParsedCertificate[] = [];
    for (const der of observation.chain) {
      try {
        chain.push(describeCertificate(der));
      } catch {
        // A presented certificate Node cannot read is left out of the chain; the detail says so.
        observation.detail += '; a presented certificate could not be parsed';
      }
    }
    const prepared = await prepareCertificates(
      ctx,
      chain,
      endpoint.current_certificate_id ? [endpoint.current_certificate_id] : [],
    );
    const result = await mutate(ctx, actor, async (tx) => {
      const locked = await certificateRepository.endpointForUpdate(tx.trx, endpoint.id);
      const stored = await storePreparedCertificates(tx, prepared, {
        assetId: null,
        source: 'probe',
        supersedes: locked?.current_certificate_id ?? null,
      });
      const leafId = stored.stored[0]?.id ?? null;
      const probe = await certificateRepository.insertProbe(tx.trx, {
        endpointId: endpoint.id,
        now: tx.now,
        outcome: observation.outcome,
        protocol: observation.protocol,
        cipher: observation.cipher,
        leafCertificateId: leafId,
        chainCertificateIds: stored.stored.map((certificate) => certificate.id),
        detail: observation.detail,
      });
      await certificateRepository.setEndpointProbed(tx.trx, endpoint.id, leafId, tx.now);
      const view: ProbeResultView = {
        endpointId: endpoint.id,
        host: endpoint.host,
        port: endpoint.port,
        outcome: observation.outcome,
        finding: isProtocolFinding(observation.outcome),
        protocol: observation.protocol,
        cipher: observation.cipher,
        leafCertificateId: leafId,
        detail: observation.detail,
      };
      await tx.audit({
        action: view.finding ? 'tls_probe.finding' : 'tls_probe.recorded',
        entityType: 'tls_endpoint',
        entityId: endpoint.id,
        after: { probeId: probe.id, ...view },
      });
      return view;
    });
    results.push(result);
  }
  const assets = new Set(
    chosen.flatMap((endpoint) => (endpoint.asset_key ? [endpoint.asset_key] : [])),
  );
  for (const assetKey of assets) await evidenceQuarterlyScan(ctx, endpoints, assetKey);
  return results;
}

async function allEndpoints(ctx: Pick<AppContext, 'db'>) {
  const rows: Awaited<ReturnType<typeof certificateRepository.listEndpoints>> = [];
  let after: { host: string; port: number } | undefined;
  for (;;) {
    const page = await certificateRepository.listEndpoints(ctx.db, {
      ...(after ? { after } : {}),
      limit: 1000,
    });
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < 1000 || !last) return rows;
    after = { host: last.host, port: last.port };
  }
}

/** Completes the asset's quarterly TLS scan when every endpoint was last probed clean this quarter. */
async function evidenceQuarterlyScan(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  endpoints: Awaited<ReturnType<typeof allEndpoints>>,
  assetKey: string,
): Promise<void> {
  const now = ctx.clock.now();
  const occurrence = await findOccurrenceCovering(ctx, {
    control: TLS_SCAN_CONTROL,
    asset: assetKey,
    instant: now,
  });
  if (!occurrence || !ALLOWED_EVENTS[occurrence.status].includes('completed')) return;
  const ofAsset = endpoints.filter((endpoint) => endpoint.asset_key === assetKey);
  const probes = await certificateRepository.lastProbes(
    ctx.db,
    ofAsset.map((endpoint) => endpoint.id),
  );
  const clean = ofAsset.every((endpoint) => {
    const probe = probes.get(endpoint.id);
    return probe && probe.outcome === 'ok' && probe.probed_at >= occurrence.opensAt;
  });
  if (!clean) return;
  const summary = ofAsset
    .map((endpoint) => `${endpoint.host}:${endpoint.port} ${probes.get(endpoint.id)!.protocol}`)
    .join(', ');
  await mutate(ctx, systemActor, (tx) =>
    satisfyOccurrence(tx, occurrence, {
      note: `TLS scan of every endpoint: ${summary}; nothing below TLS 1.2 accepted.`,
    }),
  );
}
