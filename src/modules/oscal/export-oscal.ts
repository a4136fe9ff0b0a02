import type { AppContext } from '../../platform/context.js';
import { exportAssessmentResults } from './export-assessment-results.js';
import { exportComponentDefinition } from './export-component-definition.js';
import { exportInventory } from './export-inventory.js';
import type { OscalDocument, OscalQuery } from './oscal.schema.js';

/** The OSCAL document a query asks for, and the file name to download it as. */
export async function exportOscal(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'version'>,
  query: OscalQuery,
): Promise<{ filename: string; document: OscalDocument }> {
  switch (query.model) {
    case 'assessment-results': {
      // The query schema requires both for this model.
      const period = { framework: query.framework, from: query.from!, to: query.to! };
      return {
        filename: `oscal-assessment-results-${period.framework}-${period.from}-${period.to}.json`,
        document: await exportAssessmentResults(ctx, period),
      };
    }
    case 'component-definition':
      return {
        filename: `oscal-component-definition-${query.framework}.json`,
        document: await exportComponentDefinition(ctx, query),
      };
    case 'inventory':
      return {
        filename: `oscal-inventory-${query.framework}.json`,
        document: await exportInventory(ctx, query),
      };
  }
}
