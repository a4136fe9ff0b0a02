import { can } from '../../platform/auth/policy.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Ability } from '../signatures/second-person-rule.js';
import type {
  AccessReviewCampaignView,
  AccessReviewDecision,
  AccessReviewItemView,
  AccessReviewStatus,
} from './access-review.schema.js';
import type { CampaignRow, ItemRow } from './access-reviews.repository.js';

type Progress = AccessReviewCampaignView['progress'];

function progressOf(raw: unknown): Progress {
  const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<
    Record<keyof Progress, number | string>
  > | null;
  const count = (key: keyof Progress) => Number(value?.[key] ?? 0);
  return {
    total: count('total'),
    pending: count('pending'),
    keep: count('keep'),
    revoke: count('revoke'),
    change: count('change'),
    outstanding: count('outstanding'),
  };
}

export function toCampaignView(row: CampaignRow): AccessReviewCampaignView {
  return {
    id: row.id,
    asset: row.asset_key,
    assetName: row.asset_name,
    quarter: row.quarter,
    status: row.status as AccessReviewStatus,
    owner: row.owner_person || row.owner_role,
    delegates: row.delegates,
    snapshotTakenAt: row.snapshot_taken_at.toISOString(),
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    signedBy: row.signed_by,
    signedAt: row.signed_at?.toISOString() ?? null,
    signatureId: row.signature_id,
    occurrenceId: row.occurrence_id,
    progress: progressOf(row.progress),
  };
}

export function toItemView(row: ItemRow): AccessReviewItemView {
  return {
    id: row.id,
    username: row.username,
    personEmail: row.person_email,
    roles: row.roles,
    privileged: row.privileged,
    mfaEnabled: row.mfa_enabled,
    disabled: row.disabled,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    decision: row.decision as AccessReviewDecision | null,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    carriedOutAt: row.carried_out_at ? new Date(row.carried_out_at).toISOString() : null,
  };
}

export type ReviewerDecision =
  | { allowed: true }
  | { allowed: false; code: 'forbidden' | 'conflict' | 'unauthenticated'; reason: string };

/**
 * Who reviews a system's accounts: the asset's owner (its owner person, or anyone of its owner
 * role) or a delegate the campaign names, holding `access-reviews:decide`, while the campaign is
 * open. The routes enforce it and the detail view reports it.
 */
export function decideReviewer(
  principal: Principal | null,
  campaign: Pick<CampaignRow, 'status' | 'owner_role' | 'owner_person' | 'delegates' | 'asset_key'>,
): ReviewerDecision {
  if (!principal) return { allowed: false, code: 'unauthenticated', reason: 'Sign in first' };
  const { actor } = principal;
  if (!can(actor.role, 'access-reviews:decide')) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: `The ${actor.role} role does not allow reviewing access`,
    };
  }
  if (campaign.status !== 'open') {
    return { allowed: false, code: 'conflict', reason: 'The campaign is signed' };
  }
  const label = actor.label.toLowerCase();
  const isReviewer =
    actor.role === campaign.owner_role ||
    (campaign.owner_person !== '' && label === campaign.owner_person.toLowerCase()) ||
    campaign.delegates.includes(label);
  if (!isReviewer) {
    return {
      allowed: false,
      code: 'forbidden',
      reason: `Only the owner of ${campaign.asset_key} (${campaign.owner_person || campaign.owner_role}) or a delegate of this campaign reviews its accounts`,
    };
  }
  return { allowed: true };
}

export function abilityOfReviewer(decision: ReviewerDecision): Ability {
  return decision.allowed
    ? { allowed: true, reason: null }
    : { allowed: false, reason: decision.reason };
}
