import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { importCertificates } from '../certificates/import-certificates.js';
import { openCertificateRenewals } from '../certificates/certificate-expiry.js';
import {
  approveFindingException,
  requestFindingException,
} from '../vulnerabilities/finding-exceptions.js';
import { importVulnerabilityScan } from '../vulnerabilities/import-vulnerability-scan.js';
import { listFindings } from '../vulnerabilities/list-findings.js';
import { demoCertificatePem } from './demo-certificate.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { withDemoSession, type DemoMfaEnrolment } from './demo-session.js';
import { demoEmail } from './demo-types.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

const DAY_MS = 86_400_000;

interface DemoVulnerability {
  id: string;
  pkg: string;
  version: string;
  fixed?: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  title: string;
}

const OPENSSL: DemoVulnerability = {
  id: 'CVE-2026-31337',
  pkg: 'libssl3',
  version: '3.0.15-1~deb12u1',
  fixed: '3.0.15-1~deb12u2',
  severity: 'HIGH',
  title: 'openssl: timing side channel in RSA decryption',
};
const EXPAT: DemoVulnerability = {
  id: 'CVE-2026-28757',
  pkg: 'libexpat1',
  version: '2.5.0-1',
  severity: 'MEDIUM',
  title: 'expat: excessive memory use on deeply nested entities',
};
const TAR: DemoVulnerability = {
  id: 'CVE-2026-24012',
  pkg: 'tar',
  version: '1.34+dfsg-1.2',
  severity: 'LOW',
  title: 'tar: path traversal with crafted archive names',
};
const LIBXML: DemoVulnerability = {
  id: 'CVE-2026-40021',
  pkg: 'libxml2',
  version: '2.9.14+dfsg-1.3',
  fixed: '2.9.14+dfsg-1.3~deb12u2',
  severity: 'CRITICAL',
  title: 'libxml2: heap overflow in the XPath parser',
};
const JSONWEBTOKEN: DemoVulnerability = {
  id: 'GHSA-8cf7-32gw-wr33',
  pkg: 'jsonwebtoken',
  version: '9.0.0',
  fixed: '9.0.2',
  severity: 'MEDIUM',
  title: 'jsonwebtoken: insecure default algorithm list',
};

/** A Trivy JSON report (`trivy image --format json`, schema 2) as the tool writes it. */
function trivyReport(artifact: string, at: Date, vulnerabilities: DemoVulnerability[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    CreatedAt: at.toISOString(),
    ArtifactName: artifact,
    ArtifactType: 'container_image',
    Results: [
      {
        Target: `${artifact} (debian 12.8)`,
        Class: 'os-pkgs',
        Type: 'debian',
        Vulnerabilities: vulnerabilities.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: v.version,
          ...(v.fixed ? { FixedVersion: v.fixed } : {}),
          Severity: v.severity,
          Title: v.title,
        })),
      },
    ],
  });
}

/** Each asset's scans, oldest first, in days before the load. */
const DEMO_SCANS: { asset: string; artifact: string; scans: [number, DemoVulnerability[]][] }[] = [
  {
    asset: 'app-rhythm-api',
    artifact: 'registry.kestrel-rhythm.example/rhythm-api:4.18',
    scans: [
      // The high OpenSSL finding is fixed 25 days after detection, within its 30 days.
      [70, [OPENSSL, EXPAT, TAR]],
      [45, [EXPAT, TAR]],
      // The critical libxml2 finding, detected four days ago, is past its 72 hours.
      [4, [EXPAT, TAR, LIBXML]],
    ],
  },
  {
    asset: 'app-clinician-portal',
    artifact: 'registry.kestrel-rhythm.example/clinician-portal:2.7',
    scans: [
      [40, [JSONWEBTOKEN, TAR]],
      [9, [TAR]],
    ],
  },
];

export interface DemoVulnerabilitiesOutcome {
  scans: number;
  overdue: number;
  accepted: number;
  certificateExpiresOn: string;
  /** Security's two-factor enrolment, when its role requires one before it may approve. */
  mfaEnrolled: DemoMfaEnrolment[];
}

/**
 * The demo's scanners and certificates: Trivy scans of two applications over the last months
 * (findings fixed in time, one critical past its 72 hours), a medium finding whose risk the
 * engineer asks to accept and Security approves by signature, and the public certificate of the
 * load balancer expiring in 20 days, whose renewal occurrence is open. Security signs in as the
 * server would let it: where its role requires two-factor authentication it enrols first, and only
 * then approves.
 */
export async function performDemoVulnerabilities(ctx: Ctx): Promise<DemoVulnerabilitiesOutcome> {
  const now = ctx.clock.now();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  let scans = 0;
  for (const { asset, artifact, scans: history } of DEMO_SCANS) {
    for (const [days, vulnerabilities] of history) {
      await importVulnerabilityScan(
        ctx,
        systemActor,
        Readable.from([trivyReport(artifact, daysAgo(days), vulnerabilities)]),
        { format: 'trivy', assetKey: asset },
      );
      scans += 1;
    }
  }

  const [expat] = (
    await listFindings(ctx, {
      asset: 'app-rhythm-api',
      status: 'open',
      overdue: undefined,
      limit: 100,
    })
  ).items.filter((finding) => finding.vulnerabilityId === EXPAT.id);
  let accepted = 0;
  const mfaEnrolled: DemoMfaEnrolment[] = [];
  if (expat) {
    const requested = await withDemoSession(ctx, demoEmail('engineering'), (principal) =>
      requestFindingException(ctx, principal, expat.id, {
        reason:
          'The API parses no XML from outside: expat is pulled in by a build tool only. Removed with the base image update planned for next quarter.',
        expiresAt: new Date(now.getTime() + 90 * DAY_MS).toISOString(),
      }),
    );
    const exception = requested?.exceptions[0];
    if (exception) {
      const approved = await withDemoSession(
        ctx,
        demoEmail('security'),
        (principal) =>
          approveFindingException(
            ctx,
            principal,
            { findingId: expat.id, exceptionId: exception.id },
            {
              credentials: { password: DEMO_PASSWORD },
              note: 'Checked the dependency tree.',
            },
          ),
        { onMfaEnrolled: (enrolment) => mfaEnrolled.push(enrolment) },
      );
      if (approved?.status === 'accepted') accepted += 1;
    }
  }
  const overdue = (await listFindings(ctx, { overdue: true, limit: 100 })).items.length;

  const notAfter = new Date(now.getTime() + 20 * DAY_MS);
  const pem = demoCertificatePem({
    subject: 'api.kestrel-rhythm.example',
    issuer: 'Kestrel Demo Issuing CA R1',
    dnsNames: ['api.kestrel-rhythm.example', 'portal.kestrel-rhythm.example'],
    serial: 4242,
    notBefore: new Date(now.getTime() - 70 * DAY_MS),
    notAfter,
  });
  await importCertificates(ctx, systemActor, Readable.from([pem]), { assetKey: 'lb-prod-eu' });
  await openCertificateRenewals(ctx);
  return {
    scans,
    overdue,
    accepted,
    certificateExpiresOn: notAfter.toISOString().slice(0, 10),
    mfaEnrolled,
  };
}
