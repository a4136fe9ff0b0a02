import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { ScanFormat } from './parsers/index.js';
import { vulnerabilityRepository } from './vulnerability.repository.js';

/**
 * The names a scanned artifact may be registered under: as the report gives it, and for an image
 * reference without its digest and tag (`registry/payments-api:1.4.2` → `registry/payments-api`)
 * and its last path segment (`payments-api`).
 */
export function candidateNames(artifactName: string): string[] {
  const names = [artifactName];
  const withoutDigest = artifactName.split('@')[0] ?? artifactName;
  const lastColon = withoutDigest.lastIndexOf(':');
  const withoutTag =
    lastColon > withoutDigest.lastIndexOf('/') && !withoutDigest.includes('://')
      ? withoutDigest.slice(0, lastColon)
      : withoutDigest;
  names.push(withoutDigest, withoutTag);
  const lastSegment = withoutTag.replace(/\/+$/, '').split('/').at(-1);
  if (lastSegment) names.push(lastSegment);
  return [...new Set(names.filter((name) => name !== ''))];
}

function refuse(message: string, field: string): AppError {
  return new AppError('validation_failed', `Nothing was imported: ${message}`, {
    issues: [{ path: field, message }],
  });
}

/**
 * The asset a scan is of: `asset=KEY` when given, else the one asset whose key, tag or
 * configuration reference equals the report's artifact (target) name; a report that matches
 * none, or several, is refused naming what it could not match.
 */
export async function resolveScannedAsset(
  trx: Transaction<Database>,
  format: ScanFormat,
  scan: { assetKey?: string | undefined; artifactName: string | null },
): Promise<{ id: string; key: string }> {
  if (scan.assetKey !== undefined) {
    const asset = await vulnerabilityRepository.assetByKey(trx, scan.assetKey);
    if (!asset) throw refuse(`no asset has the key "${scan.assetKey}"`, 'querystring.asset');
    return asset;
  }
  if (scan.artifactName === null) {
    throw refuse(
      `the ${format} report names no artifact or target; pass the asset (asset=KEY, --asset KEY)`,
      'querystring.asset',
    );
  }
  const names = candidateNames(scan.artifactName);
  // The most specific name that matches decides: the full reference before its short forms.
  for (const name of names) {
    const assets = await vulnerabilityRepository.assetsNamed(trx, [name]);
    if (assets.length === 1) return assets[0]!;
    if (assets.length > 1) {
      throw refuse(
        `several assets match the scanned artifact "${scan.artifactName}" (${assets.map((a) => a.key).join(', ')}); pass asset=KEY`,
        'querystring.asset',
      );
    }
  }
  throw refuse(
    `no asset matches the scanned artifact "${scan.artifactName}" by key, tag or configuration reference; set one on the asset or pass asset=KEY`,
    'querystring.asset',
  );
}
