import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { enqueueEmails, type EmailToQueue } from '../../platform/mail/outbox.js';
import { formatLocal } from '../../platform/time/local-time.js';
import { recipientsByRole } from '../notifications/role-recipients.js';
import { openExpiryRenewal, renewalNoticeHorizon } from '../occurrences/open-expiry-renewal.js';
import { certificateRepository } from './certificate.repository.js';

/** The trigger of the renewal SLA control (tls-renewal-before-expiry). */
export const CERTIFICATE_EXPIRY_TRIGGER = 'certificate-expiry';

/**
 * Opens the renewal occurrence of every current leaf certificate that enters its last 30 days, on
 * each asset it is deployed on (imported for it, or presented by one of its endpoints): a
 * `certificate-expiry` trigger event carrying the expiry (idempotent on certificate and asset),
 * recorded with the link to the certificate in one transaction (occurrences/open-expiry-renewal.ts).
 * A newer certificate for the same names, or on the same endpoint, completes it
 * (record-certificates.ts).
 */
export async function openCertificateRenewals(
  ctx: Pick<AppContext, 'db' | 'clock'>,
): Promise<number> {
  const deployments = await certificateRepository.deploymentsExpiringBy(
    ctx.db,
    renewalNoticeHorizon(ctx.clock.now()),
  );
  let opened = 0;
  for (const deployment of deployments.filter((d) => !d.renewalOpened)) {
    opened += await openExpiryRenewal(
      ctx,
      {
        trigger: CERTIFICATE_EXPIRY_TRIGGER,
        asset: deployment.asset_key,
        expiresAt: deployment.not_after,
        externalId: `certificate-expiry:${deployment.certificate_id}:${deployment.asset_id}`,
        details: {
          certificateId: deployment.certificate_id,
          subject: deployment.subject.slice(0, 300),
          fingerprintSha256: deployment.fingerprint_sha256,
        },
      },
      async (tx, occurrenceIds) => {
        for (const occurrenceId of occurrenceIds) {
          await certificateRepository.insertRenewal(tx.trx, {
            certificateId: deployment.certificate_id,
            assetId: deployment.asset_id,
            occurrenceId,
            now: tx.now,
          });
        }
      },
    );
  }
  return opened;
}

/**
 * An expired certificate still presented by an endpoint of a production asset is a missed renewal
 * SLA: one alert per endpoint, certificate and person of the asset's owner role, queued in the
 * outbox (deduplicated) with its audit entry.
 */
export async function alertExpiredProductionCertificates(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
): Promise<number> {
  const expired = await certificateRepository.expiredOnProductionEndpoints(ctx.db, ctx.clock.now());
  if (expired.length === 0) return 0;
  const recipients = await recipientsByRole(
    ctx,
    expired.map((row) => row.owner_role),
  );
  return mutate(
    ctx,
    systemActor,
    async (tx) => {
      let queued = 0;
      for (const row of expired) {
        const emails: EmailToQueue[] = (recipients.get(row.owner_role) ?? []).map((person) => ({
          recipient: person.email,
          subject: `Certificate expired: ${row.host}:${row.port} (${row.asset_key})`,
          text:
            `The certificate presented by ${row.host}:${row.port} on ${row.asset_key} expired on ` +
            `${formatLocal(row.not_after, ctx.config.timezone)}.\n\n` +
            `Subject: ${row.subject}\nSHA-256: ${row.fingerprint_sha256}\n\n` +
            `Its renewal was due before expiry: the SLA is missed. Deploy a renewed ` +
            `certificate; the next probe records it and completes the renewal.\n\n` +
            `${ctx.config.publicUrl}/certificates` +
            '\n\n--\nPlumbline sent this because it probes the TLS endpoints of production assets.',
          category: 'certificate-expired',
          dedupeKey: `certificate-expired:${row.certificate_id}:${row.endpoint_id}:${person.email}`,
          related: { entityType: 'tls_certificate', entityId: row.certificate_id },
        }));
        const count = await enqueueEmails(tx.trx, emails, tx.now);
        if (count === 0) continue;
        queued += count;
        await tx.audit({
          action: 'certificate.expired_alerted',
          entityType: 'tls_certificate',
          entityId: row.certificate_id,
          after: {
            endpoint: `${row.host}:${row.port}`,
            assetKey: row.asset_key,
            notAfter: row.not_after.toISOString(),
            recipients: emails.map((email) => email.recipient),
          },
        });
      }
      return queued;
    },
    { mayFindNothingToDo: true },
  );
}
