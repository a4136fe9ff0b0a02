import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { registerPeopleRoutes } from '../people/people.routes.js';
import { registerScimRoutes } from '../people/scim.routes.js';
import { registerAccountRoutes } from './accounts.routes.js';

/** Access management (docs/access-management.md): people, SCIM, accounts, access requests. */
export function registerAccessManagementRoutes(api: Api, ctx: AppContext): void {
  registerPeopleRoutes(api, ctx);
  registerScimRoutes(api, ctx);
  registerAccountRoutes(api, ctx);
}
