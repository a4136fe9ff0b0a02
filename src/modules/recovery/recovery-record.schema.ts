import { attachmentViewSchema, type AttachmentView } from '../attachments/attachment.schema.js';
import { z } from 'zod';
import { abilitySchema } from '../signatures/second-person-rule.js';

/** What restore tests and DR exercises have in common: evidence, signature, deficiencies. */

/** Evidence files of restore tests and DR exercises: the shared attachment view. */
export const recoveryEvidenceViewSchema = attachmentViewSchema;
export type RecoveryEvidenceView = AttachmentView;

/** The verification fields of a recovery record's view. */
export const recoveryVerificationFields = {
  verifiedAt: z.string().nullable(),
  verifierLabel: z.string().nullable(),
  signatureId: z.string().nullable(),
  createdAt: z.string(),
};

/** What the detail of a recovery record adds to its view. */
export const recoveryRecordDetailFields = {
  evidence: z.array(recoveryEvidenceViewSchema),
  deficiencies: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      ownerUserLabel: z.string().nullable(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  satisfiedOccurrences: z
    .array(z.object({ occurrenceId: z.uuid(), controlKey: z.string(), periodKey: z.string() }))
    .describe('The control occurrences its verification completed and verified'),
  abilities: z
    .object({ verify: abilitySchema })
    .describe('What the caller may do with it, decided by the rule the server enforces'),
};
