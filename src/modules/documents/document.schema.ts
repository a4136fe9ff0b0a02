import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { quizInputSchema } from '../training/quiz.js';
import { DOCUMENT_STATUSES } from './document-status.js';
import { TRAINING_MODES } from './front-matter.js';
import { signingProofField } from '../signatures/signature-credentials.schema.js';

const credentials = {
  password: z.string().min(1).max(1000).optional(),
  totpCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  signingProof: signingProofField,
};

export const documentKeyParams = z.object({ key: z.string().min(1).max(80) });
export const documentVersionParams = documentKeyParams.extend({
  version: z.coerce.number().int().min(1).max(100_000),
});

export const importDocumentBodySchema = z.object({
  markdown: z
    .string()
    .min(1)
    .max(1_000_000)
    .describe('The whole file: YAML front matter between --- lines, then the Markdown text'),
  quizYaml: z
    .string()
    .max(200_000)
    .optional()
    .describe('The sibling <file>.quiz.yaml: pass_mark and questions with options and answer'),
  attestApproval: z
    .object({
      note: z.string().trim().min(1).max(2000).describe('Where and when it was approved'),
      ...credentials,
    })
    .optional()
    .describe(
      'For a file with status approved: the importer signs that the approval was given outside Plumbline; without it the version enters review',
    ),
});
export type ImportDocumentBody = z.infer<typeof importDocumentBodySchema>;

export const importDocumentResultSchema = z.object({
  received: z.number().int(),
  created: z.number().int().describe('1 when a new version was recorded'),
  alreadyRecorded: z
    .number()
    .int()
    .describe('1 when the same content is already the latest version'),
  key: z.string(),
  version: z.number().int(),
  status: z.enum(DOCUMENT_STATUSES),
  contentSha256: z.string(),
  unmappedNames: z
    .array(z.string())
    .describe(
      'Reviewer or approver names matching no role, person or group: map them in the settings',
    ),
  notes: z.array(z.string()).describe('What the import decided, in words'),
});
export type ImportDocumentResult = z.infer<typeof importDocumentResultSchema>;

export const trainingViewSchema = z.object({
  requiredDepartments: z.array(z.string()),
  mode: z.enum(TRAINING_MODES),
  dueDays: z.number().int(),
});

export const signoffViewSchema = z.object({
  kind: z.enum(['reviewed', 'approved']),
  name: z.string(),
  signatureId: z.uuid(),
  signerLabel: z.string(),
  signedAt: z.string(),
});

export const documentSummarySchema = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  owner: z.string(),
  version: z.number().int().describe('The latest version'),
  status: z.enum(DOCUMENT_STATUSES).describe("The latest version's status"),
  effectiveVersion: z.number().int().nullable(),
  contentSha256: z.string(),
  reviewDueOn: z.string(),
  quizMissing: z
    .boolean()
    .describe('Quiz training without questions: read-and-acknowledge until questions are attached'),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const documentVersionViewSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(DOCUMENT_STATUSES),
  title: z.string(),
  author: z.string(),
  reviewers: z.array(z.string()),
  approvers: z.array(z.string()),
  training: trainingViewSchema.nullable(),
  frontMatter: z.record(z.string(), z.unknown()).describe('Every field as written in the file'),
  unknownFields: z
    .record(z.string(), z.unknown())
    .describe('Fields Plumbline keeps but does not act on'),
  contentSha256: z.string(),
  effectiveDate: z.string().nullable(),
  reviewDueOn: z.string(),
  quiz: z.object({ passMark: z.number().int(), questionCount: z.number().int() }).nullable(),
  quizMissing: z.boolean(),
  importedAt: z.string(),
  importedBy: z.string(),
  approvedAt: z.string().nullable(),
  effectiveAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  approvalAttested: z
    .object({
      signatureId: z.uuid(),
      signerLabel: z.string(),
      note: z.string(),
      signedAt: z.string(),
    })
    .nullable()
    .describe('The importer signed that the approval was given outside Plumbline'),
  signoffs: z.array(signoffViewSchema),
  reviewsOutstanding: z.array(z.string()),
  approvalsOutstanding: z.array(z.string()),
  unmappedNames: z.array(z.string()),
});
export type DocumentVersionView = z.infer<typeof documentVersionViewSchema>;

