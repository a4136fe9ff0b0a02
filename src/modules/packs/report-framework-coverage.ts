import type { AppContext } from '../../platform/context.js';
import { getFramework } from '../controls/catalog-queries.js';
import {
  openEffectivenessReport,
  type EffectivenessReportStream,
} from '../posture/report-effectiveness.js';
import type {
  ControlCoverage,
  FrameworkCoverage,
  PackPeriod,
  RequirementCoverage,
} from './pack.schema.js';

type ControlCounts = Awaited<ReturnType<EffectivenessReportStream['summary']>>['byControl'][number];

function controlCoverage(counts: ControlCounts | undefined): ControlCoverage {
  if (!counts || counts.occurrences === 0) return 'no_evidence';
  if (counts.notApplicable === counts.occurrences) return 'not_applicable';
  return counts.withExceptions > 0 ? 'exceptions' : 'covered';
}

function requirementCoverage(controls: ControlCoverage[]): RequirementCoverage {
  if (controls.every((coverage) => coverage === 'no_evidence')) return 'gap';
  return controls.some((coverage) => coverage === 'no_evidence' || coverage === 'exceptions')
    ? 'partial'
    : 'covered';
}

/**
 * Coverage from a framework's requirements and an effectiveness report already opened for the
 * period (the pack builder has one). A requirement is a gap when none of its controls had an
 * occurrence in the period (or no control maps it); partial when one of them had none, or had
 * exceptions (missed, late, unverified); covered otherwise.
 */
export async function coverageFromReport(
  ctx: Pick<AppContext, 'db'>,
  report: EffectivenessReportStream,
): Promise<FrameworkCoverage> {
  const framework = await getFramework(ctx, report.head.framework);
  const summary = await report.summary();
  const byControl = new Map(summary.byControl.map((row) => [row.controlKey, row]));
  const counts = { covered: 0, partial: 0, gap: 0 };
  const requirements = framework.requirements
    .filter((requirement) => requirement.retiredAt === null)
    .map((requirement) => {
      const controls = requirement.controls.map((control) => {
        const row = byControl.get(control.key);
        return {
          key: control.key,
          title: control.title,
          critical: control.critical,
          evaluation: control.evaluation,
          occurrences: row?.occurrences ?? 0,
          notApplicable: row?.notApplicable ?? 0,
          withExceptions: row?.withExceptions ?? 0,
          missed: row?.missed ?? 0,
          coverage: controlCoverage(row),
        };
      });
      const coverage = requirementCoverage(controls.map((control) => control.coverage));
      counts[coverage] += 1;
      return {
        key: requirement.key,
        reference: requirement.reference,
        title: requirement.title,
        coverage,
        controls,
      };
    });
  const { from, to, periodStart, periodEnd, asOf } = report.head;
  return {
    framework: { key: framework.key, title: framework.title },
    from,
    to,
    periodStart,
    periodEnd,
    asOf,
    counts,
    requirements,
  };
}

/** Every requirement of a framework with its controls and whether evidence covers the period. */
export async function reportFrameworkCoverage(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  period: PackPeriod,
): Promise<FrameworkCoverage> {
  return coverageFromReport(ctx, await openEffectivenessReport(ctx, period));
}
