import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  catalogHash,
  changedFields,
  frameworkContent,
  normalizeCatalog,
  requirementContent,
  sameContent,
  type ControlContent,
  type FieldChange,
  type FrameworkContent,
  type RequirementContent,
} from './catalog-content.js';
import { catalogSchema, type Catalog } from './catalog.schema.js';
import { catalogRepository, type StoredCatalog } from './catalog.repository.js';

/** One object the plan touches; `changes` lists field by field what a `changed` object gets. */
export interface PlanEntry {
  key: string;
  title: string;
  changes: FieldChange[];
}

export interface PlanSection {
  added: PlanEntry[];
  changed: PlanEntry[];
  retired: PlanEntry[];
  unchanged: number;
}

/** What applying a catalogue would do: added, changed and retired objects of each kind. */
export interface CatalogPlan {
  empty: boolean;
  /** Identifies the desired catalogue; equal catalogues have equal hashes. */
  catalogHash: string;
  frameworks: PlanSection;
  requirements: PlanSection;
  controls: PlanSection;
}

interface StoredObject<T> {
  id: string;
  content: T;
  version: number;
  retiredAt: Date | null;
}

export interface ChangedObject<T> {
  stored: StoredObject<T>;
  desired: T;
  changes: FieldChange[];
  /** False when only the retirement is lifted: the content, and so the version, stay the same. */
  contentChanged: boolean;
}

export interface SectionDiff<T> {
  added: T[];
  changed: ChangedObject<T>[];
  retired: StoredObject<T>[];
  unchanged: number;
}

/** The difference between the stored and the desired catalogue, with what applying it needs. */
export interface CatalogDiff {
  desired: Catalog;
  catalogHash: string;
  frameworks: SectionDiff<FrameworkContent>;
  requirements: SectionDiff<RequirementContent>;
  controls: SectionDiff<ControlContent>;
}

/** Pseudo-field a plan shows when a retired object comes back. */
const REINSTATED: FieldChange = { field: 'retired', before: true, after: false };

function diffSection<T extends { key: string }>(
  stored: Map<string, StoredObject<T>>,
  desired: T[],
): SectionDiff<T> {
  const section: SectionDiff<T> = { added: [], changed: [], retired: [], unchanged: 0 };
  const desiredKeys = new Set<string>();
  for (const content of desired) {
    desiredKeys.add(content.key);
    const current = stored.get(content.key);
    if (!current) {
      section.added.push(content);
      continue;
    }
    const contentChanged = !sameContent(current.content, content);
    if (!contentChanged && current.retiredAt === null) {
      section.unchanged += 1;
      continue;
    }
    const changes = changedFields(current.content, content);
    section.changed.push({
      stored: current,
      desired: content,
      changes: current.retiredAt === null ? changes : [REINSTATED, ...changes],
      contentChanged,
    });
  }
  for (const [key, current] of [...stored].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!desiredKeys.has(key) && current.retiredAt === null) section.retired.push(current);
  }
  return section;
}

/** Compares a stored catalogue with a desired one. Pure: the same inputs give the same diff. */
export function diffCatalog(stored: StoredCatalog, desiredCatalog: Catalog): CatalogDiff {
  const desired = normalizeCatalog(desiredCatalog);
  return {
    desired,
    catalogHash: catalogHash(desired),
    frameworks: diffSection(stored.frameworks, desired.frameworks.map(frameworkContent)),
    requirements: diffSection(
      stored.requirements,
      desired.frameworks.flatMap((framework) =>
        framework.requirements.map((requirement) => requirementContent(requirement, framework.key)),
      ),
    ),
    controls: diffSection(stored.controls, desired.controls),
  };
}

function sectionPlan<T extends { key: string; title: string }>(
  section: SectionDiff<T>,
): PlanSection {
  const entry = (content: T, changes: FieldChange[] = []): PlanEntry => ({
    key: content.key,
    title: content.title,
    changes,
  });
  return {
    added: section.added.map((content) => entry(content)),
    changed: section.changed.map((change) => entry(change.desired, change.changes)),
    retired: section.retired.map((current) => entry(current.content)),
    unchanged: section.unchanged,
  };
}

/** The reader's view of a diff. */
export function planOf(diff: CatalogDiff): CatalogPlan {
  const frameworks = sectionPlan(diff.frameworks);
  const requirements = sectionPlan(diff.requirements);
  const controls = sectionPlan(diff.controls);
  const empty = [frameworks, requirements, controls].every(
    (section) =>
      section.added.length === 0 && section.changed.length === 0 && section.retired.length === 0,
  );
  return { empty, catalogHash: diff.catalogHash, frameworks, requirements, controls };
}

/**
 * Checks a catalogue handed to a use case: keys unique, every mapping resolvable. The HTTP edge has
 * already done this, but the invariants are the use case's to keep.
 */
export function parseCatalog(input: unknown): Catalog {
  const parsed = catalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The catalogue is invalid', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    });
  }
  return parsed.data;
}

/**
 * Shows what applying a catalogue would change: frameworks, requirements and controls to add,
 * change or retire (present now, absent from the catalogue). Writes nothing.
 */
export async function planCatalog(
  ctx: Pick<AppContext, 'db'>,
  catalog: Catalog,
): Promise<CatalogPlan> {
  const desired = parseCatalog(catalog);
  return planOf(diffCatalog(await catalogRepository.loadAll(ctx.db), desired));
}
