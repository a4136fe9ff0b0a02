import type { AppContext } from '../../platform/context.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { listControls } from '../controls/catalog-queries.js';
import { reportAssetEffectiveness } from '../posture/report-asset-effectiveness.js';
import { changesOfAssetIn } from '../changes/change.service.js';
import { listDrExercises } from '../recovery/dr-exercise.service.js';
import { getAsset } from '../register/asset-queries.js';
import { listWholeMatrix } from '../register/matrix.service.js';
import { getProcess } from '../register/process.service.js';
import { listAllSuppliers } from '../register/supplier.service.js';
import { dependencyGaps } from './walkthrough-gaps.js';
import {
  assetBackupsIn,
  assetChangesIn,
  incidentsByAsset,
  nonconformancesByAsset,
  type WalkthroughWindow,
} from './walkthrough-records.js';
import type { Walkthrough, WalkthroughDependency, WalkthroughQuery } from './walkthrough.schema.js';

/** Catalogue themes whose controls the walkthrough reads specially. */
const CHANGE_CONTROL_THEME = 'change-control';
const SUPPLIER_OVERSIGHT_THEME = 'supplier-oversight';

async function controlKeysOfTheme(ctx: Pick<AppContext, 'db'>, theme: string) {
  const controls = await listControls(ctx, {
    theme,
    includeRetired: true,
    critical: undefined,
  });
  return new Set(controls.map((control) => control.key));
}

/**
 * The ISO 9001 7.1.3 walkthrough of one process over [from, to]: each infrastructure dependency
 * from the process-to-infrastructure matrix with its maintenance evidence, changes,
 * nonconformances and backup and recovery records in the period, and the gaps an auditor would
 * find (docs/walkthrough.md). Statuses are judged at the end of the period, or now if earlier.
 */
export async function reportWalkthrough(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  processKey: string,
  query: Pick<WalkthroughQuery, 'from' | 'to'>,
): Promise<Walkthrough> {
  const process = await getProcess(ctx, processKey);
  const now = ctx.clock.now();
  const start = startOfDate(query.from, ctx.config.timezone);
  const end = startOfDate(addDays(query.to, 1), ctx.config.timezone);
  const window: WalkthroughWindow = { start, end, asOf: end < now ? end : now };
  const matrix = await listWholeMatrix(ctx, { process: processKey });
  const assetKeys = matrix.map((row) => row.assetKey);
  const [assets, suppliers, maintenance, changeControls, supplierReviews, drExercises] =
    await Promise.all([
      Promise.all(assetKeys.map((key) => getAsset(ctx, key))),
      listAllSuppliers(ctx),
      reportAssetEffectiveness(ctx, {
        assetKeys,
        periodStart: start,
        periodEnd: end,
        asOf: window.asOf,
      }),
      controlKeysOfTheme(ctx, CHANGE_CONTROL_THEME),
      controlKeysOfTheme(ctx, SUPPLIER_OVERSIGHT_THEME),
      listDrExercises(ctx),
    ]);
  const nonconformances = await nonconformancesByAsset(ctx, window, drExercises);
  const incidents = await incidentsByAsset(ctx, window);
  const supplierByKey = new Map(suppliers.map((supplier) => [supplier.key, supplier]));

  const dependencies: WalkthroughDependency[] = [];
  for (const [index, row] of matrix.entries()) {
    const asset = assets[index]!;
    const supplier = asset.supplierKey ? supplierByKey.get(asset.supplierKey) : undefined;
    const records = {
      asset: {
        key: asset.key,
        name: asset.name,
        category: asset.category,
        criticality: asset.criticality,
        ownerRole: asset.ownerRole,
        lifecycleStatus: asset.lifecycleStatus,
        thirdPartyManaged: asset.thirdPartyManaged,
      },
      conformityImpact: row.conformityImpact,
      controlMethod: row.controlMethod,
      systemOfRecord: row.evidenceLocation,
      supplier: supplier
        ? {
            key: supplier.key,
            name: supplier.name,
            certifications: supplier.certifications.map((certification) => ({
              name: certification.name,
              expiresOn: certification.expiresOn,
              validAtPeriodEnd:
                certification.expiresOn === null || certification.expiresOn >= query.to,
            })),
          }
        : null,
      maintenance: maintenance
        .filter((occurrence) => occurrence.assetKey === asset.key)
        .map(({ assetKey: _asset, opensAt: _opens, ...occurrence }) => ({
          ...occurrence,
          changeControl: changeControls.has(occurrence.controlKey),
        })),
      changes: await assetChangesIn(ctx, asset.key, window),
      changeRecords: await changesOfAssetIn(ctx, asset.key, window),
      nonconformances: nonconformances.get(asset.key) ?? [],
      incidents: incidents.get(asset.key) ?? [],
      backups: await assetBackupsIn(ctx, asset.key, window, drExercises),
    };
    dependencies.push({
      ...records,
      gaps: dependencyGaps(records, { supplierReviewControls: supplierReviews }),
    });
  }
  return {
    process: {
      key: process.key,
      name: process.name,
      description: process.description,
      ownerRole: process.ownerRole,
      affectsConformity: process.affectsConformity,
    },
    from: query.from,
    to: query.to,
    timeZone: ctx.config.timezone,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    asOf: window.asOf.toISOString(),
    generatedAt: now.toISOString(),
    dependencies,
    gaps: dependencies.flatMap((dependency) => dependency.gaps),
  };
}
