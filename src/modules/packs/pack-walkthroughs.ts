import type { AppContext } from '../../platform/context.js';
import { listAllProcesses } from '../register/process.service.js';
import { reportWalkthrough } from '../walkthrough/report-walkthrough.js';
import { walkthroughHtml } from '../walkthrough/walkthrough-html.js';
import type { PackPeriod } from './pack.schema.js';

/** One process walkthrough in the pack, rendered only when it is written. */
export interface PackWalkthrough {
  path: string;
  title: string;
  render(): Promise<Buffer>;
}

/**
 * The walkthrough of every process with infrastructure in the matrix, for the pack's period:
 * `walkthroughs/<process key>.html`, each the same page the walkthrough route serves.
 */
export async function packWalkthroughs(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  period: Pick<PackPeriod, 'from' | 'to'>,
): Promise<PackWalkthrough[]> {
  const processes = (await listAllProcesses(ctx)).filter((process) => process.assetCount > 0);
  return processes.map((process) => ({
    path: `walkthroughs/${process.key}.html`,
    title: `Walkthrough of ${process.name}: each infrastructure dependency, its evidence and gaps`,
    render: async () =>
      Buffer.from(
        walkthroughHtml(
          await reportWalkthrough(ctx, process.key, { from: period.from, to: period.to }),
        ),
      ),
  }));
}
