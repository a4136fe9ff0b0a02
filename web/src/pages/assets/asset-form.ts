import type {
  AssetCategory,
  AssetInput,
  AssetPatch,
  AssetView,
  Criticality,
  DataClassification,
  Environment,
  LifecycleStatus,
  OwnerRole,
} from '../../api/types.js';

/** What the asset form edits: selects may be empty and dates are text until submitted. */
export interface AssetFormValues {
  key: string;
  name: string;
  category: AssetCategory | null;
  purpose: string;
  supplierKey: string | null;
  thirdPartyManaged: boolean;
  environment: Environment | null;
  configurationReference: string;
  ownerRole: OwnerRole | null;
  ownerPerson: string;
  criticality: Criticality | null;
  criticalityRationale: string;
  dataClassification: DataClassification | null;
  region: string;
  lifecycleStatus: LifecycleStatus;
  tags: string[];
  acceptanceCriteria: string;
  lastReviewedOn: string;
  nextReviewDueOn: string;
}

export type AssetFormField = keyof AssetFormValues;

export const ASSET_FORM_FIELDS: readonly AssetFormField[] = [
  'key',
  'name',
  'category',
  'purpose',
  'supplierKey',
  'thirdPartyManaged',
  'environment',
  'configurationReference',
  'ownerRole',
  'ownerPerson',
  'criticality',
  'criticalityRationale',
  'dataClassification',
  'region',
  'lifecycleStatus',
  'tags',
  'acceptanceCriteria',
  'lastReviewedOn',
  'nextReviewDueOn',
];

export const EMPTY_ASSET_FORM: AssetFormValues = {
  key: '',
  name: '',
  category: null,
  purpose: '',
  supplierKey: null,
  thirdPartyManaged: false,
  environment: null,
  configurationReference: '',
  ownerRole: null,
  ownerPerson: '',
  criticality: null,
  criticalityRationale: '',
  dataClassification: null,
  region: '',
  lifecycleStatus: 'in-service',
  tags: [],
  acceptanceCriteria: '',
  lastReviewedOn: '',
  nextReviewDueOn: '',
};

export function assetToFormValues(asset: AssetView): AssetFormValues {
  return {
    key: asset.key,
    name: asset.name,
    category: asset.category,
    purpose: asset.purpose,
    supplierKey: asset.supplierKey,
    thirdPartyManaged: asset.thirdPartyManaged,
    environment: asset.environment,
    configurationReference: asset.configurationReference,
    ownerRole: asset.ownerRole,
    ownerPerson: asset.ownerPerson,
    criticality: asset.criticality,
    criticalityRationale: asset.criticalityRationale,
    dataClassification: asset.dataClassification,
    region: asset.region,
    lifecycleStatus: asset.lifecycleStatus,
    tags: asset.tags,
    acceptanceCriteria: asset.acceptanceCriteria,
    lastReviewedOn: asset.lastReviewedOn ?? '',
    nextReviewDueOn: asset.nextReviewDueOn ?? '',
  };
}

/** Required choices the form can check before asking the server; the server checks everything. */
export function missingChoices(values: AssetFormValues): Partial<Record<AssetFormField, string>> {
  const missing: Partial<Record<AssetFormField, string>> = {};
  for (const field of [
    'category',
    'environment',
    'ownerRole',
    'criticality',
    'dataClassification',
  ] as const) {
    if (values[field] === null) missing[field] = 'is required';
  }
  return missing;
}

/** The create request; call only when `missingChoices` found nothing. */
export function toAssetInput(values: AssetFormValues): AssetInput {
  const { category, environment, ownerRole, criticality, dataClassification } = values;
  if (!category || !environment || !ownerRole || !criticality || !dataClassification) {
    throw new Error('toAssetInput needs every required choice made');
  }
  return {
    ...values,
    category,
    environment,
    ownerRole,
    criticality,
    dataClassification,
    lastReviewedOn: values.lastReviewedOn || null,
    nextReviewDueOn: values.nextReviewDueOn || null,
  };
}

/** Only the fields that differ from the record, so a patch says exactly what changed. */
export function changedFields(
  original: AssetView,
  values: AssetFormValues,
): Omit<AssetPatch, 'expectedVersion'> {
  const { key: _key, ...next } = toAssetInput(values);
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(original[field as keyof AssetView])) {
      changes[field] = value;
    }
  }
  return changes;
}