export const documentDetailSchema = documentSummarySchema.extend({
  current: documentVersionViewSchema.describe('The latest version'),
  effective: documentVersionViewSchema.nullable(),
  history: z.array(
    z.object({
      kind: z.string(),
      version: z.number().int().nullable(),
      text: z.string(),
      at: z.string(),
      by: z.string(),
    }),
  ),
  links: z.array(z.object({ kind: z.enum(['requirement', 'control']), key: z.string() })),
  periodicReview: z
    .object({
      occurrences: z.array(
        z.object({
          occurrenceId: z.uuid(),
          version: z.number().int(),
          reviewDueOn: z.string(),
          openedAt: z.string(),
          metAt: z.string().nullable(),
          metBy: z.enum(['new-version', 'reviewed']).nullable(),
        }),
      ),
      reviews: z.array(
        z.object({
          version: z.number().int(),
          reviewDueOn: z.string().describe('The review date this review answered'),
          nextReviewDueOn: z.string(),
          note: z.string(),
          signatureId: z.uuid(),
          signerLabel: z.string(),
          reviewedAt: z.string(),
        }),
      ),
    })
    .describe(
      'The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews',
    ),
  abilities: z.object({
    review: z.object({
      allowed: z.boolean(),
      names: z.array(z.string()),
      reason: z.string().nullable(),
    }),
    approve: z.object({
      allowed: z.boolean(),
      names: z.array(z.string()),
      reason: z.string().nullable(),
    }),
  }),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

export const documentBodySchema = z.object({
  version: z.number().int(),
  markdown: z.string(),
  html: z.string().describe('The Markdown rendered to HTML, every text escaped'),
});

export const listDocumentsQuerySchema = pageQuerySchema.extend({
  status: z.enum(DOCUMENT_STATUSES).optional().describe("The latest version's status"),
});
export type ListDocumentsQuery = z.infer<typeof listDocumentsQuerySchema>;
export const documentPageSchema = pageSchema(documentSummarySchema);

export const signDocumentBodySchema = z.object({
  meaning: z.enum(['reviewed', 'approved']),
  name: z
    .string()
    .max(200)
    .optional()
    .describe('The reviewer or approver name signed for; default every name the signer answers to'),
  note: z.string().max(2000).default(''),
  ...credentials,
});
export type SignDocumentBody = z.infer<typeof signDocumentBodySchema>;

export const transitionDocumentBodySchema = z.object({
  to: z.enum(['in_review', 'retired']).describe('Submit a draft for review, or retire the version'),
  note: z.string().max(2000).default(''),
});
export type TransitionDocumentBody = z.infer<typeof transitionDocumentBodySchema>;

export const quizBodySchema = quizInputSchema;

export const periodicReviewBodySchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, 'say what was reviewed')
    .max(2000)
    .describe('What was reviewed and why no change is needed'),
  nextReviewDueOn: z.iso
    .date('must be a date as YYYY-MM-DD')
    .optional()
    .describe('The next periodic review; default one year after today'),
  ...credentials,
});
export type PeriodicReviewBody = z.infer<typeof periodicReviewBodySchema>;

export const signerMappingBodySchema = z.object({
  emails: z.array(z.email()).max(100).describe('The people the name stands for; empty removes it'),
});
export const signerMappingsSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      emails: z.array(z.string()),
      mappedBy: z.string(),
      mappedAt: z.string(),
    }),
  ),
});

export const linkBodySchema = z.object({
  kind: z.enum(['requirement', 'control']),
  key: z.string().min(1).max(200).describe('e.g. iso13485:4.2.4 or a control key'),
});
