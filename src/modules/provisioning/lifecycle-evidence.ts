import { AppError, notFound } from '../../platform/errors.js';
import type { AttachmentOwner } from '../attachments/attachment-owner.js';
import { DECOMMISSIONING_RECORD_TYPE } from './decommissioning-records.service.js';
import { decommissioningRepository } from './decommissioning.repository.js';
import { PROVISIONING_RECORD_TYPE } from './provisioning-requests.service.js';
import { provisioningRepository } from './provisioning.repository.js';

function refuseProvisioning(row: { status: string } | undefined): void {
  if (!row) throw notFound('Provisioning request');
  if (row.status === 'verified') {
    throw new AppError('conflict', 'The request is verified: its evidence was signed and is final');
  }
}

function refuseDecommissioning(row: { status: string } | undefined): void {
  if (!row) throw notFound('Decommissioning record');
  if (row.status === 'signed') {
    throw new AppError('conflict', 'The record is signed: its evidence is final');
  }
}

/** Test results, baseline reports: added until the last acceptance criterion is verified. */
export const provisioningEvidence: AttachmentOwner = {
  recordType: PROVISIONING_RECORD_TYPE,
  async check(db, recordId) {
    refuseProvisioning(await provisioningRepository.findById(db, recordId));
  },
  async lock(tx, recordId) {
    refuseProvisioning(await provisioningRepository.lock(tx.trx, recordId));
    return { occurrenceId: null };
  },
};

/** Sanitisation or destruction certificates, archive proofs: added until the record is signed. */
export const decommissioningEvidence: AttachmentOwner = {
  recordType: DECOMMISSIONING_RECORD_TYPE,
  async check(db, recordId) {
    refuseDecommissioning(await decommissioningRepository.findById(db, recordId));
  },
  async lock(tx, recordId) {
    refuseDecommissioning(await decommissioningRepository.lock(tx.trx, recordId));
    return { occurrenceId: null };
  },
};
