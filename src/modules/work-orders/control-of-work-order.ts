import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import type { ControlContent } from '../controls/catalog-content.js';
import { workOrderRepository } from './work-order.repository.js';

/** The definition of the control a work order serves, when it has one still in force. */
export async function controlOfWorkOrder(
  ctx: Pick<AppContext, 'db'>,
  workOrderId: string,
): Promise<ControlContent | null> {
  const [row] = await workOrderRepository.list(ctx.db, { ids: [workOrderId] });
  if (!row) throw notFound('Work order');
  if (!row.control_id) return null;
  const control = (await listActiveControlDefinitions(ctx)).find((c) => c.id === row.control_id);
  return control?.content ?? null;
}
