import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors.js';

/**
 * The front matter of a controlled document (the seed SOP's format): YAML between two `---` lines
 * at the top of a Markdown file. The fields Plumbline acts on are typed here; every other field is
 * kept as it was written (stored as JSON) and shown with the version, never dropped.
 */

export const IMPORTABLE_STATUSES = ['draft', 'in_review', 'approved', 'effective'] as const;
export const TRAINING_MODES = ['acknowledge', 'quiz'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'is not a calendar date');
const name = z.string().trim().min(1).max(200);

export const frontMatterSchema = z.object({
  id: z
    .string({ error: 'is required' })
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/,
      'must be letters, digits, dots, dashes (e.g. SOP-018)',
    ),
  title: z.string({ error: 'is required' }).trim().min(1).max(300),
  version: z.number().int().min(1).max(100_000).optional(),
  status: z.enum(IMPORTABLE_STATUSES).default('draft'),
  author: name,
  reviewers: z.array(name).max(50).default([]),
  approvers: z.array(name).min(1).max(50),
  effective_date: isoDate.optional(),
  review_date: isoDate.optional().describe('Next periodic review; default one year on'),
  training: z
    .object({
      required_departments: z.array(name).min(1).max(100),
      training_mode: z.enum(TRAINING_MODES).default('acknowledge'),
      due_days: z.number().int().min(1).max(3650).default(30),
    })
    .optional(),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

const KNOWN_FIELDS = new Set(Object.keys(frontMatterSchema.shape));

export interface ParsedDocument {
  frontMatter: FrontMatter;
  /** The front matter exactly as written (every field, known or not). */
  raw: Record<string, unknown>;
  /** Fields Plumbline does not act on, kept as they were. */
  unknown: Record<string, unknown>;
  body: string;
}

const invalid = (message: string, issues: FieldIssue[]) =>
  new AppError('validation_failed', message, { issues });

/** Parses YAML text strictly: every YAML error and warning is an issue naming its line. */
export function parseStrictYaml(text: string, field: string, lineOffset = 0): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    throw invalid(`The ${field} is not valid YAML`, [
      ...problems.map((problem) => ({
        path: `${field} line ${(problem.linePos?.[0]?.line ?? 0) + lineOffset}`,
        message: problem.message.split('\n')[0] ?? problem.code,
      })),
    ]);
  }
  return document.toJS();
}

/** Splits and checks a Markdown document with YAML front matter; throws 400 naming each field. */
export function parseControlledDocument(markdown: string): ParsedDocument {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    throw invalid('The document has no front matter', [
      { path: 'frontMatter', message: 'must open the file between two --- lines' },
    ]);
  }
  const raw = parseStrictYaml(match[1]!, 'frontMatter', 1);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalid('The front matter is not a YAML mapping', [
      { path: 'frontMatter', message: 'must be a mapping of fields (id: …, title: …)' },
    ]);
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      'The front matter has invalid fields',
      parsed.error.issues.map((issue) => ({
        path: ['frontMatter', ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  }
  const record = raw as Record<string, unknown>;
  const unknown = Object.fromEntries(
    Object.entries(record).filter(([key]) => !KNOWN_FIELDS.has(key)),
  );
  return { frontMatter: parsed.data, raw: record, unknown, body: text.slice(match[0].length) };
}
