import type { AppContext } from '../../platform/context.js';
import type { ActiveControl } from '../controls/active-control-definitions.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import { listNonconformances } from '../nonconformances/nonconformance.service.js';
import type {
  NonconformanceSource,
  NonconformanceView,
} from '../nonconformances/nonconformance.schema.js';
import { listCapaPage } from '../capas/capa.service.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import type { FrameworkCoverage } from '../packs/pack.schema.js';
import type { EffectivenessReportRow } from '../posture/posture.schema.js';
import { occurrenceObservationUuid, type AssessmentWindow } from './assessment-observations.js';
import { oscalControlId, stableUuid } from './oscal-identifiers.js';
import { plumblineProps } from './oscal-metadata.js';

type ObjectiveState = 'satisfied' | 'not-satisfied';

function target(requirementKey: string, state: ObjectiveState, reason: string, remarks?: string) {
  return {
    type: 'objective-id',
    'target-id': oscalControlId(requirementKey),
    status: { state, reason, ...(remarks ? { remarks } : {}) },
  };
}

const EXCEPTION_TEXT = {
  missed: 'was missed (not done by the end of its window)',
  late: 'was done after its deadline',
  unverified: 'was closed without verification',
} as const;

/**
 * One finding per requirement an occurrence with exceptions maps (a finding has one target): the
 * requirement's objective is not satisfied by that occurrence, and the finding points at the
 * occurrence's observation.
 */
export function exceptionFindings(row: EffectivenessReportRow) {
  if (row.exceptions.length === 0) return [];
  const what = row.exceptions.map((exception) => EXCEPTION_TEXT[exception]).join(' and ');
  const subject = `${row.controlKey} ${row.periodKey}${row.assetKey ? ` on ${row.assetKey}` : ''}`;
  return row.requirementKeys.map((requirementKey) => ({
    uuid: stableUuid(
      `finding/occurrence/${row.controlKey}/${row.periodKey}/${row.assetKey}/${requirementKey}`,
    ),
    title: `${subject}: ${row.exceptions.join(', ')}`,
    description: `${row.controlTitle} (${subject}) ${what}.`,
    props: plumblineProps([
      ['requirement-key', requirementKey],
      ['exceptions', row.exceptions.join(' ')],
    ]),
    target: target(requirementKey, 'not-satisfied', 'fail'),
    'related-observations': [{ 'observation-uuid': occurrenceObservationUuid(row) }],
  }));
}

const openAt = (nonconformance: NonconformanceView, at: Date) =>
  new Date(nonconformance.raisedAt) <= at &&
  (nonconformance.closedAt === null || new Date(nonconformance.closedAt) > at);

/**
 * The evaluation source whose controls a nonconformance bears on: a deficiency, its recovery
 * record's; an incident's, the incident controls' (the conformity decision); one raised by hand,
 * the CAPA controls' (nonconformity and corrective action).
 */
const EVALUATION_SOURCE_OF: Record<Exclude<NonconformanceSource, 'occurrence'>, string> = {
  'restore-test': 'restore-tests',
  'dr-exercise': 'dr-exercises',
  incident: 'incidents',
  manual: 'capas',
};

/** The requirement keys of the framework a nonconformance bears on, through its source's controls. */
async function requirementsOf(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  nonconformance: NonconformanceView,
  controls: ActiveControl[],
  frameworkRequirements: Set<string>,
): Promise<string[]> {
  let sources: ActiveControl[];
  if (nonconformance.sourceType === 'occurrence') {
    // One lookup per open nonconformance raised by missed work: there are few at any time.
    const occurrence = await getOccurrence(ctx, nonconformance.sourceId);
    sources = controls.filter((control) => control.content.key === occurrence.controlKey);
  } else {
    const source = EVALUATION_SOURCE_OF[nonconformance.sourceType];
    sources = controls.filter(
      (control) => evaluatedSourceOf(control.content.evaluation) === source,
    );
  }
  const keys = new Set(sources.flatMap((control) => control.content.requirements));
  return [...keys].filter((key) => frameworkRequirements.has(key)).sort();
}

/**
 * Nonconformances and deficiencies still open at the end of the period, one finding per
 * requirement of the framework they bear on (missed work: its control's; otherwise those of the
 * controls its source evaluates: EVALUATION_SOURCE_OF), with the CAPAs answering each, and the
 * requirements they bear on.
 */
export async function nonconformanceFindings(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  window: AssessmentWindow,
  controls: ActiveControl[],
  frameworkRequirements: Set<string>,
) {
  const open = (await listNonconformances(ctx)).filter((nc) => openAt(nc, window.asOf));
  const findings = [];
  const requirementKeys = new Set<string>();
  for (const nonconformance of open.sort((a, b) => a.number.localeCompare(b.number))) {
    const kind = nonconformance.deficiency ? 'Deficiency' : 'Nonconformance';
    // The CAPAs answering it, as opened by the end of the period (a handful per nonconformance).
    const capas = (
      await listCapaPage(ctx, { limit: 100, nonconformanceId: nonconformance.id })
    ).items.filter((capa) => new Date(capa.openedAt) <= window.asOf);
    for (const requirementKey of await requirementsOf(
      ctx,
      nonconformance,
      controls,
      frameworkRequirements,
    )) {
      requirementKeys.add(requirementKey);
      findings.push({
        uuid: stableUuid(`finding/nonconformance/${nonconformance.id}/${requirementKey}`),
        title: `${kind} ${nonconformance.number} open: ${nonconformance.title}`,
        description: nonconformance.description || nonconformance.title,
        props: plumblineProps([
          ['nonconformance', nonconformance.number],
          ['source-type', nonconformance.sourceType],
          ['requirement-key', requirementKey],
          ['due-on', nonconformance.dueOn],
          ['capas', capas.map((capa) => capa.number).join(' ') || null],
        ]),
        target: target(
          requirementKey,
          'not-satisfied',
          'fail',
          `Raised ${nonconformance.raisedAt}, still open at the end of the period.`,
        ),
      });
    }
  }
  return { findings, requirementKeys };
}

/**
 * The objective status of every requirement for the period: satisfied when its controls covered
 * the period without exceptions and no nonconformance bearing on it is open; not satisfied
 * otherwise (partly covered, or with no evidence at all).
 */
export function requirementFindings(
  coverage: FrameworkCoverage,
  withOpenNonconformance: Set<string>,
) {
  return coverage.requirements.map((requirement) => {
    const open = withOpenNonconformance.has(requirement.key);
    const satisfied = requirement.coverage === 'covered' && !open;
    const why = open
      ? 'a nonconformance bearing on it is open at the end of the period'
      : requirement.coverage === 'gap'
        ? 'no control mapped to it had an occurrence in the period'
        : requirement.coverage === 'partial'
          ? 'a control mapped to it had exceptions or no occurrence in the period'
          : 'every control mapped to it covered the period without exceptions';
    return {
      uuid: stableUuid(
        `finding/requirement/${requirement.key}/${coverage.periodStart}/${coverage.periodEnd}`,
      ),
      title: `${requirement.key} ${requirement.title}: ${satisfied ? 'satisfied' : 'not satisfied'}`,
      description: `Over the period, ${why}.`,
      props: plumblineProps([
        ['requirement-key', requirement.key],
        ['coverage', requirement.coverage],
      ]),
      target: target(
        requirement.key,
        satisfied ? 'satisfied' : 'not-satisfied',
        satisfied ? 'pass' : requirement.coverage === 'gap' && !open ? 'other' : 'fail',
      ),
    };
  });
}
