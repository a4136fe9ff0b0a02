import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import type { AuditEntry } from '../../platform/audit/append-audit-event.js';
import { mutate, type AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Catalog } from './catalog.schema.js';
import { catalogRepository, type StoredCatalog } from './catalog.repository.js';
import {
  diffCatalog,
  parseCatalog,
  planOf,
  type CatalogDiff,
  type CatalogPlan,
  type SectionDiff,
} from './plan-catalog.js';

/**
 * Where an applied catalogue came from. Once the organisation applies its own, the server stops
 * re-applying the built-in catalogue at start (see apply-built-in-catalog.ts).
 */
export type CatalogOrigin = 'built-in' | 'organisation';

export interface ApplyCatalogResult {
  /** False when the catalogue already matched: nothing was written, not even an audit entry. */
  applied: boolean;
  revision: number | null;
  plan: CatalogPlan;
}

/** Arbitrary constant naming the advisory lock that serialises catalogue applies. */
const CATALOG_APPLY_LOCK = 0x504c4354;

/** Ends the transaction without writing when another apply got there first. */
class NothingToApply extends Error {
  constructor(readonly plan: CatalogPlan) {
    super('nothing to apply');
  }
}

type EntityType = 'framework' | 'requirement' | 'control';

function auditEntriesOf<T extends { key: string }>(
  entityType: EntityType,
  section: SectionDiff<T>,
  idByKey: Map<string, string>,
): AuditEntry[] {
  return [
    ...section.added.map((content) => ({
      action: `${entityType}.added`,
      entityType,
      entityId: idByKey.get(content.key)!,
      after: { ...content, version: 1 },
    })),
    ...section.changed.map(({ stored, desired, contentChanged }) => ({
      action: `${entityType}.changed`,
      entityType,
      entityId: stored.id,
      before: { ...stored.content, version: stored.version, retired: stored.retiredAt !== null },
      after: { ...desired, version: stored.version + (contentChanged ? 1 : 0), retired: false },
    })),
    ...section.retired.map((stored) => ({
      action: `${entityType}.retired`,
      entityType,
      entityId: stored.id,
      before: { ...stored.content, version: stored.version },
    })),
  ];
}

/** Writes a diff inside the apply's transaction; returns the ids of every object by key. */
async function writeDiff(tx: AuditedTransaction, stored: StoredCatalog, diff: CatalogDiff) {
  const { trx, now } = tx;
  const frameworkIds = new Map([...stored.frameworks].map(([key, row]) => [key, row.id]));
  const requirementIds = new Map([...stored.requirements].map(([key, row]) => [key, row.id]));
  const controlIds = new Map([...stored.controls].map(([key, row]) => [key, row.id]));

  for (const row of await catalogRepository.insertFrameworks(trx, diff.frameworks.added, now)) {
    frameworkIds.set(row.key, row.id);
  }
  for (const change of diff.frameworks.changed) {
    await catalogRepository.updateFramework(
      trx,
      change.stored.id,
      change.desired,
      change.contentChanged,
      now,
    );
  }

  // Requirements take their position from their framework's list.
  const positionOf = new Map<string, number>();
  for (const framework of diff.desired.frameworks) {
    framework.requirements.forEach((requirement, index) => positionOf.set(requirement.key, index));
  }
  const inserted = await catalogRepository.insertRequirements(
    trx,
    diff.requirements.added.map((content) => ({
      content,
      frameworkId: frameworkIds.get(content.framework)!,
      position: positionOf.get(content.key)!,
    })),
    now,
  );
  for (const row of inserted) requirementIds.set(row.key, row.id);
  for (const change of diff.requirements.changed) {
    await catalogRepository.updateRequirement(
      trx,
      change.stored.id,
      change.desired,
      change.contentChanged,
      now,
    );
  }
  const reordered = new Set([
    ...diff.frameworks.added.map((f) => f.key),
    ...diff.frameworks.changed.map((c) => c.desired.key),
  ]);
  for (const framework of diff.desired.frameworks.filter((f) => reordered.has(f.key))) {
    for (const [position, requirement] of framework.requirements.entries()) {
      const current = stored.requirements.get(requirement.key);
      if (current && current.position !== position) {
        await catalogRepository.setRequirementPosition(trx, current.id, position);
      }
    }
  }

  for (const row of await catalogRepository.insertControls(trx, diff.controls.added, now)) {
    controlIds.set(row.key, row.id);
  }
  for (const change of diff.controls.changed) {
    await catalogRepository.updateControl(
      trx,
      change.stored.id,
      change.desired,
      change.contentChanged,
      now,
    );
  }
  const mapped = [...diff.controls.added, ...diff.controls.changed.map((c) => c.desired)];
  await catalogRepository.replaceMappings(
    trx,
    new Map(
      mapped.map((control) => [
        controlIds.get(control.key)!,
        control.requirements.map((key) => requirementIds.get(key)!),
      ]),
    ),
  );

  await catalogRepository.retire(
    trx,
    'controls',
    diff.controls.retired.map((c) => c.id),
    now,
  );
  await catalogRepository.retire(
    trx,
    'requirements',
    diff.requirements.retired.map((r) => r.id),
    now,
  );
  await catalogRepository.retire(
    trx,
    'frameworks',
    diff.frameworks.retired.map((f) => f.id),
    now,
  );
  return { frameworkIds, requirementIds, controlIds };
}

