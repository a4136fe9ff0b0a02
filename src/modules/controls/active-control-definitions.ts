import type { AppContext } from '../../platform/context.js';
import type { ControlContent } from './catalog-content.js';
import { catalogRepository } from './catalog.repository.js';

export interface ActiveControl {
  id: string;
  content: ControlContent;
}

/** Every control in force (not retired), with its full definition, for scheduling and posture. */
export async function listActiveControlDefinitions(
  ctx: Pick<AppContext, 'db'>,
): Promise<ActiveControl[]> {
  const stored = await catalogRepository.loadAll(ctx.db);
  return [...stored.controls.values()]
    .filter((control) => control.retiredAt === null)
    .map((control) => ({ id: control.id, content: control.content }));
}
