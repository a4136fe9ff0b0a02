import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { registerAssetRoutes } from './assets.routes.js';
import { registerProcessRoutes } from './processes.routes.js';
import { registerSupplierRoutes } from './suppliers.routes.js';

/** Every route of the register: assets, suppliers, processes and matrix. */
export function registerRegisterRoutes(api: Api, ctx: AppContext): void {
  registerAssetRoutes(api, ctx);
  registerSupplierRoutes(api, ctx);
  registerProcessRoutes(api, ctx);
}
