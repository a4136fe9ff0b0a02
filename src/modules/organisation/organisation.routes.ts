import type { AppContext } from '../../platform/context.js';
import type { Api } from '../../platform/http/api-types.js';
import { organisationSettingsSchema } from './organisation.schema.js';

/** What a client needs to show and read dates as the organisation does. */
export function registerOrganisationRoutes(api: Api, ctx: Pick<AppContext, 'config'>): void {
  api.get('/api/v1/organisation', {
    config: { access: 'authenticated', engagedAuditor: 'register' },
    schema: {
      tags: ['auth'],
      summary: "The organisation's settings every client needs: its time zone",
      response: { 200: organisationSettingsSchema },
    },
    handler: () => ({ timeZone: ctx.config.timezone }),
  });
}
