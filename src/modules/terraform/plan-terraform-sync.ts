import { createHash } from 'node:crypto';
import {
  registerKeySchema,
  type AssetCategory,
  type AssetInput,
  type Environment,
  type OwnerRole,
} from '../register/asset.schema.js';
import type { TerraformResource, TerraformState } from './read-terraform-state.js';
import type { DriftReport } from './terraform-sync.schema.js';

/** The tag Plumbline puts on assets it created from a Terraform state (and reads as "managed"). */
export const TERRAFORM_TAG = 'terraform';

/** What the sync knows of an asset. */
export interface SyncAsset {
  key: string;
  name: string;
  lifecycleStatus: string;
  configurationReference: string;
  tags: readonly string[];
}

const ADDRESS =
  /^(?:module\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?\.)*[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?$/;

/**
 * The Terraform address an asset's configuration reference names: the whole reference
 * (`aws_db_instance.orders`) or what follows its last `#`
 * (`git@github.com:acme/infra.git//prod#module.db.aws_db_instance.orders`); null when it names none.
 */
export function terraformAddressOf(configurationReference: string): string | null {
  const hash = configurationReference.lastIndexOf('#');
  const candidate = (
    hash === -1 ? configurationReference : configurationReference.slice(hash + 1)
  ).trim();
  return ADDRESS.test(candidate) ? candidate : null;
}

const CATEGORY_PATTERNS: readonly [RegExp, AssetCategory][] = [
  [/db_instance|rds|sql|database|dynamodb|redis|elasticache|cosmosdb|documentdb/, 'database'],
  [/bucket|storage|efs|ebs|disk|volume|backup/, 'storage'],
  [
    /vpc|subnet|security_group|lb|load_balancer|route53|dns|network|firewall|gateway|nat/,
    'network',
  ],
  [/instance|virtual_machine|_vm|droplet|server/, 'server'],
];

function categoryOf(type: string): AssetCategory {
  return CATEGORY_PATTERNS.find(([pattern]) => pattern.test(type))?.[1] ?? 'cloud-service';
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** A free, valid register key for a new asset: its tag's key, else one derived from its address. */
function keyFor(resource: TerraformResource, taken: Set<string>): string {
  const candidates: string[] = [];
  if (resource.assetTag) candidates.push(resource.assetTag);
  const derived = resource.address
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64);
  candidates.push(
    derived,
    `${derived.slice(0, 55).replace(/-+$/, '')}-${shortHash(resource.address)}`,
  );
  candidates.push(`tf-${shortHash(resource.address)}`);
  for (const candidate of candidates) {
    if (!taken.has(candidate) && registerKeySchema.safeParse(candidate).success) return candidate;
  }
  return `tf-${createHash('sha256').update(resource.address).digest('hex').slice(0, 32)}`;
}

export interface SyncOptions {
  environment: Environment;
  ownerRole: OwnerRole;
}

/**
 * Matches the state's managed resources to the register and reports the drift both ways, with the
 * assets an apply would create. A resource matches the asset whose configuration reference names
 * its address, else the asset whose key its `plumbline` tag names. Assets counted as missing from
 * the state: those in service that Terraform manages (tagged `terraform`, or with a configuration
 * reference naming an address) whose resource is not in it.
 */
export function planTerraformSync(
  state: TerraformState,
  assets: readonly SyncAsset[],
  options: SyncOptions,
): { report: Omit<DriftReport, 'dryRun' | 'applied' | 'created'>; toCreate: AssetInput[] } {
  const byAddress = new Map<string, SyncAsset>();
  const byKey = new Map<string, SyncAsset>();
  for (const asset of assets) {
    byKey.set(asset.key, asset);
    const address = terraformAddressOf(asset.configurationReference);
    if (address !== null && !byAddress.has(address)) byAddress.set(address, asset);
  }
  const taken = new Set(byKey.keys());
  const matched: DriftReport['matched'] = [];
  const unmatched: DriftReport['resourcesWithoutAsset'] = [];
  const toCreate: AssetInput[] = [];
  const seenAssets = new Set<string>();
  const addresses = new Set<string>();
  for (const resource of state.resources) {
    addresses.add(resource.address);
    const byReference = byAddress.get(resource.address);
    const byTag = resource.assetTag ? byKey.get(resource.assetTag) : undefined;
    const asset = byReference ?? byTag;
    if (asset) {
      seenAssets.add(asset.key);
      matched.push({
        address: resource.address,
        asset: asset.key,
        matchedBy: byReference ? 'configuration-reference' : 'tag',
        lifecycleStatus: asset.lifecycleStatus,
      });
      continue;
    }
    const key = keyFor(resource, taken);
    taken.add(key);
    unmatched.push({ address: resource.address, type: resource.type, proposedKey: key });
    toCreate.push({
      key,
      name: resource.address.slice(0, 200),
      category: categoryOf(resource.type),
      purpose: `Found in the Terraform state as a ${resource.type}; to be described`,
      supplierKey: null,
      thirdPartyManaged: false,
      environment: options.environment,
      configurationReference: resource.address.slice(0, 500),
      ownerRole: options.ownerRole,
      ownerPerson: '',
      criticality: 'medium',
      criticalityRationale: '',
      dataClassification: 'internal',
      region: '',
      lifecycleStatus: 'requested',
      tags: [TERRAFORM_TAG],
      acceptanceCriteria: '',
      lastReviewedOn: null,
      nextReviewDueOn: null,
    });
  }
  const assetsWithoutResource = assets
    .filter((asset) => asset.lifecycleStatus === 'in-service' && !seenAssets.has(asset.key))
    .filter((asset) => {
      const address = terraformAddressOf(asset.configurationReference);
      return address !== null ? !addresses.has(address) : asset.tags.includes(TERRAFORM_TAG);
    })
    .map((asset) => ({
      key: asset.key,
      name: asset.name,
      configurationReference: asset.configurationReference,
    }));
  return {
    report: {
      state: {
        terraformVersion: state.terraformVersion,
        serial: state.serial,
        lineage: state.lineage,
      },
      resources: state.resources.length,
      dataSourcesSkipped: state.dataSourcesSkipped,
      matched,
      resourcesWithoutAsset: unmatched,
      assetsWithoutResource,
    },
    toCreate,
  };
}
