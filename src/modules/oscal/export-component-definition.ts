import type { AppContext } from '../../platform/context.js';
import {
  assetComponentBase,
  controlsCovering,
  loadDescribedRegister,
  nistAssetProps,
  plumblineAssetProps,
} from './oscal-assets.js';
import { oscalControlId, stableUuid } from './oscal-identifiers.js';
import { frameworkResource, nonEmpty, oscalMetadata } from './oscal-metadata.js';
import type { OscalDocument } from './oscal.schema.js';
import { describeImplementation, requirementsWithControls } from './requirement-coverage.js';

/**
 * The register as an OSCAL component-definition: one component per asset not decommissioned,
 * typed from its category, with its register fields as properties and, for the framework, the
 * requirements that the controls covering the asset implement. Linear in assets × controls.
 */
export async function exportComponentDefinition(
  ctx: Pick<AppContext, 'db' | 'clock' | 'version'>,
  query: { framework: string },
): Promise<OscalDocument> {
  const { framework, assets, controls } = await loadDescribedRegister(ctx, query.framework);
  const source = frameworkResource(framework, 'framework');
  const components = assets.map((asset) => {
    const requirements = requirementsWithControls(
      framework,
      controlsCovering(asset, controls),
    ).filter((requirement) => requirement.controls.length > 0);
    const implementation = {
      uuid: stableUuid(`component-definition/${framework.key}/${asset.id}`),
      source: source.href,
      description: `How ${asset.name} is kept fit for purpose under ${framework.title}: the Plumbline controls whose scope covers it.`,
      'implemented-requirements': requirements.map((requirement) => ({
        uuid: stableUuid(`implemented-requirement/${requirement.key}/${asset.id}`),
        'control-id': oscalControlId(requirement.key),
        description: describeImplementation(requirement),
      })),
    };
    return {
      ...assetComponentBase(asset),
      ...(asset.purpose ? { purpose: asset.purpose } : {}),
      props: [...nistAssetProps(asset), ...plumblineAssetProps(asset)],
      'responsible-roles': [{ 'role-id': 'maintainer' }],
      ...nonEmpty('control-implementations', requirements.length > 0 ? [implementation] : []),
    };
  });
  return {
    'component-definition': {
      uuid: stableUuid(`component-definition/${framework.key}`),
      metadata: oscalMetadata(ctx, {
        title: `Plumbline component definition: infrastructure assets for ${framework.title}`,
        version: `${framework.key}-catalogue-${framework.version}`,
        remarks: 'One component per asset in the register that is not decommissioned.',
      }),
      ...nonEmpty('components', components),
      'back-matter': { resources: [source.resource] },
    },
  };
}
