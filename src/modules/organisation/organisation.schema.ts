import { z } from 'zod';

export const organisationSettingsSchema = z.object({
  timeZone: z
    .string()
    .describe(
      "The organisation's IANA time zone (PLUMBLINE_TIMEZONE): calendar dates such as a CLI's --due-before 2026-12-07 are days in this zone",
    ),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
