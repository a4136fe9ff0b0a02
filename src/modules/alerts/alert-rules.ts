import type { IncidentSeverity } from '../incidents/incident-status.js';
import type { AlertAction } from './alert.schema.js';

/**
 * The rules that decide what an alert is for, as code (docs/incidents.md "Alert rules"). Read top
 * to bottom; the first rule whose conditions all hold decides. An alert no rule picks is kept as
 * monitoring evidence. Change this file (and its test) to change what opens an incident.
 */

/** The label names that map an alert to an asset, in order, unless the request names others. */
export const DEFAULT_ASSET_LABELS: readonly string[] = ['asset', 'instance', 'job'];

export interface AlertRule {
  key: string;
  description: string;
  when: {
    /** The alert's `severity` label is one of these. */
    severity?: readonly string[];
    /** The mapped asset's environment is one of these (an unmapped alert never matches). */
    environment?: readonly string[];
    /** The mapped asset's criticality is one of these. */
    criticality?: readonly string[];
  };
  action: AlertAction;
  /** The severity of the incident an `open-incident` rule opens. */
  incidentSeverity?: IncidentSeverity;
}

export const ALERT_RULES: readonly AlertRule[] = [
  {
    key: 'critical-on-production',
    description: 'A critical alert on a production asset opens a critical incident.',
    when: { severity: ['critical'], environment: ['production'] },
    action: 'open-incident',
    incidentSeverity: 'critical',
  },
  {
    key: 'page-on-production',
    description: 'A paging alert on a production asset opens a major incident.',
    when: { severity: ['page'], environment: ['production'] },
    action: 'open-incident',
    incidentSeverity: 'major',
  },
];

/**
 * Whether an alert of this severity could open an incident under the rules: when none could, the
 * incident clock's controls need not even be read.
 */
export function mayOpenIncident(
  severity: string | null,
  rules: readonly AlertRule[] = ALERT_RULES,
): boolean {
  return rules.some(
    (rule) =>
      rule.action === 'open-incident' &&
      (rule.when.severity === undefined ||
        (severity !== null && rule.when.severity.includes(severity))),
  );
}

/** What no rule picked: the alert shows monitoring works, and opens nothing. */
export const EVIDENCE_RULE_KEY = 'monitoring-evidence';

export interface AlertFacts {
  severity: string | null;
  asset: { environment: string; criticality: string } | null;
}

export interface AlertDecision {
  rule: string;
  action: AlertAction;
  incidentSeverity: IncidentSeverity | null;
}

const holds = (allowed: readonly string[] | undefined, value: string | null | undefined) =>
  allowed === undefined || (value !== null && value !== undefined && allowed.includes(value));

/** The decision of the first rule that holds for the alert, or monitoring evidence. */
export function decideAlert(
  facts: AlertFacts,
  rules: readonly AlertRule[] = ALERT_RULES,
): AlertDecision {
  for (const rule of rules) {
    const needsAsset = rule.when.environment !== undefined || rule.when.criticality !== undefined;
    if (needsAsset && facts.asset === null) continue;
    if (!holds(rule.when.severity, facts.severity)) continue;
    if (!holds(rule.when.environment, facts.asset?.environment)) continue;
    if (!holds(rule.when.criticality, facts.asset?.criticality)) continue;
    return { rule: rule.key, action: rule.action, incidentSeverity: rule.incidentSeverity ?? null };
  }
  return { rule: EVIDENCE_RULE_KEY, action: 'evidence', incidentSeverity: null };
}
