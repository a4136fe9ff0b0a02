import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { contentHash } from './catalog-content.js';
import { describeSchedule } from './schedule-words.js';
import { automationOf } from './evaluators.js';
import type {
  ControlSummary,
  ControlView,
  FrameworkSummary,
  FrameworkView,
  ListControlsQuery,
} from './catalog-view.schema.js';
import {
  catalogRepository,
  type StoredCatalog,
  type StoredControl,
  type StoredFramework,
} from './catalog.repository.js';

// The catalogue is small (hundreds of rows), so queries read it whole and filter in memory: one
// consistent picture, and the same normal form the plan and export use.

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** Current controls by the requirement keys they map. */
function controlsByRequirement(stored: StoredCatalog): Map<string, StoredControl[]> {
  const index = new Map<string, StoredControl[]>();
  for (const control of stored.controls.values()) {
    if (control.retiredAt !== null) continue;
    for (const key of control.content.requirements) {
      index.set(key, [...(index.get(key) ?? []), control]);
    }
  }
  return index;
}

function frameworkSummary(
  framework: StoredFramework,
  mapped: Map<string, StoredControl[]>,
): FrameworkSummary {
  const { content } = framework;
  return {
    key: content.key,
    title: content.title,
    kind: content.kind,
    issuer: content.issuer,
    edition: content.edition,
    description: content.description,
    requirementCount: content.requirements.length,
    unmappedRequirementCount: content.requirements.filter((key) => !mapped.has(key)).length,
    version: framework.version,
    retiredAt: iso(framework.retiredAt),
  };
}

/** Frameworks by key; retired ones only when asked for. */
export async function listFrameworks(
  ctx: Pick<AppContext, 'db'>,
  query: { includeRetired?: boolean | undefined },
): Promise<FrameworkSummary[]> {
  const stored = await catalogRepository.loadAll(ctx.db);
  const mapped = controlsByRequirement(stored);
  return [...stored.frameworks.values()]
    .filter((framework) => query.includeRetired || framework.retiredAt === null)
    .map((framework) => frameworkSummary(framework, mapped));
}

/** One framework with its requirements in order and the current controls mapped to each. */
export async function getFramework(
  ctx: Pick<AppContext, 'db'>,
  key: string,
): Promise<FrameworkView> {
  const stored = await catalogRepository.loadAll(ctx.db);
  const framework = stored.frameworks.get(key);
  if (!framework) throw notFound(`Framework ${key}`);
  return frameworkView(stored, framework, controlsByRequirement(stored));
}

/**
 * Every framework in force with its requirements and mapped controls, from one read of the
 * catalogue (what posture rolls up on every evaluation).
 */
export async function listFrameworkViews(ctx: Pick<AppContext, 'db'>): Promise<FrameworkView[]> {
  const stored = await catalogRepository.loadAll(ctx.db);
  const mapped = controlsByRequirement(stored);
  return [...stored.frameworks.values()]
    .filter((framework) => framework.retiredAt === null)
    .map((framework) => frameworkView(stored, framework, mapped));
}

function frameworkView(
  stored: StoredCatalog,
  framework: StoredFramework,
  mapped: Map<string, StoredControl[]>,
): FrameworkView {
  const { key } = framework.content;
  // Current requirements in the framework's order, then retired ones in their last order.
  const requirements = [...stored.requirements.values()]
    .filter((requirement) => requirement.frameworkId === framework.id)
    .sort(
      (a, b) =>
        Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || a.position - b.position,
    );
  return {
    ...frameworkSummary(framework, mapped),
    requirements: requirements.map((requirement) => ({
      key: requirement.content.key,
      reference: requirement.content.key.slice(key.length + 1),
      title: requirement.content.title,
      summary: requirement.content.summary,
      version: requirement.version,
      retiredAt: iso(requirement.retiredAt),
      controls: (mapped.get(requirement.content.key) ?? []).map((control) => ({
        key: control.content.key,
        title: control.content.title,
        critical: control.content.critical,
        evaluation: automationOf(control.content.evaluation),
      })),
    })),
  };
}

function controlSummary(control: StoredControl): ControlSummary {
  const { content } = control;
  return {
    key: content.key,
    title: content.title,
    theme: content.theme,
    ownerRole: content.ownerRole,
    critical: content.critical,
    perAsset: content.perAsset,
    schedule: describeSchedule(content),
    evaluation: automationOf(content.evaluation),
    requirements: content.requirements,
    version: control.version,
    retiredAt: iso(control.retiredAt),
  };
}

/** Controls by key, filtered by theme, owner, framework, requirement or criticality. */
export async function listControls(
  ctx: Pick<AppContext, 'db'>,
  query: ListControlsQuery,
): Promise<ControlSummary[]> {
  const stored = await catalogRepository.loadAll(ctx.db);
  return [...stored.controls.values()]
    .filter((control) => {
      const { content } = control;
      return (
        (query.includeRetired || control.retiredAt === null) &&
        (query.theme === undefined || content.theme === query.theme) &&
        (query.ownerRole === undefined || content.ownerRole === query.ownerRole) &&
        (query.critical === undefined || content.critical === query.critical) &&
        (query.requirement === undefined || content.requirements.includes(query.requirement)) &&
        (query.framework === undefined ||
          content.requirements.some((key) => key.startsWith(`${query.framework}:`)))
      );
    })
    .map(controlSummary);
}

/** One control with everything the catalogue says about it. */
export async function getControl(ctx: Pick<AppContext, 'db'>, key: string): Promise<ControlView> {
  const stored = await catalogRepository.loadAll(ctx.db);
  const control = stored.controls.get(key);
  if (!control) throw notFound(`Control ${key}`);
  const { content } = control;
  return {
    key: content.key,
    title: content.title,
    theme: content.theme,
    objective: content.objective,
    ownerRole: content.ownerRole,
    critical: content.critical,
    perAsset: content.perAsset,
    scope: content.scope ?? null,
    cadence: content.cadence ?? null,
    sla: content.sla ?? null,
    schedule: describeSchedule(content),
    evaluation: content.evaluation,
    automation: automationOf(content.evaluation),
    checklist: content.checklist,
    evidenceExpected: content.evidenceExpected,
    requirements: content.requirements.map((requirementKey) => {
      const requirement = stored.requirements.get(requirementKey)!;
      return {
        key: requirementKey,
        framework: requirement.content.framework,
        title: requirement.content.title,
        retiredAt: iso(requirement.retiredAt),
      };
    }),
    version: control.version,
    contentHash: contentHash(content),
    retiredAt: iso(control.retiredAt),
    createdAt: control.createdAt.toISOString(),
    updatedAt: control.updatedAt.toISOString(),
  };
}
