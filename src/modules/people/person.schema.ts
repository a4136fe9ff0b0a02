import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { isoCalendarDate } from '../../platform/time/iso-instant.js';

/** A person of the workforce is `active` until they leave (end date passed, or deactivated). */
export const PERSON_STATUSES = ['active', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const PERSON_SOURCES = ['csv', 'scim'] as const;
export type PersonSource = (typeof PERSON_SOURCES)[number];

const isoDate = isoCalendarDate();
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const personEmailSchema = z
  .email('must be an e-mail address')
  .max(254)
  .transform((value) => value.toLowerCase());

export const personViewSchema = z.object({
  id: z.uuid(),
  userName: z.string().describe('SCIM userName; the e-mail for people imported from CSV'),
  email: z.string(),
  name: z.string(),
  department: z.string(),
  jobTitle: z.string().describe('Job role'),
  managerEmail: z.string().nullable(),
  status: z.enum(PERSON_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  leftAt: z.string().nullable().describe('When the person left: the revocation clocks start here'),
  externalId: z.string().nullable(),
  source: z.enum(PERSON_SOURCES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personViewSchema>;

export const personPageSchema = pageSchema(personViewSchema);
export const listPeopleQuerySchema = pageQuerySchema.extend({
  status: z.enum(PERSON_STATUSES).optional(),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuerySchema>;

/** The columns of the people CSV (docs/access-management.md); email and name are required. */
export const PEOPLE_CSV_COLUMNS = [
  'email',
  'name',
  'department',
  'job_title',
  'manager_email',
  'status',
  'start_date',
  'end_date',
] as const;
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number];
export const REQUIRED_PEOPLE_CSV_COLUMNS: readonly PeopleCsvColumn[] = ['email', 'name'];

const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .pipe(schema.optional());

/** One row of the people CSV, as cells. */
export const peopleCsvRowSchema = z
  .object({
    email: personEmailSchema,
    name: text(200).min(1, 'is required'),
    department: optional(text(200)),
    job_title: optional(text(200)),
    manager_email: optional(personEmailSchema),
    status: optional(z.enum(PERSON_STATUSES)),
    start_date: optional(isoDate),
    end_date: optional(isoDate),
  })
  .superRefine((row, ctx) => {
    if (row.start_date && row.end_date && row.end_date < row.start_date) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'is before start_date' });
    }
  });

/** The fields of a person, whichever source sent them. */
export interface PersonFields {
  userName: string;
  email: string;
  name: string;
  department: string;
  jobTitle: string;
  managerEmail: string | null;
  startDate: string | null;
  endDate: string | null;
  externalId: string | null;
  /** False when the source says the person is gone (CSV status `left`, SCIM active=false). */
  active: boolean;
}

export const importPeopleResultSchema = z.object({
  received: z.number().int().describe('Rows read'),
  created: z.number().int(),
  updated: z.number().int(),
  alreadyRecorded: z.number().int().describe('Rows identical to the stored person'),
  left: z.number().int().describe('People who left with this import'),
  roleChanged: z.number().int().describe('People whose job role or department changed'),
  clocksStarted: z.number().int().describe('Revocation clocks started on their accounts'),
});
export type ImportPeopleResult = z.infer<typeof importPeopleResultSchema>;
