import type { AppContext } from '../../platform/context.js';
import { certificateRegisterPages } from '../certificates/certificate.service.js';
import { findingRegisterPages } from '../vulnerabilities/findings-register.js';
import type { PeriodWindow } from './pack-records.repository.js';
import { csvChunks, type PackRegister } from './pack-registers.js';

/**
 * The vulnerability findings open during the period (with their remediation deadlines and where
 * each stood at the period's end) and the TLS certificates valid during it, read through their
 * modules page by page.
 */
export function securityRegisters(
  ctx: Pick<AppContext, 'db'>,
  window: PeriodWindow,
): PackRegister[] {
  return [
    {
      path: 'registers/vulnerability-findings.csv',
      title:
        'Vulnerability findings open during the period, with the deadline fixed at detection and their status at the end',
      chunks: () =>
        csvChunks(
          [
            'id',
            'assetKey',
            'vulnerabilityId',
            'packageName',
            'installedVersion',
            'severity',
            'scanner',
            'fixedVersion',
            'firstSeenAt',
            'lastSeenAt',
            'fixedAt',
            'slaDueAt',
            'statusAtEnd',
            'overdueAtEnd',
            'acceptedUntil',
            'slaOccurrenceId',
          ],
          findingRegisterPages(ctx, window),
        ),
    },
    {
      path: 'registers/certificates.csv',
      title: 'TLS certificates valid during the period, in expiry order',
      chunks: () =>
        csvChunks(
          [
            'id',
            'subject',
            'subjectAltNames',
            'issuer',
            'serialNumber',
            'fingerprintSha256',
            'notBefore',
            'notAfter',
            'expiredByEnd',
            'keyType',
            'keySize',
            'assetKey',
            'source',
            'supersededById',
            'recordedAt',
            'recordedBy',
          ],
          certificateRegisterPages(ctx, window),
        ),
    },
  ];
}
