import type { AppContext } from '../../platform/context.js';
import type { FrameworkView } from '../controls/catalog-view.schema.js';
import { stableUuid } from './oscal-identifiers.js';
import { OSCAL_VERSION, type OscalProp } from './oscal.schema.js';

/** Namespace of the properties Plumbline defines (NIST-defined names carry none). */
export const PLUMBLINE_NS = 'urn:plumbline:ns:oscal';

/**
 * A property list without the empty ones: OSCAL values must be non-empty and free of surrounding
 * white space, and an absent field is better left out than exported as a placeholder.
 */
export function props(
  entries: [name: string, value: string | number | boolean | null | undefined, ns?: string][],
): OscalProp[] {
  const list: OscalProp[] = [];
  for (const [name, raw, ns] of entries) {
    if (raw === null || raw === undefined) continue;
    const value = String(raw).replace(/\s+/g, ' ').trim();
    if (value === '') continue;
    list.push(ns === undefined ? { name, value } : { name, value, ns });
  }
  return list;
}

/** Plumbline-namespaced properties. */
export const plumblineProps = (
  entries: [name: string, value: string | number | boolean | null | undefined][],
): OscalProp[] => props(entries.map(([name, value]) => [name, value, PLUMBLINE_NS]));

/** OSCAL arrays have at least one item: an empty list is left out with its key. */
export const nonEmpty = <T>(key: string, items: T[]): Record<string, T[]> =>
  items.length > 0 ? { [key]: items } : {};

const ORGANISATION_PARTY = stableUuid('party/organisation');

/** Metadata shared by every export: who prepared it (the organisation, through Plumbline). */
export function oscalMetadata(
  ctx: Pick<AppContext, 'clock' | 'version'>,
  options: { title: string; version: string; remarks: string },
) {
  return {
    title: options.title,
    'last-modified': ctx.clock.now().toISOString(),
    version: options.version,
    'oscal-version': OSCAL_VERSION,
    props: plumblineProps([['generator', `Plumbline ${ctx.version}`]]),
    roles: [
      { id: 'prepared-by', title: 'Prepared By' },
      { id: 'maintainer', title: 'Infrastructure programme owner' },
    ],
    parties: [
      {
        uuid: ORGANISATION_PARTY,
        type: 'organization',
        name: 'The organisation running this Plumbline instance',
      },
    ],
    'responsible-parties': [
      { 'role-id': 'prepared-by', 'party-uuids': [ORGANISATION_PARTY] },
      { 'role-id': 'maintainer', 'party-uuids': [ORGANISATION_PARTY] },
    ],
    remarks: options.remarks,
  };
}

/**
 * A back-matter resource standing for the framework as Plumbline's catalogue holds it. OSCAL links
 * (import-ap, import-profile, a control implementation's source) expect an OSCAL document; the
 * frameworks are not published as OSCAL catalogues, so the link points here (`#uuid`), and the
 * resource says which framework, edition and catalogue version the control ids come from.
 */
export function frameworkResource(framework: FrameworkView, role: string) {
  const uuid = stableUuid(`${role}/${framework.key}`);
  return {
    href: `#${uuid}`,
    resource: {
      uuid,
      title: `${framework.title} (${framework.key}, catalogue version ${framework.version})`,
      description: [
        `${framework.issuer} ${framework.edition}`.trim(),
        framework.description,
        'Control ids are the requirement keys of the Plumbline catalogue with ":" written as "_".',
      ]
        .filter((part) => part !== '')
        .join('\n\n'),
      props: plumblineProps([
        ['framework-key', framework.key],
        ['catalogue-version', framework.version],
        ['resource-role', role],
      ]),
    },
  };
}
