import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import {
  contentHash,
  normalizeControl,
  type ControlContent,
  type FrameworkContent,
  type RequirementContent,
} from './catalog-content.js';
import { controlSchema, type CatalogFramework } from './catalog.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

interface Stored<T> {
  id: string;
  content: T;
  version: number;
  retiredAt: Date | null;
}

export type StoredFramework = Stored<FrameworkContent>;
export type StoredRequirement = Stored<RequirementContent> & {
  frameworkId: string;
  position: number;
};
export type StoredControl = Stored<ControlContent> & { createdAt: Date; updatedAt: Date };

/** The catalogue as the database holds it, retired objects included, keyed by object key. */
export interface StoredCatalog {
  frameworks: Map<string, StoredFramework>;
  requirements: Map<string, StoredRequirement>;
  controls: Map<string, StoredControl>;
}

type ControlRow = Awaited<ReturnType<typeof selectControls>>[number];

function selectControls(db: Db) {
  return db.selectFrom('controls').selectAll().orderBy('key').execute();
}

/** Rebuilds a control's catalogue content from its row; a row that does not parse is a bug. */
function controlContentOf(row: ControlRow, requirementKeys: string[]): ControlContent {
  const candidate = {
    key: row.key,
    title: row.title,
    theme: row.theme,
    objective: row.objective,
    ownerRole: row.owner_role,
    critical: row.critical,
    perAsset: row.per_asset,
    ...(row.scope === null ? {} : { scope: row.scope }),
    ...(row.cadence === null ? {} : { cadence: row.cadence }),
    ...(row.sla === null ? {} : { sla: row.sla }),
    evaluation: row.evaluation,
    checklist: row.checklist,
    evidenceExpected: row.evidence_expected,
    requirements: requirementKeys,
  };
  const parsed = controlSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new Error(
      `Stored control ${row.key} does not match the catalogue schema: ${parsed.error.message}`,
    );
  }
  return normalizeControl(parsed.data);
}

/** Column values of a control's content (everything but identity and bookkeeping). */
export function controlColumns(content: ControlContent) {
  return {
    title: content.title,
    theme: content.theme,
    objective: content.objective,
    owner_role: content.ownerRole,
    critical: content.critical,
    per_asset: content.perAsset,
    scope: content.scope === undefined ? null : JSON.stringify(content.scope),
    cadence: content.cadence === undefined ? null : JSON.stringify(content.cadence),
    sla: content.sla === undefined ? null : JSON.stringify(content.sla),
    evaluation: JSON.stringify(content.evaluation),
    checklist: JSON.stringify(content.checklist),
    evidence_expected: JSON.stringify(content.evidenceExpected),
    content_hash: contentHash(content),
  };
}

export function frameworkColumns(content: FrameworkContent) {
  return {
    title: content.title,
    kind: content.kind,
    issuer: content.issuer,
    edition: content.edition,
    description: content.description,
    content_hash: contentHash(content),
  };
}

export function requirementColumns(content: RequirementContent) {
  return {
    reference: content.key.slice(content.key.indexOf(':') + 1),
    title: content.title,
    summary: content.summary,
    content_hash: contentHash(content),
  };
}

