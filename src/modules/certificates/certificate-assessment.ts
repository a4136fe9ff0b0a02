import type { AppContext } from '../../platform/context.js';
import { RENEWAL_NOTICE_DAYS } from '../occurrences/open-expiry-renewal.js';
import { certificateRepository } from './certificate.repository.js';
import {
  isProtocolFinding,
  type CertificateView,
  type ProbeOutcome,
} from './certificate.schema.js';
import { certificateRegisterPages } from './certificate.service.js';

const DAY_MS = 86_400_000;

/**
 * Where a certificate stood at the end of a period. `expired`: its notAfter passed by then and no
 * newer certificate for the same names was recorded before it did. `replaced`: a newer one was
 * recorded before its expiry and by the period's end. `expiring`: current at the end and in its
 * renewal window (the last 30 days). `valid`: anything else.
 */
export type CertificateStateAtEnd = 'expired' | 'replaced' | 'expiring' | 'valid';

export interface AssessedCertificate extends CertificateView {
  stateAtEnd: CertificateStateAtEnd;
  /** When the newer certificate replacing it was recorded, if by the end of the period. */
  replacedAt: Date | null;
  /** The assets it was on by the end: imported for, presented by their endpoints, renewal opened. */
  deployedOn: string[];
}

function stateAtEnd(
  certificate: CertificateView,
  replacedAt: Date | null,
  until: Date,
): CertificateStateAtEnd {
  const notAfter = new Date(certificate.notAfter);
  if (replacedAt !== null && replacedAt <= notAfter) return 'replaced';
  // A replacement recorded after the expiry does not undo the expiry (and cannot come before `until`
  // for a certificate still valid then: it would have been caught above).
  if (notAfter <= until) return 'expired';
  return notAfter.getTime() - until.getTime() <= RENEWAL_NOTICE_DAYS * DAY_MS
    ? 'expiring'
    : 'valid';
}

/**
 * The certificate register of a period (leaf certificates valid at some time in it, as recorded
 * by `asOf`) in pages, each certificate with where it stood at the period's end (or `asOf`, if
 * earlier) and the assets it was deployed on by then: what an assessment reports on.
 */
export async function* assessedCertificatePages(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<AssessedCertificate[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  for await (const page of certificateRegisterPages(ctx, window)) {
    const ids = page.map((certificate) => certificate.id);
    const superseded = await certificateRepository.supersededAt(ctx.db, ids);
    const deployments = await certificateRepository.deployedOnBy(ctx.db, ids, window);
    yield page.map(({ expiredByEnd: _expiredByEnd, ...certificate }) => {
      const supersededAt = superseded.get(certificate.id) ?? null;
      const replacedAt = supersededAt !== null && supersededAt <= until ? supersededAt : null;
      const deployedOn = new Set(certificate.assetKey === null ? [] : [certificate.assetKey]);
      for (const deployment of deployments) {
        if (deployment.certificate_id === certificate.id) deployedOn.add(deployment.asset_key);
      }
      return {
        ...certificate,
        // As the register shows it: superseded only if it was by the end.
        supersededById: replacedAt === null ? null : certificate.supersededById,
        stateAtEnd: stateAtEnd(certificate, replacedAt, until),
        replacedAt,
        deployedOn: [...deployedOn].sort(),
      };
    });
  }
}

/** An endpoint's last probe in a period, and whether it is a finding against TLS 1.2 or newer. */
export interface AssessedProbe {
  endpointId: string;
  host: string;
  port: number;
  assetKey: string | null;
  probedAt: Date;
  outcome: ProbeOutcome;
  belowTls12: boolean;
  protocol: string | null;
  cipher: string | null;
  detail: string;
  leafCertificateId: string | null;
  leafSubject: string | null;
}

/** The last probe of every endpoint probed in the period (by `asOf`), by host and port. */
export async function lastProbesDuring(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): Promise<AssessedProbe[]> {
  const rows = await certificateRepository.lastProbesDuring(ctx.db, window);
  return rows.map((row) => ({
    endpointId: row.endpoint_id,
    host: row.host,
    port: row.port,
    assetKey: row.asset_key,
    probedAt: row.probed_at,
    outcome: row.outcome as ProbeOutcome,
    belowTls12: isProtocolFinding(row.outcome as ProbeOutcome),
    protocol: row.protocol,
    cipher: row.cipher,
    detail: row.detail,
    leafCertificateId: row.leaf_certificate_id,
    leafSubject: row.leaf_subject,
  }));
}
