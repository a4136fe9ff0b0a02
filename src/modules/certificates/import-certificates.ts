import type { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { getAsset } from '../register/asset-queries.js';
import type { ImportCertificatesResult } from './certificate.schema.js';
import { parsePemCertificates } from './parse-pem.js';
import { prepareCertificates, storePreparedCertificates } from './record-certificates.js';

/**
 * Imports the certificates of a PEM chain or bundle (`plumbline certs import FILE`, `POST
 * /certificates/import`): reads all of it first and stores nothing when any block is malformed,
 * holds a private key or is not a certificate; idempotent on the fingerprint. Counts are in
 * certificates. A newer certificate for the same names completes the renewal of the older one.
 */
export async function importCertificates(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: Readable | AsyncIterable<Buffer | string>,
  options: { assetKey?: string | undefined } = {},
): Promise<ImportCertificatesResult> {
  const certificates = await parsePemCertificates(input);
  const asset = options.assetKey ? await getAsset(ctx, options.assetKey) : null;
  const prepared = await prepareCertificates(ctx, certificates);
  const stored = await mutate(
    ctx,
    actor,
    async (tx) => {
      const result = await storePreparedCertificates(tx, prepared, {
        assetId: asset?.id ?? null,
        source: 'import',
      });
      return result;
    },
    // A re-import of known certificates changes nothing and writes no audit entry.
    { mayFindNothingToDo: true },
  );
  const created = stored.stored.filter((certificate) => certificate.created).length;
  return {
    received: certificates.length,
    created,
    alreadyRecorded: certificates.length - created,
    certificates: stored.stored,
    renewalsCompleted: stored.renewalsCompleted,
  };
}
