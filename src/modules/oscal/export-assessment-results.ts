import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  listActiveControlDefinitions,
  type ActiveControl,
} from '../controls/active-control-definitions.js';
import { getFramework } from '../controls/catalog-queries.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import { coverageFromReport } from '../packs/report-framework-coverage.js';
import { openEffectivenessReport } from '../posture/report-effectiveness.js';
import {
  exceptionFindings,
  nonconformanceFindings,
  requirementFindings,
} from './assessment-findings.js';
import {
  backupRunObservations,
  drExerciseObservations,
  occurrenceObservation,
  ObservedAssets,
  restoreTestObservations,
  type AssessmentWindow,
} from './assessment-observations.js';
import {
  assetComponentBase,
  componentStateOf,
  loadAllAssets,
  nistAssetProps,
} from './oscal-assets.js';
import { certificateAssessment, certificateRequirements } from './assessment-certificates.js';
import { vulnerabilityAssessment, vulnerabilityControls } from './assessment-vulnerabilities.js';
import { oscalControlId, stableUuid } from './oscal-identifiers.js';
import { frameworkResource, nonEmpty, oscalMetadata } from './oscal-metadata.js';
import type { OscalDocument } from './oscal.schema.js';

/**
 * The most occurrences one document takes. Each becomes an observation of about 1 KB, so this
 * bounds a document near 250 MB; a longer period is exported in parts (a quarter at a time).
 */
export const MAX_OCCURRENCE_OBSERVATIONS = 250_000;

/** Which record types a framework's controls are evaluated from: their observations belong in. */
function evaluatedSources(controls: ActiveControl[]): Set<string> {
  return new Set(controls.flatMap(({ content }) => evaluatedSourceOf(content.evaluation) ?? []));
}

/**
 * An OSCAL assessment-results document for a framework over a period: one result whose reviewed
 * controls are the framework's requirements, with an observation per occurrence due in the period
 * (and per restore test, DR exercise and asset's backup runs where the framework's controls are
 * evaluated from them), a finding per exception and per open nonconformance, the vulnerability
 * findings of the period where its controls bear on them (assessment-vulnerabilities.ts: counts
 * per asset, overdue findings as findings, accepted risks as approved deviations), the certificate
 * register as inventory items with observations of expired, expiring and below-TLS-1.2 endpoints
 * where its controls bear on certificates (assessment-certificates.ts), and the
 * objective status of every requirement. Everything is read as of the period end (or now, if earlier), so
 * exporting a closed period again gives the same document apart from metadata timestamps.
 */