export const catalogRepository = {
  /** Everything, in one consistent read when called inside a transaction. */
  async loadAll(db: Db): Promise<StoredCatalog> {
    const frameworkRows = await db.selectFrom('frameworks').selectAll().orderBy('key').execute();
    const requirementRows = await db
      .selectFrom('requirements')
      .innerJoin('frameworks', 'frameworks.id', 'requirements.framework_id')
      .selectAll('requirements')
      .select('frameworks.key as framework_key')
      .orderBy('requirements.position')
      .orderBy('requirements.key')
      .execute();
    const controlRows = await selectControls(db);
    const mappingRows = await db
      .selectFrom('control_requirements')
      .innerJoin('requirements', 'requirements.id', 'control_requirements.requirement_id')
      .select(['control_requirements.control_id', 'requirements.key'])
      .execute();

    const requirementKeysByControl = new Map<string, string[]>();
    for (const mapping of mappingRows) {
      const keys = requirementKeysByControl.get(mapping.control_id) ?? [];
      keys.push(mapping.key);
      requirementKeysByControl.set(mapping.control_id, keys);
    }
    const activeRequirementsByFramework = new Map<string, string[]>();
    const requirements = new Map<string, StoredRequirement>();
    for (const row of requirementRows) {
      requirements.set(row.key, {
        id: row.id,
        frameworkId: row.framework_id,
        position: row.position,
        content: {
          key: row.key,
          title: row.title,
          summary: row.summary,
          framework: row.framework_key,
        },
        version: row.version,
        retiredAt: row.retired_at,
      });
      if (row.retired_at === null) {
        const keys = activeRequirementsByFramework.get(row.framework_id) ?? [];
        keys.push(row.key);
        activeRequirementsByFramework.set(row.framework_id, keys);
      }
    }
    const frameworks = new Map<string, StoredFramework>();
    for (const row of frameworkRows) {
      frameworks.set(row.key, {
        id: row.id,
        content: {
          key: row.key,
          title: row.title,
          kind: row.kind as CatalogFramework['kind'],
          issuer: row.issuer,
          edition: row.edition,
          description: row.description,
          requirements: activeRequirementsByFramework.get(row.id) ?? [],
        },
        version: row.version,
        retiredAt: row.retired_at,
      });
    }
    const controls = new Map<string, StoredControl>();
    for (const row of controlRows) {
      controls.set(row.key, {
        id: row.id,
        content: controlContentOf(row, requirementKeysByControl.get(row.id) ?? []),
        version: row.version,
        retiredAt: row.retired_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
    }
    return { frameworks, requirements, controls };
  },

  insertFrameworks: (db: Db, contents: FrameworkContent[], now: Date) =>
    contents.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('frameworks')
          .values(
            contents.map((content) => ({
              key: content.key,
              ...frameworkColumns(content),
              created_at: now,
              updated_at: now,
            })),
          )
          .returning(['id', 'key'])
          .execute(),

  insertRequirements: (
    db: Db,
    rows: { content: RequirementContent; frameworkId: string; position: number }[],
    now: Date,
  ) =>
    rows.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('requirements')
          .values(
            rows.map((row) => ({
              key: row.content.key,
              framework_id: row.frameworkId,
              position: row.position,
              ...requirementColumns(row.content),
              created_at: now,
              updated_at: now,
            })),
          )
          .returning(['id', 'key'])
          .execute(),

  insertControls: (db: Db, contents: ControlContent[], now: Date) =>
    contents.length === 0
      ? Promise.resolve([])
      : db
          .insertInto('controls')
          .values(
            contents.map((content) => ({
              key: content.key,
              ...controlColumns(content),
              created_at: now,
              updated_at: now,
            })),
          )
          .returning(['id', 'key'])
          .execute(),

  /** Writes new content (bumping the version when it differs) and clears any retirement. */
  updateFramework: (db: Db, id: string, content: FrameworkContent, bump: boolean, now: Date) =>
    db
      .updateTable('frameworks')
      .set({
        ...frameworkColumns(content),
        retired_at: null,
        updated_at: now,
        ...(bump ? { version: sql<number>`version + 1` } : {}),
      })
      .where('id', '=', id)
      .execute(),

  updateRequirement: (db: Db, id: string, content: RequirementContent, bump: boolean, now: Date) =>
    db
      .updateTable('requirements')
      .set({
        ...requirementColumns(content),
        retired_at: null,
        updated_at: now,
        ...(bump ? { version: sql<number>`version + 1` } : {}),
      })
      .where('id', '=', id)
      .execute(),

  updateControl: (db: Db, id: string, content: ControlContent, bump: boolean, now: Date) =>
    db
      .updateTable('controls')
      .set({
        ...controlColumns(content),
        retired_at: null,
        updated_at: now,
        ...(bump ? { version: sql<number>`version + 1` } : {}),
      })
      .where('id', '=', id)
      .execute(),

  /** Order of requirements within their framework; follows the framework's content. */
  setRequirementPosition: (db: Db, id: string, position: number) =>
    db.updateTable('requirements').set({ position }).where('id', '=', id).execute(),

  retire: (db: Db, table: 'frameworks' | 'requirements' | 'controls', ids: string[], now: Date) =>
    ids.length === 0
      ? Promise.resolve()
      : db
          .updateTable(table)
          .set({ retired_at: now, updated_at: now })
          .where('id', 'in', ids)
          .execute()
          .then(() => undefined),

  /** Replaces the requirements the given controls map to, in two statements. */
  async replaceMappings(db: Db, mappings: Map<string, string[]>): Promise<void> {
    if (mappings.size === 0) return;
    await db
      .deleteFrom('control_requirements')
      .where('control_id', 'in', [...mappings.keys()])
      .execute();
    const rows = [...mappings].flatMap(([controlId, requirementIds]) =>
      requirementIds.map((requirementId) => ({
        control_id: controlId,
        requirement_id: requirementId,
      })),
    );
    if (rows.length > 0) await db.insertInto('control_requirements').values(rows).execute();
  },

  lastRevision: (db: Db) =>
    db
      .selectFrom('catalog_revisions')
      .selectAll()
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst(),

  insertRevision: (
    db: Db,
    values: {
      revision: number;
      origin: string;
      catalogHash: string;
      summary: Record<string, unknown>;
      actorLabel: string;
      appliedAt: Date;
    },
  ) =>
    db
      .insertInto('catalog_revisions')
      .values({
        revision: values.revision,
        origin: values.origin,
        catalog_hash: values.catalogHash,
        summary: JSON.stringify(values.summary),
        actor_label: values.actorLabel,
        applied_at: values.appliedAt,
      })
      .execute(),
};
