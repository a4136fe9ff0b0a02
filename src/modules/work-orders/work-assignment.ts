import { z } from 'zod';
import { assigneeViewSchema } from '../occurrences/occurrence.schema.js';

/**
 * Assigning work to a person, decided without I/O (imitates backup-evaluation.ts: a pure plan,
 * then one transaction that applies it). A piece of work is held in one place: an occurrence
 * stands for itself and its preventive work order, a corrective work order for itself. Only open
 * work is assigned; each row is decided alone, so a refused row writes nothing and the others
 * still apply.
 */

export const WORK_REF_TYPES = ['occurrence', 'work-order'] as const;
export type WorkRefType = (typeof WORK_REF_TYPES)[number];

/** A row of a request: which record the caller named. */
export interface WorkRef {
  type: WorkRefType;
  id: string;
}

/** Where the assignment of a piece of work is kept: its occurrence, or its corrective work order. */
export type AssignmentKey = { occurrenceId: string } | { workOrderId: string };

export function assignmentKeyText(key: AssignmentKey): string {
  return 'occurrenceId' in key ? `occurrence:${key.occurrenceId}` : `work-order:${key.workOrderId}`;
}

/** What the plan needs to know of one requested row, read under lock; null when it does not exist. */
export interface WorkToAssign {
  ref: WorkRef;
  found: {
    key: AssignmentKey;
    label: string;
    /** Why it is closed to assignment ("it is verified"), or null while it is open. */
    closed: string | null;
    currentAssigneeId: string | null;
  } | null;
}

export const ASSIGNMENT_OUTCOMES = ['assigned', 'unassigned', 'unchanged', 'refused'] as const;
export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];

/**
 * Why a row is refused: it does not exist, the same work was named earlier in the request, or
 * the work is closed (done, verified, missed…). A single assignment answers 404 for the first and
 * 409 for the others (assign-work.ts `assignOne`).
 */
export const ASSIGNMENT_REFUSALS = ['not_found', 'named_twice', 'closed'] as const;
export type AssignmentRefusal = (typeof ASSIGNMENT_REFUSALS)[number];

/** One row's decision; a refused row says which refusal it is and, in words, why. */
export type AssignmentDecision =
  | { ref: WorkRef; outcome: 'assigned' | 'unassigned'; reason: null }
  | { ref: WorkRef; outcome: 'unchanged'; reason: string }
  | { ref: WorkRef; outcome: 'refused'; refusal: AssignmentRefusal; reason: string };

const WHAT: Record<WorkRefType, string> = { occurrence: 'Occurrence', 'work-order': 'Work order' };

/**
 * Each row's decision for giving the work to `assigneeId` (null: taking it from whoever holds it).
 * A piece of work named twice (an occurrence and its work order, or the same id again) is decided
 * once, at its first mention.
 */
export function planAssignments(
  rows: readonly WorkToAssign[],
  assigneeId: string | null,
): AssignmentDecision[] {
  const seen = new Set<string>();
  return rows.map(({ ref, found }): AssignmentDecision => {
    if (!found)
      return {
        ref,
        outcome: 'refused',
        refusal: 'not_found',
        reason: `${WHAT[ref.type]} not found`,
      };
    const key = assignmentKeyText(found.key);
    if (seen.has(key))
      return {
        ref,
        outcome: 'refused',
        refusal: 'named_twice',
        reason: 'The same work is named earlier in this request',
      };
    seen.add(key);
    if (found.closed !== null)
      return {
        ref,
        outcome: 'refused',
        refusal: 'closed',
        reason: `${found.label} cannot be assigned: ${found.closed}`,
      };
    if (found.currentAssigneeId === assigneeId)
      return {
        ref,
        outcome: 'unchanged',
        reason:
          assigneeId === null
            ? 'It is not assigned to anyone'
            : 'It is already assigned to this person',
      };
    return { ref, outcome: assigneeId === null ? 'unassigned' : 'assigned', reason: null };
  });
}

export const assignmentResultSchema = z.object({
  type: z.enum(WORK_REF_TYPES),
  id: z.string(),
  outcome: z
    .enum(ASSIGNMENT_OUTCOMES)
    .describe('assigned/unassigned: written; unchanged: already so; refused: nothing written'),
  reason: z.string().nullable().describe('Why a row was refused or left unchanged'),
});
export type AssignmentResult = z.infer<typeof assignmentResultSchema>;

/** The person a piece of work is assigned to, as views show them. */
export const assigneeSchema = assigneeViewSchema.describe(
  'The person the work is assigned to now, or null',
);
export type Assignee = z.infer<typeof assigneeSchema>;

const assigneeIdSchema = z
  .uuid('must be the id of a person (GET /api/v1/colleagues), or null to unassign')
  .nullable();

export const assignBodySchema = z.object({ assigneeId: assigneeIdSchema });

/** At most one table page's worth of rows per bulk request. */
export const MAX_BULK_ASSIGN = 200;

export const bulkAssignBodySchema = z.object({
  assigneeId: assigneeIdSchema,
  items: z
    .array(z.object({ type: z.enum(WORK_REF_TYPES), id: z.uuid('must be a UUID') }))
    .min(1, 'name at least one occurrence or work order')
    .max(MAX_BULK_ASSIGN, `at most ${MAX_BULK_ASSIGN} rows per request`),
});
export type BulkAssignInput = z.infer<typeof bulkAssignBodySchema>;

export const bulkAssignResponseSchema = z.object({
  assigneeId: z.uuid().nullable(),
  results: z.array(assignmentResultSchema).describe('One per row, in the order given'),
  counts: z.object({
    assigned: z.number(),
    unassigned: z.number(),
    unchanged: z.number(),
    refused: z.number(),
  }),
});
export type BulkAssignResponse = z.infer<typeof bulkAssignResponseSchema>;
