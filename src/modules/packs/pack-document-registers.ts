import type { AppContext } from '../../platform/context.js';
import {
  documentsInEffectPages,
  documentVersionSource,
  type DocumentInEffect,
} from '../documents/document-register.js';
import { trainingRegisterPages } from '../training/training-register.js';
import type { PeriodWindow } from './pack-records.repository.js';
import { csvChunks, type PackRegister } from './pack-registers.js';

async function* documentRows(ctx: Pick<AppContext, 'db'>, at: Date) {
  for await (const page of documentsInEffectPages(ctx, at)) yield page.documents;
}
async function* signatureRows(ctx: Pick<AppContext, 'db'>, at: Date) {
  for await (const page of documentsInEffectPages(ctx, at)) yield page.signatures;
}

/**
 * The controlled documents in effect at the pack's instant (ISO 13485 4.2.4): their register,
 * the e-signatures that reviewed and approved them, each version's file as imported, and the
 * training register of the period (ISO 13485 6.2). Documents are few, so their files are listed
 * before the pack is written; every other register is read page by page as it is written.
 */
export async function documentRegisters(
  ctx: Pick<AppContext, 'db'>,
  window: PeriodWindow,
): Promise<PackRegister[]> {
  const inEffect: DocumentInEffect[] = [];
  for await (const page of documentsInEffectPages(ctx, window.asOf)) {
    inEffect.push(...page.documents);
  }
  return [
    {
      path: 'registers/documents.csv',
      title: 'Controlled documents in effect at the pack’s instant, one approved version each',
      chunks: () =>
        csvChunks(
          [
            'key',
            'version',
            'title',
            'author',
            'reviewers',
            'approvers',
            'contentSha256',
            'approvedAt',
            'effectiveAt',
            'reviewDueOn',
            'versionId',
          ],
          documentRows(ctx, window.asOf),
        ),
    },
    {
      path: 'registers/document-signatures.csv',
      title: 'E-signatures on those versions: attested approvals, reviews and approvals',
      chunks: () =>
        csvChunks(
          [
            'documentKey',
            'version',
            'signatureId',
            'meaning',
            'signerLabel',
            'signerRole',
            'method',
            'note',
            'recordSha256',
            'signedAt',
          ],
          signatureRows(ctx, window.asOf),
        ),
    },
    ...inEffect.map((document): PackRegister => ({
      path: `documents/${document.key}-v${document.version}.md`,
      title: `${document.key} v${document.version}: ${document.title} (the file as imported, SHA-256 ${document.contentSha256})`,
      async *chunks() {
        yield await documentVersionSource(ctx, document.versionId);
      },
    })),
    {
      path: 'registers/training.csv',
      title:
        'Training assigned by the period’s end: person, document version, due, completed, score, state at the end',
      chunks: () =>
        csvChunks(
          [
            'id',
            'personEmail',
            'personName',
            'role',
            'document',
            'version',
            'title',
            'contentSha256',
            'assignedAt',
            'dueAt',
            'completedAt',
            'score',
            'signatureId',
            'stateAtEnd',
          ],
          trainingRegisterPages(ctx, window),
        ),
    },
  ];
}
