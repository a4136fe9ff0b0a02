import { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import type { Api } from '../platform/http/api-types.js';

export const organisationSettingsSchema = z.object({
  timeZone: z
    .string()
    .describe(
      "The organisation's IANA time zone (PLUMBLINE_TIMEZONE): calendar dates such as a CLI's --due-before 2026-12-07 are days in this zone",
    ),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;

/** What a client needs to show and read dates as the organisation does. */
export function registerOrganisationRoutes(api: Api, ctx: AppContext): void {
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
