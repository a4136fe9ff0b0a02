/**
 * The closed set of states of a controlled document's version and the one function that moves
 * between them: draft → in_review → approved → effective → superseded, and retired from any state
 * before superseded. Nothing is deleted; a version leaves the lifecycle only as superseded or
 * retired.
 */
export const DOCUMENT_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'effective',
  'superseded',
  'retired',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Which states each state may move to: the only definition of the transitions. */
export const DOCUMENT_TRANSITIONS: Record<DocumentStatus, readonly DocumentStatus[]> = {
  draft: ['in_review', 'retired'],
  in_review: ['approved', 'retired'],
  approved: ['effective', 'retired'],
  effective: ['superseded', 'retired'],
  superseded: [],
  retired: [],
};

export interface DocumentVersionFacts {
  status: DocumentStatus;
  /** Reviewer names without a "reviewed" signature. */
  reviewsOutstanding: readonly string[];
  /** Approver names without an "approved" signature. */
  approvalsOutstanding: readonly string[];
  /** Reviewer or approver names that match no role, person, group or mapping. */
  unmappedNames: readonly string[];
  /** Whether the approval was given outside Plumbline and attested by the importer's signature. */
  approvalAttested: boolean;
}

export type TransitionDecision = { ok: true } | { ok: false; reason: string };

/**
 * Whether a version may move to `to`. It leaves review only when every name it lists resolves to
 * someone, and is approved only when every reviewer and every approver has signed (or the
 * approval given outside Plumbline was attested by signature on import).
 */
export function decideDocumentTransition(
  facts: DocumentVersionFacts,
  to: DocumentStatus,
): TransitionDecision {
  if (!DOCUMENT_TRANSITIONS[facts.status].includes(to)) {
    return { ok: false, reason: `a version that is ${facts.status} cannot become ${to}` };
  }
  switch (to) {
    case 'approved':
      if (facts.approvalAttested) return { ok: true };
      if (facts.unmappedNames.length > 0) {
        return {
          ok: false,
          reason: `map ${facts.unmappedNames.join(', ')} to people in the settings first`,
        };
      }
      if (facts.reviewsOutstanding.length > 0) {
        return {
          ok: false,
          reason: `waiting for the review of ${facts.reviewsOutstanding.join(', ')}`,
        };
      }
      if (facts.approvalsOutstanding.length > 0) {
        return {
          ok: false,
          reason: `waiting for the approval of ${facts.approvalsOutstanding.join(', ')}`,
        };
      }
      return { ok: true };
    case 'draft':
    case 'in_review':
    case 'effective':
    case 'superseded':
    case 'retired':
      return { ok: true };
  }
}
