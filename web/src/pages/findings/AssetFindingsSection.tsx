import { Section } from '../../components/Section.js';
import { FindingsTable } from './FindingsTable.js';

/** An asset's open and accepted vulnerability findings, on the asset's page. */
export function AssetFindingsSection({ assetKey }: { assetKey: string }) {
  return (
    <Section title="Vulnerability findings">
      <FindingsTable showAsset={false} filters={{ asset: assetKey }} />
    </Section>
  );
}
