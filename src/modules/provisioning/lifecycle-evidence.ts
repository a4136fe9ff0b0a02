import { AppError, notFound } from '../../platform/errors.js';
import { ownerUntilFinal } from '../attachments/attachment-owner.js';
import { DECOMMISSIONING_RECORD_TYPE } from './decommissioning-records.service.js';
import { decommissioningRepository } from './decommissioning.repository.js';
import { PROVISIONING_RECORD_TYPE } from './provisioning-requests.service.js';
import { provisioningRepository } from './provisioning.repository.js';

/** Test results, baseline reports: added until the last acceptance criterion is verified. */
export const provisioningEvidence = ownerUntilFinal({
  recordType: PROVISIONING_RECORD_TYPE,
  read: (db, id) => provisioningRepository.findById(db, id),
  readForUpdate: (trx, id) => provisioningRepository.lock(trx, id),
  refuse(row) {
    if (!row) throw notFound('Provisioning request');
    if (row.status === 'verified') {
      throw new AppError(
        'conflict',
        'The request is verified: its evidence was signed and is final',
      );
    }
  },
});

/** Sanitisation or destruction certificates, archive proofs: added until the record is signed. */
export const decommissioningEvidence = ownerUntilFinal({
  recordType: DECOMMISSIONING_RECORD_TYPE,
  read: (db, id) => decommissioningRepository.findById(db, id),
  readForUpdate: (trx, id) => decommissioningRepository.lock(trx, id),
  refuse(row) {
    if (!row) throw notFound('Decommissioning record');
    if (row.status === 'signed') {
      throw new AppError('conflict', 'The record is signed: its evidence is final');
    }
  },
});
