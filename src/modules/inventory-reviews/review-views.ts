import type { CampaignWithCounts, reviewRepository } from './review.repository.js';
import type { ReviewCampaignView, ReviewItemView } from './review.schema.js';

type ItemRow = Awaited<ReturnType<typeof reviewRepository.items>>[number];

export function toCampaignView(row: CampaignWithCounts): ReviewCampaignView {
  const total = Number(row.total ?? 0);
  const confirmed = Number(row.confirmed ?? 0);
  const corrected = Number(row.corrected ?? 0);
  return {
    id: row.id,
    name: row.name,
    status: row.status as ReviewCampaignView['status'],
    dueOn: row.due_on,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    progress: { total, confirmed, corrected, pending: total - confirmed - corrected },
  };
}

export function toItemView(row: ItemRow): ReviewItemView {
  return {
    id: row.id,
    assetKey: row.asset_key,
    assetName: row.asset_name,
    ownerRole: row.owner_role,
    ownerPerson: row.owner_person,
    status: row.status as ReviewItemView['status'],
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    note: row.note,
    changes: row.changes,
  };
}
