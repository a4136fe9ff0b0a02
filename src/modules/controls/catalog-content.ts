import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import {
  ASSET_CATEGORIES,
  CRITICALITIES,
  DATA_CLASSIFICATIONS,
  ENVIRONMENTS,
  LIFECYCLE_STATUSES,
} from '../register/asset.schema.js';
import type {
  Cadence,
  Catalog,
  CatalogControl,
  CatalogFramework,
  CatalogRequirement,
  ControlScope,
  Evaluation,
  Sla,
} from './catalog.schema.js';

/**
 * The one normal form of catalogue content. Hashes, diffs, storage and export all go through it,
 * so two catalogues that mean the same thing compare equal however their YAML was written:
 * optional fields that are absent stay absent, set-like lists are sorted, keys come in one order.
 */

/** What a framework itself says; its requirements are objects of their own, listed by key. */
export interface FrameworkContent {
  key: string;
  title: string;
  kind: CatalogFramework['kind'];
  issuer: string;
  edition: string;
  description: string;
  requirements: string[];
}

export interface RequirementContent extends CatalogRequirement {
  framework: string;
}

export type ControlContent = CatalogControl;

/** SHA-256 of the canonical JSON (RFC 8785) of a value. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalize(value)).digest('hex');
}

export function sameContent(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}

function inOrder<T extends string>(values: readonly T[], order: readonly T[]): T[] {
  return [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

const byKey = <T extends { key: string }>(a: T, b: T) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

function normalizeScope(scope: ControlScope): ControlScope {
  const normal: ControlScope = {};
  if (scope.categories) normal.categories = inOrder(scope.categories, ASSET_CATEGORIES);
  if (scope.environments) normal.environments = inOrder(scope.environments, ENVIRONMENTS);
  if (scope.criticalities) normal.criticalities = inOrder(scope.criticalities, CRITICALITIES);
  if (scope.dataClassifications)
    normal.dataClassifications = inOrder(scope.dataClassifications, DATA_CLASSIFICATIONS);
  if (scope.lifecycleStatuses)
    normal.lifecycleStatuses = inOrder(scope.lifecycleStatuses, LIFECYCLE_STATUSES);
  if (scope.thirdPartyManaged !== undefined) normal.thirdPartyManaged = scope.thirdPartyManaged;
  if (scope.tags) normal.tags = [...scope.tags].sort();
  return normal;
}

function normalizeSla(sla: Sla): Sla {
  if (typeof sla.within === 'string') return { trigger: sla.trigger, within: sla.within };
  const within: Exclude<Sla['within'], string> = { before: sla.within.before };
  if (sla.within.lead !== undefined) within.lead = sla.within.lead;
  return { trigger: sla.trigger, within };
}

function normalizeEvaluation(evaluation: Evaluation): Evaluation {
  if (evaluation.mode === 'manual') {
    return evaluation.verifierRole === undefined
      ? { mode: 'manual' }
      : { mode: 'manual', verifierRole: evaluation.verifierRole };
  }
  const normal: Evaluation = { mode: 'automatic', source: evaluation.source };
  const names = Object.keys(evaluation.parameters ?? {}).sort();
  if (names.length > 0) {
    normal.parameters = Object.fromEntries(
      names.map((name) => [name, evaluation.parameters![name]!]),
    );
  }
  return normal;
}

function normalizeCadence(cadence: Cadence): Cadence {
  return cadence.dayOfPeriod === undefined
    ? { frequency: cadence.frequency, startsOn: cadence.startsOn }
    : {
        frequency: cadence.frequency,
        startsOn: cadence.startsOn,
        dayOfPeriod: cadence.dayOfPeriod,
      };
}

/** Fields in reading order: identity, purpose, ownership, scope, timing, how, proof. */
export function normalizeControl(control: CatalogControl): ControlContent {
  return {
    key: control.key,
    title: control.title,
    theme: control.theme,
    objective: control.objective,
    ownerRole: control.ownerRole,
    critical: control.critical,
    perAsset: control.perAsset,
    ...(control.scope ? { scope: normalizeScope(control.scope) } : {}),
    ...(control.cadence ? { cadence: normalizeCadence(control.cadence) } : {}),
    ...(control.sla ? { sla: normalizeSla(control.sla) } : {}),
    evaluation: normalizeEvaluation(control.evaluation),
    checklist: [...control.checklist],
    evidenceExpected: control.evidenceExpected.map((item) => ({
      kind: item.kind,
      description: item.description,
    })),
    requirements: [...control.requirements].sort(),
  };
}

export function normalizeFramework(framework: CatalogFramework): CatalogFramework {
  return {
    key: framework.key,
    title: framework.title,
    kind: framework.kind,
    issuer: framework.issuer,
    edition: framework.edition,
    description: framework.description,
    requirements: framework.requirements.map((requirement) => ({
      key: requirement.key,
      title: requirement.title,
      summary: requirement.summary,
    })),
  };
}

/** Frameworks and controls sorted by key, each in normal form; requirements keep their order. */
export function normalizeCatalog(catalog: Catalog): Catalog {
  return {
    frameworks: catalog.frameworks.map(normalizeFramework).sort(byKey),
    controls: catalog.controls.map(normalizeControl).sort(byKey),
  };
}

export function frameworkContent(framework: CatalogFramework): FrameworkContent {
  return {
    key: framework.key,
    title: framework.title,
    kind: framework.kind,
    issuer: framework.issuer,
    edition: framework.edition,
    description: framework.description,
    requirements: framework.requirements.map((requirement) => requirement.key),
  };
}

export function requirementContent(
  requirement: CatalogRequirement,
  frameworkKey: string,
): RequirementContent {
  return {
    key: requirement.key,
    title: requirement.title,
    summary: requirement.summary,
    framework: frameworkKey,
  };
}

/** Identifies a whole catalogue: equal catalogues have equal hashes. */
export function catalogHash(catalog: Catalog): string {
  return contentHash(normalizeCatalog(catalog));
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The top-level fields whose content differs; absent fields read as null. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => !sameContent(before[field] ?? null, after[field] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
