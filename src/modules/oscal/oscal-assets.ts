import type { AppContext } from '../../platform/context.js';
import {
  listActiveControlDefinitions,
  type ActiveControl,
} from '../controls/active-control-definitions.js';
import { getFramework } from '../controls/catalog-queries.js';
import type { FrameworkView } from '../controls/catalog-view.schema.js';
import { assetInScope } from '../occurrences/scope-match.js';
import type { AssetCategory, AssetView } from '../register/asset.schema.js';
import { listAssets } from '../register/asset-queries.js';
import { assetComponentUuid } from './oscal-identifiers.js';
import { props, plumblineProps } from './oscal-metadata.js';
import type { OscalProp } from './oscal.schema.js';

/** The register's page limit: assets are read 10,000 at a time. */
const ASSET_PAGE = 10_000;

/** Every asset of the register, by key (linear in the register; tens of thousands are fine). */
export async function loadAllAssets(ctx: Pick<AppContext, 'db'>): Promise<AssetView[]> {
  const assets: AssetView[] = [];
  for (let offset = 0; ; offset += ASSET_PAGE) {
    const page = await listAssets(ctx, { limit: ASSET_PAGE, offset });
    assets.push(...page.items);
    if (page.items.length < ASSET_PAGE) return assets;
  }
}

/** Assets an export describes: everything not yet decommissioned. */
export const isDescribed = (asset: AssetView): boolean =>
  asset.lifecycleStatus !== 'decommissioned';

/**
 * What the asset exports describe: the framework, the assets not decommissioned and the controls
 * in force. The framework is looked up first so an unknown one is a 404 before any other read.
 */
export async function loadDescribedRegister(
  ctx: Pick<AppContext, 'db'>,
  frameworkKey: string,
): Promise<{ framework: FrameworkView; assets: AssetView[]; controls: ActiveControl[] }> {
  const framework = await getFramework(ctx, frameworkKey);
  const [assets, controls] = await Promise.all([
    loadAllAssets(ctx),
    listActiveControlDefinitions(ctx),
  ]);
  return { framework, assets: assets.filter(isDescribed), controls };
}

/** OSCAL component types (1.0.6) for the register's categories. */
const COMPONENT_TYPE: Record<AssetCategory, string> = {
  facility: 'physical',
  equipment: 'hardware',
  transport: 'hardware',
  'cloud-service': 'service',
  server: 'hardware',
  database: 'software',
  storage: 'hardware',
  network: 'hardware',
  application: 'software',
  saas: 'service',
  endpoint: 'hardware',
  other: 'system',
};

/** NIST's asset-type values where one fits; otherwise the category (asset-type allows others). */
const NIST_ASSET_TYPE: Partial<Record<AssetCategory, string>> = {
  database: 'database',
  storage: 'storage-array',
};

/** Where the asset is in its life, as an OSCAL component status. */
export function componentStateOf(
  asset: AssetView,
): 'operational' | 'under-development' | 'disposition' {
  switch (asset.lifecycleStatus) {
    case 'requested':
    case 'provisioning':
    case 'verified':
      return 'under-development';
    case 'in-service':
      return 'operational';
    case 'decommissioning':
    case 'decommissioned':
      return 'disposition';
  }
}

/** The fields every OSCAL component of an asset has, whatever the model. */
export function assetComponentBase(asset: AssetView) {
  return {
    uuid: assetComponentUuid(asset.id),
    type: COMPONENT_TYPE[asset.category],
    title: asset.name,
    description: asset.purpose || `${asset.category} ${asset.key}`,
  };
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * The NIST inventory properties the register can answer: asset-id, asset-type, function (purpose),
 * baseline-configuration-name (configuration reference), vendor-name (supplier). `virtual` is
 * stated only for categories that are virtual by nature, `public` only for assets tagged public or
 * internet-facing: the register does not record either otherwise, and a guess would mislead.
 */
export function nistAssetProps(asset: AssetView): OscalProp[] {
  const virtual = asset.category === 'cloud-service' || asset.category === 'saas';
  const isPublic = asset.tags.includes('public') || asset.tags.includes('internet-facing');
  return props([
    ['asset-id', asset.key],
    ['asset-type', NIST_ASSET_TYPE[asset.category] ?? asset.category],
    ['function', asset.purpose],
    ['baseline-configuration-name', asset.configurationReference],
    ['vendor-name', asset.supplierName],
    ['virtual', virtual ? 'yes' : null],
    ['public', isPublic ? 'yes' : null],
  ]);
}

/** What Plumbline records beyond NIST's names, in its own namespace. */
export function plumblineAssetProps(asset: AssetView): OscalProp[] {
  return plumblineProps([
    ['category', asset.category],
    ['criticality', asset.criticality],
    ['environment', asset.environment],
    ['region', asset.region],
    ['data-classification', asset.dataClassification],
    ['lifecycle-status', asset.lifecycleStatus],
    ['owner-role', asset.ownerRole],
    ['third-party-managed', yesNo(asset.thirdPartyManaged)],
    ['supplier-key', asset.supplierKey],
  ]);
}

/** The in-force controls whose scope selects the asset (organisation-wide controls do not). */
export function controlsCovering(asset: AssetView, controls: ActiveControl[]): ActiveControl[] {
  return controls.filter(
    (control) => control.content.scope !== undefined && assetInScope(asset, control.content.scope),
  );
}
