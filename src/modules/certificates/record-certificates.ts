import type { AppContext } from '../../platform/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { certificateRepository } from './certificate.repository.js';
import type { ParsedCertificate } from './parse-pem.js';

/** An open renewal occurrence of an older certificate that a certificate being stored may complete. */
interface PendingRenewal {
  certificateId: string;
  occurrence: { id: string; controlKey: string; periodKey: string; status: string };
}

/** What storing certificates needs to read beforehand (outside the transaction). */
export interface PreparedCertificates {
  certificates: ParsedCertificate[];
  renewals: PendingRenewal[];
}

export interface StoredCertificates {
  stored: { id: string; fingerprintSha256: string; subject: string; created: boolean }[];
  renewalsCompleted: number;
}

/**
 * Reads the open renewal occurrences that these certificates may complete: those of current
 * certificates for the same names that expire earlier, and of `alsoRenewing` (the certificate an
 * endpoint presented before).
 */
export async function prepareCertificates(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  certificates: ParsedCertificate[],
  alsoRenewing: string[] = [],
): Promise<PreparedCertificates> {
  const older = new Set(alsoRenewing);
  for (const certificate of certificates) {
    if (certificate.isCa) continue;
    const rows = await certificateRepository.supersedable(
      ctx.db,
      certificate.namesKey,
      certificate.notAfter,
      '00000000-0000-0000-0000-000000000000',
    );
    for (const row of rows) older.add(row.id);
  }
  const renewals: PendingRenewal[] = [];
  for (const row of await certificateRepository.openRenewals(ctx.db, [...older])) {
    const occurrence = await getOccurrence(ctx, row.occurrence_id);
    renewals.push({ certificateId: row.certificate_id, occurrence });
  }
  return { certificates, renewals };
}

/**
 * Stores certificates (idempotent on the SHA-256 fingerprint; a known certificate recorded without
 * an asset is linked to the asset now given) in the caller's transaction. A leaf
 * certificate that expires later than a current one for the same names supersedes it, and so does
 * `supersedes` (what an endpoint presented before, when the new one expires later): the renewal
 * occurrences opened for the superseded certificate are completed and verified, their note naming
 * the new certificate record as the evidence.
 */
export async function storePreparedCertificates(
  tx: AuditedTransaction,
  prepared: PreparedCertificates,
  meta: { assetId: string | null; source: 'import' | 'probe'; supersedes?: string | null },
): Promise<StoredCertificates> {
  const existing = await certificateRepository.idsByFingerprint(
    tx.trx,
    prepared.certificates.map((certificate) => certificate.fingerprintSha256),
  );
  const stored: StoredCertificates['stored'] = [];
  const audit: AuditEntry[] = [];
  for (const certificate of prepared.certificates) {
    let id = existing.get(certificate.fingerprintSha256) ?? null;
    let created = false;
    if (id === null) {
      id = await certificateRepository.insert(tx.trx, certificate, {
        assetId: meta.assetId,
        source: meta.source,
        now: tx.now,
        recordedBy: tx.actor.label,
      });
      // Null only when a concurrent import stored the same certificate first.
      if (id === null) {
        id = (
          await certificateRepository.idsByFingerprint(tx.trx, [certificate.fingerprintSha256])
        ).get(certificate.fingerprintSha256)!;
      } else {
        created = true;
        audit.push({
          action: 'certificate.recorded',
          entityType: 'tls_certificate',
          entityId: id,
          after: {
            fingerprintSha256: certificate.fingerprintSha256,
            subject: certificate.subject,
            subjectAltNames: certificate.subjectAltNames,
            notAfter: certificate.notAfter.toISOString(),
            source: meta.source,
          },
        });
      }
      existing.set(certificate.fingerprintSha256, id);
    } else if (meta.assetId && (await certificateRepository.linkAsset(tx.trx, id, meta.assetId))) {
      // Known, e.g. from a probe, and now imported for the asset it is deployed on.
      audit.push({
        action: 'certificate.asset_linked',
        entityType: 'tls_certificate',
        entityId: id,
        after: { assetId: meta.assetId },
      });
    }
    stored.push({
      id,
      fingerprintSha256: certificate.fingerprintSha256,
      subject: certificate.subject,
      created,
    });
  }
  if (audit.length > 0) await tx.auditMany(audit);

  let renewalsCompleted = 0;
  for (const [index, certificate] of prepared.certificates.entries()) {
    if (certificate.isCa) continue;
    const newId = stored[index]!.id;
    const superseded = (
      await certificateRepository.supersedable(
        tx.trx,
        certificate.namesKey,
        certificate.notAfter,
        newId,
      )
    ).map((row) => row.id);
    if (meta.supersedes && meta.supersedes !== newId) {
      const previous = await certificateRepository.currentLeaf(tx.trx, meta.supersedes);
      if (
        previous &&
        previous.superseded_by_id === null &&
        previous.not_after < certificate.notAfter
      )
        superseded.push(previous.id);
    }
    if (superseded.length === 0) continue;
    await certificateRepository.supersede(tx.trx, superseded, newId);
    await tx.audit({
      action: 'certificate.superseded',
      entityType: 'tls_certificate',
      entityId: newId,
      after: { supersedes: superseded },
    });
    for (const renewal of prepared.renewals.filter((r) => superseded.includes(r.certificateId))) {
      const result = await satisfyOccurrence(tx, renewal.occurrence, {
        note:
          `Renewed: certificate ${newId} (SHA-256 ${certificate.fingerprintSha256}, valid until ` +
          `${certificate.notAfter.toISOString()}) replaces certificate ${renewal.certificateId}.`,
      });
      await certificateRepository.markRenewed(tx.trx, renewal.certificateId, newId, tx.now);
      if (result.recorded) renewalsCompleted += 1;
    }
  }
  return { stored, renewalsCompleted };
}
