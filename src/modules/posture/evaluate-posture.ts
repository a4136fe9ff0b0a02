import type { AppContext } from '../../platform/context.js';
import type { ActiveControl } from '../controls/active-control-definitions.js';
import { listFrameworkViews } from '../controls/catalog-queries.js';
import type { FrameworkView } from '../controls/catalog-view.schema.js';
import { automationOf } from '../controls/evaluators.js';
import { listTrainingGaps } from '../training/training-gaps.js';
import {
  countStatuses,
  statusFromOccurrences,
  worstStatus,
  type ControlStatus,
  type CurrentOccurrenceCounts,
} from './control-status.js';
import { postureInputs, type PostureInputs } from './posture-inputs.js';
import { postureCountsRepository } from './posture-counts.repository.js';
import { postureRepository, type CurrentCountsRow } from './posture.repository.js';
import type { ControlPosture, Posture, PostureQuery } from './posture.schema.js';

const NO_OCCURRENCES: CurrentOccurrenceCounts = {
  failing: 0,
  atRisk: 0,
  verified: 0,
  notApplicable: 0,
  pending: 0,
};

/**
 * Per control, how many current occurrences are in each class at t: from the kept counts when
 * they describe t exactly (live posture, normally), otherwise by classifying the current
 * occurrences from the records (past instants). Both give the same answer (a property test
 * compares them).
 */
export async function currentCounts(
  ctx: Pick<AppContext, 'db'>,
  inputs: Pick<PostureInputs, 'at' | 'atRiskUntil' | 'lookbacks'>,
): Promise<ControlCounts[]> {
  const counted = await postureCountsRepository.currentCountsByControl(
    ctx.db,
    inputs.at,
    inputs.atRiskUntil,
    inputs.lookbacks,
  );
  return (
    counted ??
    postureRepository.currentCountsByControl(
      ctx.db,
      inputs.at,
      inputs.atRiskUntil,
      inputs.lookbacks,
    )
  );
}

/** What a posture is rolled up from besides the counts: the catalogue in force now. */
export interface PostureCatalog {
  controls: ActiveControl[];
  frameworkViews: FrameworkView[];
}

/** Per control (by id), how many current occurrences are in each class at the instant. */
export type ControlCounts = Omit<CurrentCountsRow, 'asset_key'>;

/**
 * Posture at an instant from its per-control counts: every control's status, rolled up to
 * requirements and frameworks (the catalogue in force now). Pure; the training gaps are not part
 * of it.
 */
export function postureFromCounts(
  at: Date,
  atRiskDays: number,
  catalog: PostureCatalog,
  counts: readonly ControlCounts[],
): Omit<Posture, 'training'> {
  const countsByControlId = new Map(counts.map((row) => [row.control_id, row]));
  const controls: ControlPosture[] = catalog.controls
    .map(({ id, content }) => {
      const row = countsByControlId.get(id);
      const current: CurrentOccurrenceCounts = row
        ? {
            failing: row.failing,
            atRisk: row.at_risk,
            verified: row.verified,
            notApplicable: row.not_applicable,
            pending: row.pending,
          }
        : NO_OCCURRENCES;
      return {
        key: content.key,
        title: content.title,
        critical: content.critical,
        perAsset: content.perAsset,
        evaluation: automationOf(content.evaluation),
        status: statusFromOccurrences(current),
        requirements: content.requirements,
        currentOccurrences: current,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  const statusByControl = new Map<string, ControlStatus>(
    controls.map((control) => [control.key, control.status]),
  );
  const frameworks = catalog.frameworkViews.map((framework) => {
    const requirements = framework.requirements
      .filter((requirement) => requirement.retiredAt === null)
      .map((requirement) => {
        const mapped = requirement.controls.map((control) => ({
          key: control.key,
          status: statusByControl.get(control.key) ?? 'no_evidence',
        }));
        return {
          key: requirement.key,
          reference: requirement.reference,
          title: requirement.title,
          status: worstStatus(mapped.map((control) => control.status)),
          controls: mapped,
        };
      });
    const controlKeys = new Set(
      requirements.flatMap((requirement) => requirement.controls.map((control) => control.key)),
    );
    const requirementStatuses = requirements.map((requirement) => requirement.status);
    return {
      key: framework.key,
      title: framework.title,
      status: worstStatus(requirementStatuses),
      requirementCounts: countStatuses(requirementStatuses),
      controlCounts: countStatuses(
        [...controlKeys].map((key) => statusByControl.get(key) ?? 'no_evidence'),
      ),
      requirements,
    };
  });
  return {
    at: at.toISOString(),
    atRiskDays,
    status: worstStatus(controls.map((control) => control.status)),
    controlCounts: countStatuses(controls.map((control) => control.status)),
    frameworks,
    controls,
  };
}

/**
 * Every control's status at an instant (default now), rolled up to requirements and frameworks,
 * and beside them the people without current training on an effective document (ISO 13485 6.2).
 * Only facts recorded at or before the instant count, so a past instant always gives the same
 * answer; the per-control aggregation runs in the database. The mapping of controls to
 * requirements is the catalogue in force now.
 */
export async function evaluatePosture(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: PostureQuery,
): Promise<Posture> {
  const inputs = await postureInputs(ctx, query);
  const [counts, frameworkViews, training] = await Promise.all([
    currentCounts(ctx, inputs),
    listFrameworkViews(ctx),
    listTrainingGaps(ctx, inputs.at),
  ]);
  return {
    ...postureFromCounts(
      inputs.at,
      inputs.atRiskDays,
      { controls: inputs.controls, frameworkViews },
      counts,
    ),
    training: { requirement: 'ISO 13485 6.2', gapCount: training.total, gaps: training.gaps },
  };
}
