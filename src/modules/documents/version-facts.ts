import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { DocumentStatus, DocumentVersionFacts } from './document-status.js';
import { documentRepository, type DocumentVersionRow } from './documents.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface VersionSigners {
  facts: DocumentVersionFacts;
  /** The people each listed name stands for (user ids), by the name as written. */
  peopleByName: Map<string, Set<string>>;
  signoffs: Awaited<ReturnType<typeof documentRepository.signoffs>>;
}

/** Names as written, without repeats (case-insensitively). */
export function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Who may sign a version and who still has to: each reviewer and approver name resolved to
 * people (role, e-mail, department, or a mapping from the settings), the sign-offs so far, and
 * the facts the transition function decides on.
 */
export async function versionSigners(db: Db, version: DocumentVersionRow): Promise<VersionSigners> {
  const reviewers = distinctNames(version.reviewers);
  const approvers = distinctNames(version.approvers);
  const [resolved, signoffs] = await Promise.all([
    documentRepository.resolveNames(db, [...reviewers, ...approvers]),
    documentRepository.signoffs(db, [version.id]),
  ]);
  const peopleByName = new Map<string, Set<string>>();
  for (const name of [...reviewers, ...approvers]) {
    peopleByName.set(
      name,
      new Set(resolved.filter((row) => row.name === name.toLowerCase()).map((row) => row.user_id)),
    );
  }
  const signed = (kind: string, name: string) =>
    signoffs.some((row) => row.kind === kind && row.name.toLowerCase() === name.toLowerCase());
  return {
    peopleByName,
    signoffs,
    facts: {
      status: version.status as DocumentStatus,
      reviewsOutstanding: reviewers.filter((name) => !signed('reviewed', name)),
      approvalsOutstanding: approvers.filter((name) => !signed('approved', name)),
      unmappedNames: [...peopleByName].filter(([, people]) => people.size === 0).map(([n]) => n),
      approvalAttested: version.attestation_signature_id !== null,
    },
  };
}