export async function exportAssessmentResults(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'version'>,
  query: { framework: string; from: string; to: string },
): Promise<OscalDocument> {
  const report = await openEffectivenessReport(ctx, query);
  const summary = await report.summary();
  if (summary.occurrences > MAX_OCCURRENCE_OBSERVATIONS) {
    throw new AppError(
      'payload_too_large',
      `The period has ${summary.occurrences} occurrences; an OSCAL export takes at most ${MAX_OCCURRENCE_OBSERVATIONS}. Export a shorter period.`,
    );
  }
  const [framework, controls, allAssets, coverage] = await Promise.all([
    getFramework(ctx, query.framework),
    listActiveControlDefinitions(ctx),
    loadAllAssets(ctx),
    coverageFromReport(ctx, report),
  ]);
  const { head } = report;
  const window: AssessmentWindow = {
    start: new Date(head.periodStart),
    end: new Date(head.periodEnd),
    asOf: new Date(head.asOf),
  };
  const assets = new ObservedAssets(allAssets);
  const frameworkRequirements = new Set(
    coverage.requirements.map((requirement) => requirement.key),
  );
  const frameworkControls = controls.filter((control) =>
    control.content.requirements.some((key) => frameworkRequirements.has(key)),
  );
  const sources = evaluatedSources(frameworkControls);

  const observations: unknown[] = [];
  const findings: unknown[] = [];
  for await (const page of report.pages()) {
    for (const row of page) {
      observations.push(occurrenceObservation(row, assets));
      findings.push(...exceptionFindings(row));
    }
  }
  const recordObservations = [
    sources.has('backup-runs') || sources.has('backup-replication')
      ? await backupRunObservations(ctx, window, assets)
      : [],
    sources.has('restore-tests') ? await restoreTestObservations(ctx, window, assets) : [],
    sources.has('dr-exercises') ? await drExerciseObservations(ctx, window, assets) : [],
  ];
  // Appended one by one: a spread of a list this long could overflow the argument limit.
  for (const list of recordObservations) for (const item of list) observations.push(item);
  const vulnerabilityRequirements = [
    ...new Set(
      vulnerabilityControls(frameworkControls).flatMap(({ content }) => content.requirements),
    ),
  ]
    .filter((key) => frameworkRequirements.has(key))
    .sort();
  const vulnerabilities =
    vulnerabilityRequirements.length > 0
      ? await vulnerabilityAssessment(ctx, window, vulnerabilityRequirements, assets)
      : { observations: [], risks: [], findings: [] };
  for (const observation of vulnerabilities.observations) observations.push(observation);
  for (const finding of vulnerabilities.findings) findings.push(finding);
  const certificateRequirementKeys = certificateRequirements(
    frameworkControls,
    frameworkRequirements,
  );
  const certificates =
    certificateRequirementKeys.renewal.length > 0 || certificateRequirementKeys.tls.length > 0
      ? await certificateAssessment(ctx, window, certificateRequirementKeys, assets)
      : { inventoryItems: [], observations: [], findings: [] };
  for (const observation of certificates.observations) observations.push(observation);
  for (const finding of certificates.findings) findings.push(finding);
  const open = await nonconformanceFindings(ctx, window, controls, frameworkRequirements);
  for (const finding of open.findings) findings.push(finding);
  for (const finding of requirementFindings(coverage, open.requirementKeys)) findings.push(finding);

  const plan = frameworkResource(framework, 'assessment-plan');
  const components = [...assets.referenced.values()].map((asset) => ({
    ...assetComponentBase(asset),
    props: nistAssetProps(asset),
    status: { state: componentStateOf(asset) },
  }));
  const periodName = `${framework.key}/${query.from}/${query.to}`;
  return {
    'assessment-results': {
      uuid: stableUuid(`assessment-results/${periodName}`),
      metadata: oscalMetadata(ctx, {
        title: `Plumbline assessment results: ${framework.title}, ${query.from} to ${query.to}`,
        version: `${framework.key}-catalogue-${framework.version}`,
        remarks: `Records as they stood at ${head.asOf} (the end of the period, or the export time if earlier).`,
      }),
      'import-ap': {
        href: plan.href,
        remarks:
          'Plumbline keeps no OSCAL assessment plan: the plan is the control schedule of its catalogue for the framework, described by the back-matter resource this points to.',
      },
      results: [
        {
          uuid: stableUuid(`result/${periodName}`),
          title: `${framework.title}: ${query.from} to ${query.to}`,
          description: `Operating effectiveness of the controls mapped to ${framework.title} over the period, from the Plumbline records.`,
          start: head.periodStart,
          end: head.periodEnd,
          ...(components.length > 0 || certificates.inventoryItems.length > 0
            ? {
                'local-definitions': {
                  ...nonEmpty('components', components),
                  ...nonEmpty('inventory-items', certificates.inventoryItems),
                },
              }
            : {}),
          'reviewed-controls': {
            description: `Every current requirement of ${framework.title}.`,
            'control-selections': [
              {
                ...nonEmpty(
                  'include-controls',
                  coverage.requirements.map((requirement) => ({
                    'control-id': oscalControlId(requirement.key),
                  })),
                ),
              },
            ],
          },
          ...nonEmpty('observations', observations),
          ...nonEmpty('risks', vulnerabilities.risks),
          ...nonEmpty('findings', findings),
        },
      ],
      'back-matter': { resources: [plan.resource] },
    },
  };
}