function countsOf(plan: CatalogPlan) {
  const counts = (section: CatalogPlan['frameworks']) => ({
    added: section.added.length,
    changed: section.changed.length,
    retired: section.retired.length,
  });
  return {
    frameworks: counts(plan.frameworks),
    requirements: counts(plan.requirements),
    controls: counts(plan.controls),
  };
}

/**
 * Makes the stored catalogue equal to the given one, in one transaction: adds what is new, updates
 * what changed (bumping its version), and retires what is absent, never deleting it. Each object
 * touched gets its own audit entry, and the apply itself is recorded as a catalogue revision.
 * Idempotent: applying the same catalogue again writes nothing at all.
 */
export async function applyCatalog(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  catalog: Catalog,
  options: { origin: CatalogOrigin },
): Promise<ApplyCatalogResult> {
  const desired = parseCatalog(catalog);
  const preview = planOf(diffCatalog(await catalogRepository.loadAll(ctx.db), desired));
  if (preview.empty) return { applied: false, revision: null, plan: preview };
  try {
    return await mutate(ctx, actor, async (tx) => {
      // Several instances may start at once and all try to apply the built-in catalogue: the
      // lock lets one through at a time, and the diff is taken again under it.
      await sql`select pg_advisory_xact_lock(${CATALOG_APPLY_LOCK})`.execute(tx.trx);
      const stored = await catalogRepository.loadAll(tx.trx);
      const diff = diffCatalog(stored, desired);
      const plan = planOf(diff);
      if (plan.empty) throw new NothingToApply(plan);

      const ids = await writeDiff(tx, stored, diff);
      const revision = ((await catalogRepository.lastRevision(tx.trx))?.revision ?? 0) + 1;
      const summary = countsOf(plan);
      await catalogRepository.insertRevision(tx.trx, {
        revision,
        origin: options.origin,
        catalogHash: plan.catalogHash,
        summary,
        actorLabel: actor.label,
        appliedAt: tx.now,
      });
      await tx.auditMany([
        ...auditEntriesOf('framework', diff.frameworks, ids.frameworkIds),
        ...auditEntriesOf('requirement', diff.requirements, ids.requirementIds),
        ...auditEntriesOf('control', diff.controls, ids.controlIds),
        {
          action: 'catalog.applied',
          entityType: 'catalog',
          entityId: String(revision),
          after: { revision, origin: options.origin, catalogHash: plan.catalogHash, ...summary },
        },
      ]);
      return { applied: true, revision, plan };
    });
  } catch (error) {
    if (error instanceof NothingToApply)
      return { applied: false, revision: null, plan: error.plan };
    throw error;
  }
}
