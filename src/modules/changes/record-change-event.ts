import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import {
  prepareChangeClocks,
  prepareDeploymentClock,
  startUnapprovedDeploymentClock,
} from './change-clocks.js';
import { toChangeEventViews } from './change-events.service.js';
import type { ChangeEventResult } from './change.schema.js';
import { createChangeIn } from './create-change.js';
import { changeFromPullRequest, type DeliveryEvent } from './delivery-events.js';
import { implementChangeIn } from './implement-change.js';
import { changeRepository, type ChangeEventRow } from './changes.repository.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config'>;
type Recorded = Extract<DeliveryEvent, { deliveryId: string }>;

/** Who records delivery events in the audit trail: the pipeline that sent them. */
function pipelineActor(event: Recorded): Actor {
  return {
    type: 'system',
    id: null,
    label: event.kind === 'deploy' ? 'ci deploy event' : 'github webhook',
    role: 'admin',
  };
}

async function answer(
  ctx: Ctx,
  event: Recorded,
  row: ChangeEventRow,
  alreadyRecorded: boolean,
): Promise<ChangeEventResult> {
  const [view] = await toChangeEventViews(ctx, [row]);
  return {
    deliveryId: event.deliveryId,
    kind: event.kind,
    alreadyRecorded,
    ignored: null,
    event: view!,
  };
}

async function auditEvent(tx: AuditedTransaction, row: ChangeEventRow): Promise<void> {
  await tx.audit({
    action: 'change_event.recorded',
    entityType: 'change_event',
    entityId: row.id,
    after: {
      deliveryId: row.delivery_id,
      kind: row.kind,
      repository: row.repository,
      environment: row.environment,
      state: row.state,
      reference: row.reference,
      bodySha256: row.body_sha256,
      changeId: row.change_id,
      production: row.production,
      flagged: row.flagged,
      flagReason: row.flag_reason,
    },
  });
}

/**
 * Records an authenticated delivery event once per delivery id. A merged pull request becomes a
 * requested change (one per pull request) for the assets the repository deploys to. A successful
 * deployment to a production asset implements the change that covers it (approved before, or an
 * emergency change); without one it is flagged, and its approval occurrence starts already due, so
 * change-approval-before-implementation counts it as missed.
 */
export async function recordChangeEvent(
  ctx: Ctx,
  event: DeliveryEvent,
  body: Buffer,
): Promise<ChangeEventResult> {
  if (event.kind === 'ignored') {
    return {
      deliveryId: null,
      kind: null,
      alreadyRecorded: false,
      ignored: event.reason,
      event: null,
    };
  }
  const existing = await changeRepository.eventByDelivery(ctx.db, event.deliveryId);
  if (existing) return answer(ctx, event, existing, true);
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  const recorded =
    event.kind === 'pull_request'
      ? await recordMergedPullRequest(ctx, event, bodySha256)
      : await recordDeployment(ctx, event, bodySha256);
  return answer(ctx, event, recorded.row, recorded.alreadyRecorded);
}

/** The event row written, or the one a concurrent delivery of the same id wrote first. */
interface Written {
  row: ChangeEventRow;
  alreadyRecorded: boolean;
}

async function written(
  tx: AuditedTransaction,
  deliveryId: string,
  row: ChangeEventRow | null,
): Promise<Written> {
  if (!row) {
    return {
      row: (await changeRepository.eventByDelivery(tx.trx, deliveryId))!,
      alreadyRecorded: true,
    };
  }
  await auditEvent(tx, row);
  return { row, alreadyRecorded: false };
}

async function recordMergedPullRequest(
  ctx: Ctx,
  event: Extract<DeliveryEvent, { kind: 'pull_request' }>,
  bodySha256: string,
): Promise<Written> {
  const assets = await changeRepository.assetsOfRepository(ctx.db, event.repository, null);
  const described = changeFromPullRequest(event.body, event.labels);
  return mutate(
    ctx,
    pipelineActor(event),
    async (tx) => {
      const { change } = await createChangeIn(tx, {
        ...described,
        title: event.title,
        description: described.description || event.title,
        source: 'github-pull-request',
        sourceRef: event.url,
        plannedStart: null,
        plannedEnd: null,
        requesterId: null,
        requesterLabel: `github:${event.author}`,
        assetIds: assets.map((asset) => asset.id),
      });
      const row = await changeRepository.insertEvent(tx.trx, {
        delivery_id: event.deliveryId,
        kind: event.kind,
        body_sha256: bodySha256,
        repository: event.repository,
        environment: null,
        state: 'merged',
        reference: event.url,
        summary: `Merged ${event.mergeCommitSha.slice(0, 12)}: ${event.title}`,
        occurred_at: event.mergedAt,
        change_id: change.id,
        asset_ids: assets.map((asset) => asset.id),
        production: false,
        flagged: false,
        flag_reason: null,
        received_at: tx.now,
      });
      return written(tx, event.deliveryId, row);
    },
    { mayFindNothingToDo: true },
  );
}

async function recordDeployment(
  ctx: Ctx,
  event: Extract<DeliveryEvent, { kind: 'deployment_status' | 'deploy' }>,
  bodySha256: string,
): Promise<Written> {
  const now = ctx.clock.now();
  // A deployment is implemented when it says, but never later than it was reported.
  const at = event.at > now ? now : event.at;
  const assets = await changeRepository.assetsOfRepository(
    ctx.db,
    event.repository,
    event.environment,
  );
  const productionAssets = assets.filter((asset) => asset.environment === 'production');
  const production = event.state === 'success' && productionAssets.length > 0;
  const covering = production
    ? (
        await changeRepository.coveringChanges(
          ctx.db,
          productionAssets.map((a) => a.id),
          at,
        )
      )[0]
    : undefined;
  const implementing = covering && covering.implemented_at === null ? covering : undefined;
  const preparedClocks = implementing ? await prepareChangeClocks(ctx, implementing) : null;
  const preparedFlag =
    production && !covering ? await prepareDeploymentClock(ctx, productionAssets[0]!.key) : null;
  const keys = productionAssets.map((asset) => asset.key).join(', ');
  return mutate(
    ctx,
    pipelineActor(event),
    async (tx) => {
      const row = await changeRepository.insertEvent(tx.trx, {
        delivery_id: event.deliveryId,
        kind: event.kind,
        body_sha256: bodySha256,
        repository: event.repository,
        environment: event.environment,
        state: event.state,
        reference: event.sha,
        summary: event.summary,
        occurred_at: at,
        change_id: covering?.id ?? null,
        asset_ids: assets.map((asset) => asset.id),
        production,
        flagged: preparedFlag !== null,
        flag_reason:
          preparedFlag !== null
            ? `No approved change covered this deployment to ${keys} at ${at.toISOString()}`
            : null,
        received_at: tx.now,
      });
      if (!row) return written(tx, event.deliveryId, row);
      if (implementing && preparedClocks) {
        await implementChangeIn(tx, preparedClocks, {
          id: implementing.id,
          at,
          by: `${event.repository} deployment to ${event.environment}`,
          emergencyApprovalHours: ctx.config.changes.emergencyApprovalHours,
          via: event.deliveryId,
        });
      }
      if (preparedFlag) {
        await startUnapprovedDeploymentClock(tx, preparedFlag, {
          deliveryId: event.deliveryId,
          at,
          repository: event.repository,
          environment: event.environment,
        });
      }
      return written(tx, event.deliveryId, row);
    },
    { mayFindNothingToDo: true },
  );
}
