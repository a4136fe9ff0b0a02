import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { registerAccountRoutes } from '../accounts/accounts.routes.js';
import { registerPeopleRoutes } from './people.routes.js';
import { registerScimRoutes } from './scim.routes.js';

/** Access management (docs/access-management.md): people, SCIM, accounts, access requests. */
export function registerAccessManagementRoutes(api: Api, ctx: AppContext): void {
  registerPeopleRoutes(api, ctx);
  registerScimRoutes(api, ctx);
  registerAccountRoutes(api, ctx);
}
