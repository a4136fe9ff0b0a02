import type { ControlScope } from '../controls/catalog.schema.js';
import type { AssetForScoping } from '../register/list-scoped-assets.js';

/** The asset fields a control scope can select on (the register's scoping view without its id and owner). */
export type ScopedAsset = Omit<AssetForScoping, 'id' | 'ownerRole'>;

/**
 * Whether a control's scope covers an asset. Every field given narrows the selection; without
 * `lifecycleStatuses` only assets in service count, so a decommissioned server stops generating
 * patching work the day it is decommissioned.
 */
export function assetInScope(asset: ScopedAsset, scope: ControlScope): boolean {
  const lifecycles = scope.lifecycleStatuses ?? ['in-service'];
  return (
    lifecycles.includes(asset.lifecycleStatus as (typeof lifecycles)[number]) &&
    (scope.categories?.includes(asset.category as never) ?? true) &&
    (scope.environments?.includes(asset.environment as never) ?? true) &&
    (scope.criticalities?.includes(asset.criticality as never) ?? true) &&
    (scope.dataClassifications?.includes(asset.dataClassification as never) ?? true) &&
    (scope.thirdPartyManaged === undefined ||
      scope.thirdPartyManaged === asset.thirdPartyManaged) &&
    (scope.tags?.every((tag) => asset.tags.includes(tag)) ?? true)
  );
}
