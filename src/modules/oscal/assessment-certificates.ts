import type { AppContext } from '../../platform/context.js';
import {
  assessedCertificatePages,
  lastProbesDuring,
  type AssessedCertificate,
  type AssessedProbe,
} from '../certificates/certificate-assessment.js';
import { CERTIFICATE_EXPIRY_TRIGGER } from '../certificates/certificate-expiry.js';
import type { ActiveControl } from '../controls/active-control-definitions.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import type { AssessmentWindow, ObservedAssets } from './assessment-observations.js';
import { oscalControlId, stableUuid } from './oscal-identifiers.js';
import { nonEmpty, plumblineProps } from './oscal-metadata.js';

/**
 * The requirements certificates bear on, from the framework's controls: renewal before expiry
 * (the controls the `certificate-expiry` trigger starts) and TLS 1.2 or newer in transit (the
 * other controls evaluated from certificate scans: the TLS configuration scan). Empty lists when
 * the framework maps none, and then that part stays out of its document.
 */
export function certificateRequirements(
  controls: ActiveControl[],
  frameworkRequirements: Set<string>,
): { renewal: string[]; tls: string[] } {
  const requirementsOf = (chosen: ActiveControl[]) =>
    [...new Set(chosen.flatMap(({ content }) => content.requirements))]
      .filter((key) => frameworkRequirements.has(key))
      .sort();
  const renewal = controls.filter(
    ({ content }) => content.sla?.trigger === CERTIFICATE_EXPIRY_TRIGGER,
  );
  const tls = controls.filter(
    ({ content }) =>
      content.sla?.trigger !== CERTIFICATE_EXPIRY_TRIGGER &&
      evaluatedSourceOf(content.evaluation) === 'certificate-scans',
  );
  return { renewal: requirementsOf(renewal), tls: requirementsOf(tls) };
}

/** A certificate's inventory item: the same certificate keeps its UUID across exports. */
const certificateItemUuid = (id: string) => stableUuid(`inventory-item/certificate/${id}`);

const certificateObservationUuid = (certificate: AssessedCertificate, window: AssessmentWindow) =>
  stableUuid(`observation/certificate/${certificate.id}/${window.end.toISOString()}`);

const probeObservationUuid = (probe: AssessedProbe, window: AssessmentWindow) =>
  stableUuid(`observation/tls-endpoint/${probe.endpointId}/${window.end.toISOString()}`);

const commonName = (subject: string) => /CN=([^,]+)/.exec(subject)?.[1] ?? subject;

function certificateProps(certificate: AssessedCertificate) {
  return plumblineProps([
    ['certificate-subject', certificate.subject],
    ...certificate.subjectAltNames.map((name): [string, string] => ['certificate-name', name]),
    ['certificate-issuer', certificate.issuer],
    ['certificate-serial', certificate.serialNumber],
    ['certificate-not-before', certificate.notBefore],
    ['certificate-not-after', certificate.notAfter],
    [
      'certificate-key',
      `${certificate.keyType}${certificate.keySize ? ` ${certificate.keySize}` : ''}`,
    ],
    ['certificate-fingerprint-sha256', certificate.fingerprintSha256],
    ['certificate-state-at-end', certificate.stateAtEnd],
    ...certificate.deployedOn.map((key): [string, string] => ['asset-key', key]),
  ]);
}

/** One certificate of the register: an inventory item implemented by the assets it is on. */
function inventoryItem(certificate: AssessedCertificate, assets: ObservedAssets) {
  const subjects = assets.subjects(certificate.deployedOn).subjects ?? [];
  return {
    uuid: certificateItemUuid(certificate.id),
    description: `TLS certificate ${commonName(certificate.subject)} issued by ${commonName(certificate.issuer)}, valid ${certificate.notBefore} to ${certificate.notAfter}.`,
    props: certificateProps(certificate),
    ...nonEmpty(
      'implemented-components',
      subjects.map((subject) => ({ 'component-uuid': subject['subject-uuid'] })),
    ),
  };
}

/** A certificate expired, or in its renewal window, at the end of the period. */
function certificateObservation(
  certificate: AssessedCertificate,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const name = commonName(certificate.subject);
  const where = certificate.deployedOn.length > 0 ? ` on ${certificate.deployedOn.join(', ')}` : '';
  const state =
    certificate.stateAtEnd === 'expired'
      ? `expired at ${certificate.notAfter} without a newer certificate for its names recorded before then`
      : `in its renewal window at the end of the period, expiring ${certificate.notAfter} with no newer certificate recorded`;
  return {
    uuid: certificateObservationUuid(certificate, window),
    title: `Certificate ${name}${where}: ${certificate.stateAtEnd}`,
    description: `The certificate ${certificate.subject} (serial ${certificate.serialNumber})${where} was ${state}.`,
    props: certificateProps(certificate),
    methods: ['EXAMINE'],
    ...(certificate.stateAtEnd === 'expired' ? { types: ['finding'] } : {}),
    subjects: [
      { 'subject-uuid': certificateItemUuid(certificate.id), type: 'inventory-item' },
      ...(assets.subjects(certificate.deployedOn).subjects ?? []),
    ],
    collected: (certificate.stateAtEnd === 'expired'
      ? new Date(certificate.notAfter)
      : window.end < window.asOf
        ? window.end
        : window.asOf
    ).toISOString(),
  };
}

