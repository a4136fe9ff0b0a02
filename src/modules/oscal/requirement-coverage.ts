import type { ActiveControl } from '../controls/active-control-definitions.js';
import type { FrameworkView } from '../controls/catalog-view.schema.js';

/** A current requirement of the framework with the given controls that map it. */
export interface CoveredRequirement {
  key: string;
  title: string;
  controls: ActiveControl[];
}

/**
 * The framework's current requirements in its order, each with those of `controls` that map it
 * (possibly none). One pass over the controls: linear in controls × mappings.
 */
export function requirementsWithControls(
  framework: FrameworkView,
  controls: ActiveControl[],
): CoveredRequirement[] {
  const byRequirement = new Map<string, ActiveControl[]>();
  for (const control of controls) {
    for (const key of control.content.requirements) {
      byRequirement.set(key, [...(byRequirement.get(key) ?? []), control]);
    }
  }
  return framework.requirements
    .filter((requirement) => requirement.retiredAt === null)
    .map((requirement) => ({
      key: requirement.key,
      title: requirement.title,
      controls: byRequirement.get(requirement.key) ?? [],
    }));
}

/** "Title: implemented by key (title), …." — how a requirement's controls read in a description. */
export const describeImplementation = (requirement: CoveredRequirement): string =>
  requirement.controls.length === 0
    ? `${requirement.title}: no Plumbline control maps this requirement.`
    : `${requirement.title}: implemented by ${requirement.controls
        .map((control) => `${control.content.key} (${control.content.title})`)
        .join(', ')}.`;
