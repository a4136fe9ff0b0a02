import { durationMs } from '../../platform/time/iso-duration.js';

/** A policy's retention that keeps every backup for good (the SOP's rule for configuration). */
export const INDEFINITE_RETENTION = 'indefinite';

export const RETENTION_STATES = ['met', 'not_met', 'no_listing'] as const;
export type RetentionState = (typeof RETENTION_STATES)[number];

/** What the latest snapshot listing of an asset showed restorable when it was imported. */
export interface PointListing {
  tool: string;
  listedAt: Date;
  oldestPointAt: Date;
  newestPointAt: Date;
  pointCount: number;
}

export interface RetentionCompliance {
  state: RetentionState;
  /** The policy's retention: an ISO 8601 duration, or `indefinite`. */
  retention: string;
  tool: string | null;
  listedAt: Date | null;
  oldestPointAt: Date | null;
  pointCount: number | null;
  /**
   * The latest the oldest listed point may be for the retention to be met; null without a listing
   * and for indefinite retention (nothing to reach back to: only pruning could break it).
   */
  requiredOldestPointAt: Date | null;
}

/**
 * Whether the restore points an asset still has reach back as far as its policy's retention, from
 * its latest snapshot listing: the oldest listed point must be no later than the listing's instant
 * minus the retention, plus one RPO (points come at most an RPO apart, so a tool that prunes at
 * exactly the retention keeps its oldest point within an RPO of it). An asset whose first recorded
 * recovery point is younger than that is judged from that first point instead: it cannot have
 * older ones, but must still have its first. Indefinite retention is never flagged (it forbids
 * pruning, which a listing of the points that remain cannot show). No listing: `no_listing`.
 */
export function retentionCompliance(
  policy: { retention: string; rpo: string },
  listing: PointListing | null,
  firstRecoveryPointAt: Date | null,
): RetentionCompliance {
  const base = {
    retention: policy.retention,
    tool: listing?.tool ?? null,
    listedAt: listing?.listedAt ?? null,
    oldestPointAt: listing?.oldestPointAt ?? null,
    pointCount: listing?.pointCount ?? null,
  };
  if (listing === null) return { state: 'no_listing', ...base, requiredOldestPointAt: null };
  if (policy.retention === INDEFINITE_RETENTION) {
    return { state: 'met', ...base, requiredOldestPointAt: null };
  }
  const reachBack = listing.listedAt.getTime() - durationMs(policy.retention);
  const from = Math.max(reachBack, firstRecoveryPointAt?.getTime() ?? reachBack);
  const requiredOldestPointAt = new Date(from + durationMs(policy.rpo));
  return {
    state: listing.oldestPointAt <= requiredOldestPointAt ? 'met' : 'not_met',
    ...base,
    requiredOldestPointAt,
  };
}