/** An endpoint whose last probe of the period found a protocol older than TLS 1.2. */
function probeObservation(
  probe: AssessedProbe,
  window: AssessmentWindow,
  assets: ObservedAssets,
  inventory: Set<string>,
) {
  const certificate = probe.leafSubject ? `, presenting ${probe.leafSubject}` : '';
  // Its certificate is a subject when the register of the period holds it.
  const leaf =
    probe.leafCertificateId !== null && inventory.has(probe.leafCertificateId)
      ? [{ 'subject-uuid': certificateItemUuid(probe.leafCertificateId), type: 'inventory-item' }]
      : [];
  return {
    uuid: probeObservationUuid(probe, window),
    title: `TLS below 1.2 on ${probe.host}:${probe.port}`,
    description: `The last probe of ${probe.host}:${probe.port} in the period (${probe.probedAt.toISOString()}${probe.assetKey ? `, asset ${probe.assetKey}` : ''}${certificate}) found ${probe.outcome.replace(/_/g, ' ')}: ${probe.detail}`,
    props: plumblineProps([
      ['tls-endpoint', `${probe.host}:${probe.port}`],
      ['asset-key', probe.assetKey],
      ['tls-probe-outcome', probe.outcome],
      ['tls-protocol', probe.protocol],
      ['tls-cipher', probe.cipher],
    ]),
    methods: ['TEST'],
    types: ['finding'],
    ...nonEmpty('subjects', [...leaf, ...(assets.subjects([probe.assetKey]).subjects ?? [])]),
    collected: probe.probedAt.toISOString(),
  };
}

/** A not-satisfied finding per requirement, with the observations that show why. */
function requirementFinding(
  kind: 'certificate-expired' | 'tls-below-1-2',
  requirementKey: string,
  window: AssessmentWindow,
  title: string,
  description: string,
  observationUuids: string[],
) {
  return {
    uuid: stableUuid(`finding/${kind}/${requirementKey}/${window.end.toISOString()}`),
    title,
    description,
    props: plumblineProps([
      ['requirement-key', requirementKey],
      [`${kind}-count`, observationUuids.length],
    ]),
    target: {
      type: 'objective-id',
      'target-id': oscalControlId(requirementKey),
      status: { state: 'not-satisfied', reason: 'fail' },
    },
    'related-observations': observationUuids.map((uuid) => ({ 'observation-uuid': uuid })),
  };
}

/**
 * What the period's certificates and TLS probes say, for a framework whose controls they bear on:
 * the certificate register as inventory items (each implemented by the assets it is on); an
 * observation per certificate expired (unrenewed) or in its renewal window at the period's end,
 * and per endpoint whose last probe of the period found a protocol below TLS 1.2; and a finding,
 * per requirement of the renewal controls, naming the expired certificates, and per requirement
 * of the TLS configuration controls, naming the endpoints below TLS 1.2.
 */
export async function certificateAssessment(
  ctx: Pick<AppContext, 'db'>,
  window: AssessmentWindow,
  requirements: { renewal: string[]; tls: string[] },
  assets: ObservedAssets,
) {
  const inventoryItems: unknown[] = [];
  const inventory = new Set<string>();
  const observations: unknown[] = [];
  const findings: unknown[] = [];
  const expired: AssessedCertificate[] = [];
  const renewalRelevant = requirements.renewal.length > 0;
  for await (const page of assessedCertificatePages(ctx, window)) {
    for (const certificate of page) {
      inventoryItems.push(inventoryItem(certificate, assets));
      inventory.add(certificate.id);
      if (!renewalRelevant) continue;
      if (certificate.stateAtEnd === 'expired') expired.push(certificate);
      if (certificate.stateAtEnd === 'expired' || certificate.stateAtEnd === 'expiring') {
        observations.push(certificateObservation(certificate, window, assets));
      }
    }
  }
  if (expired.length > 0) {
    const names = expired.map((c) => commonName(c.subject)).join(', ');
    for (const requirementKey of requirements.renewal) {
      findings.push(
        requirementFinding(
          'certificate-expired',
          requirementKey,
          window,
          `${expired.length} certificate(s) expired without renewal`,
          `Expired in or before the period with no newer certificate recorded before the expiry: ${names}.`,
          expired.map((c) => certificateObservationUuid(c, window)),
        ),
      );
    }
  }
  if (requirements.tls.length > 0) {
    const below = (await lastProbesDuring(ctx, window)).filter((probe) => probe.belowTls12);
    for (const probe of below) {
      observations.push(probeObservation(probe, window, assets, inventory));
    }
    if (below.length > 0) {
      const endpoints = below.map((probe) => `${probe.host}:${probe.port}`).join(', ');
      for (const requirementKey of requirements.tls) {
        findings.push(
          requirementFinding(
            'tls-below-1-2',
            requirementKey,
            window,
            `${below.length} endpoint(s) offering TLS below 1.2`,
            `At their last probe of the period these endpoints accepted or offered only a protocol older than TLS 1.2: ${endpoints}.`,
            below.map((probe) => probeObservationUuid(probe, window)),
          ),
        );
      }
    }
  }
  return { inventoryItems, observations, findings };
}
