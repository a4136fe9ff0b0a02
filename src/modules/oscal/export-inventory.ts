import type { AppContext } from '../../platform/context.js';
import {
  assetComponentBase,
  componentStateOf,
  loadDescribedRegister,
  nistAssetProps,
  plumblineAssetProps,
} from './oscal-assets.js';
import {
  assetComponentUuid,
  assetInventoryItemUuid,
  oscalControlId,
  stableUuid,
} from './oscal-identifiers.js';
import { frameworkResource, nonEmpty, oscalMetadata } from './oscal-metadata.js';
import type { OscalDocument } from './oscal.schema.js';
import { describeImplementation, requirementsWithControls } from './requirement-coverage.js';

const THIS_SYSTEM = stableUuid('component/this-system');

/**
 * The register as an SSP-style inventory: a minimal but valid OSCAL system-security-plan whose
 * system-implementation lists every asset not decommissioned as a component and an inventory item
 * (NIST inventory properties), and whose control-implementation says which Plumbline controls
 * implement each of the framework's requirements. The system is the organisation's managed
 * infrastructure as a whole, so implementation statements are made by the "this-system" component
 * rather than repeated per asset (the component-definition export has the per-asset view).
 */
export async function exportInventory(
  ctx: Pick<AppContext, 'db' | 'clock' | 'version'>,
  query: { framework: string },
): Promise<OscalDocument> {
  const {
    framework,
    assets: described,
    controls,
  } = await loadDescribedRegister(ctx, query.framework);
  const profile = frameworkResource(framework, 'profile');
  const requirements = requirementsWithControls(framework, controls);
  return {
    'system-security-plan': {
      uuid: stableUuid(`inventory/${framework.key}`),
      metadata: oscalMetadata(ctx, {
        title: `Plumbline infrastructure inventory for ${framework.title}`,
        version: `${framework.key}-catalogue-${framework.version}`,
        remarks:
          'An SSP-style inventory of the infrastructure register; only the parts an inventory needs are filled in.',
      }),
      'import-profile': {
        href: profile.href,
        remarks: 'The framework as held in the Plumbline catalogue (see back-matter).',
      },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: THIS_SYSTEM }],
        'system-name': 'Managed infrastructure',
        description:
          'The infrastructure (facilities, equipment, cloud services, servers, applications…) recorded in the Plumbline register and maintained under its control programme.',
        'system-information': {
          'information-types': [
            {
              title: 'Infrastructure records',
              description: 'Asset register, maintenance, backup and recovery records.',
              'confidentiality-impact': { base: 'fips-199-moderate' },
              'integrity-impact': { base: 'fips-199-moderate' },
              'availability-impact': { base: 'fips-199-moderate' },
            },
          ],
        },
        status: { state: 'operational' },
        'authorization-boundary': {
          description: 'Every asset in the register that is not decommissioned.',
        },
      },
      'system-implementation': {
        users: [
          {
            uuid: stableUuid('user/asset-owner'),
            title: 'Asset owner',
            description: 'The role accountable for an asset (its owner role in the register).',
            'role-ids': ['maintainer'],
          },
        ],
        components: [
          {
            uuid: THIS_SYSTEM,
            type: 'this-system',
            title: 'Managed infrastructure',
            description: 'The infrastructure as a whole.',
            status: { state: 'operational' },
          },
          ...described.map((asset) => ({
            ...assetComponentBase(asset),
            props: [...nistAssetProps(asset), ...plumblineAssetProps(asset)],
            status: { state: componentStateOf(asset) },
          })),
        ],
        ...nonEmpty(
          'inventory-items',
          described.map((asset) => ({
            uuid: assetInventoryItemUuid(asset.id),
            description: asset.purpose || asset.name,
            props: [...nistAssetProps(asset), ...plumblineAssetProps(asset)],
            'implemented-components': [{ 'component-uuid': assetComponentUuid(asset.id) }],
          })),
        ),
      },
      'control-implementation': {
        description: `How the requirements of ${framework.title} are implemented: the Plumbline controls mapped to each.`,
        'implemented-requirements': requirements.map((requirement) => ({
          uuid: stableUuid(`implemented-requirement/${requirement.key}`),
          'control-id': oscalControlId(requirement.key),
          'by-components': [
            {
              'component-uuid': THIS_SYSTEM,
              uuid: stableUuid(`by-component/${requirement.key}`),
              description: describeImplementation(requirement),
            },
          ],
        })),
      },
      'back-matter': { resources: [profile.resource] },
    },
  };
}
