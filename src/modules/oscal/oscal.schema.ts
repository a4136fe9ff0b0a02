import { z } from 'zod';
import { frameworkKeySchema } from '../controls/catalog.schema.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

/** The OSCAL release every export conforms to (NIST OSCAL 1.0.6 JSON schemas). */
export const OSCAL_VERSION = '1.0.6';

export const OSCAL_MODELS = ['assessment-results', 'component-definition', 'inventory'] as const;
export type OscalModel = (typeof OSCAL_MODELS)[number];

const isoDate = isoCalendarDate();

export const oscalQuerySchema = z
  .object({
    framework: frameworkKeySchema.describe('e.g. soc2, iso9001, sop-018'),
    model: z
      .enum(OSCAL_MODELS)
      .default('assessment-results')
      .describe(
        'assessment-results (a period), component-definition or inventory (an SSP-style document of the assets)',
      ),
    from: isoDate
      .optional()
      .describe(
        'First day of the period (organisation time zone); required for assessment-results',
      ),
    to: isoDate
      .optional()
      .describe('Last day of the period, inclusive; required for assessment-results'),
  })
  .superRefine((query, ctx) => {
    if (query.model !== 'assessment-results') return;
    for (const field of ['from', 'to'] as const) {
      if (query[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'is required for assessment-results',
        });
      }
    }
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
  });
export type OscalQuery = z.infer<typeof oscalQuerySchema>;

/** An OSCAL document: one root key (the model) holding the assembly; checked by NIST's schema. */
export type OscalDocument = Record<string, unknown>;

/** OSCAL property: NIST-defined names carry no namespace; Plumbline's own carry PLUMBLINE_NS. */
export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
}
