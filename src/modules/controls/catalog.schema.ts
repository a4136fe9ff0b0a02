import { z } from 'zod';
import {
  ASSET_CATEGORIES,
  CRITICALITIES,
  DATA_CLASSIFICATIONS,
  ENVIRONMENTS,
  LIFECYCLE_STATUSES,
  OWNER_ROLES,
} from '../register/asset.schema.js';

/**
 * The catalogue as code: frameworks with their requirements, and the controls that satisfy them.
 * These schemas are the contract of the YAML files in `catalog/`, of the plan/apply request bodies
 * and of the export; docs/catalog.md explains every field.
 */

/** Marks a YAML file as a Plumbline catalogue file; lets the format evolve without guessing. */
export const CATALOG_FORMAT = 'plumbline-catalog/v1';

/** Calendar periods, in the organisation's time zone. */
export const CADENCE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'annual'] as const;
export type CadenceFrequency = (typeof CADENCE_FREQUENCIES)[number];

/** The largest `dayOfPeriod` each frequency accepts (shorter periods clamp to their last day). */
export const MAX_DAY_OF_PERIOD: Record<CadenceFrequency, number | null> = {
  daily: null,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  annual: 366,
};

/**
 * Events that start an SLA clock. Each names the record that produces it; the occurrence of the
 * control is due a fixed time after the event, or before an instant the event carries.
 */
export const SLA_TRIGGERS = [
  'critical-patch-released',
  'high-vulnerability-found',
  'role-changed',
  'employee-departed',
  'access-requested',
  'certificate-expiry',
  'supplier-certification-expiry',
  'backup-job-failed',
  'provisioning-requested',
  'change-requested',
  'change-implemented',
  'incident-opened',
  'dr-deficiency-found',
  'capa-opened',
  'decommissioning-requested',
  'decommissioning-completed',
  'document-review-due',
] as const;
export type SlaTrigger = (typeof SLA_TRIGGERS)[number];

/** Instants an SLA can be measured back from: "done before the certificate expires". */
export const SLA_TARGETS = [
  'expiry',
  'access-grant',
  'provisioning-start',
  'production-use',
  'implementation',
  'data-disposal',
  'effectiveness-check',
  'review-date',
] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/**
 * Which deadline form each trigger takes: triggers listed here carry a target instant and only
 * accept `{ before, lead }`; every other trigger accepts only an elapsed duration.
 */
export const TARGETS_BY_TRIGGER: Partial<Record<SlaTrigger, readonly SlaTarget[]>> = {
  'certificate-expiry': ['expiry'],
  'supplier-certification-expiry': ['expiry'],
  'access-requested': ['access-grant'],
  'provisioning-requested': ['provisioning-start', 'production-use'],
  'change-requested': ['implementation'],
  'decommissioning-requested': ['data-disposal'],
  'capa-opened': ['effectiveness-check'],
  'document-review-due': ['review-date'],
};

/** Module records an automatic control is evaluated from. */
export const EVALUATION_SOURCES = [
  'inventory-reviews',
  'supplier-reviews',
  'backup-runs',
  'backup-replication',
  'restore-tests',
  'dr-exercises',
  'provisioning-requests',
  'change-requests',
  'decommissioning-records',
  'access-grants',
  'access-reviews',
  'mfa-status',
  'vulnerability-scans',
  'certificate-scans',
  'monitoring-alerts',
  'incidents',
  'capas',
  'document-reviews',
] as const;
export type EvaluationSource = (typeof EVALUATION_SOURCES)[number];

export const EVIDENCE_KINDS = ['file', 'record', 'observation'] as const;
export const FRAMEWORK_KINDS = ['external', 'internal'] as const;

const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const KEY_HINT = 'use lower-case letters, digits and dashes, starting with a letter or digit';

const slugSchema = (max: number) =>
  z.string().min(2, 'must be at least 2 characters').max(max).regex(KEY_PATTERN, KEY_HINT);

export const frameworkKeySchema = slugSchema(40).describe('e.g. iso9001, soc2, sop-018');
export const controlKeySchema = slugSchema(80).describe('e.g. os-patching-monthly');
export const requirementKeySchema = z
  .string()
  .max(120)
  .regex(
    /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9][A-Za-z0-9.-]*$/,
    'must be <framework key>:<reference>, e.g. iso9001:7.1.3',
  )
  .describe('Framework key, a colon, then the clause reference: iso9001:7.1.3');

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** ISO 8601 durations limited to weeks, days, hours and minutes: P30D, PT72H, P1DT12H. */
export const durationSchema = z
  .string()
  .regex(
    /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/,
    'must be an ISO 8601 duration such as PT72H, P1D or P30D',
  )
  .refine((value) => /[1-9]/.test(value), 'must be longer than zero')
  .describe('ISO 8601 duration: PT24H, PT72H, P30D');

const uniqueList = <T extends z.ZodType<string>>(item: T, what: string) =>
  z
    .array(item)
    .min(1, `list at least one ${what}, or leave the field out`)
    .refine((values) => new Set(values).size === values.length, `lists a ${what} twice`);

/**
 * Which assets a control covers. Every field narrows the selection; an absent field does not.
 * Without `lifecycleStatuses`, only assets in service count.
 */
export const scopeSchema = z
  .strictObject({
    categories: uniqueList(z.enum(ASSET_CATEGORIES), 'category').optional(),
    environments: uniqueList(z.enum(ENVIRONMENTS), 'environment').optional(),
    criticalities: uniqueList(z.enum(CRITICALITIES), 'criticality').optional(),
    dataClassifications: uniqueList(z.enum(DATA_CLASSIFICATIONS), 'classification').optional(),
    lifecycleStatuses: uniqueList(z.enum(LIFECYCLE_STATUSES), 'lifecycle status').optional(),
    thirdPartyManaged: z.boolean().optional(),
    tags: uniqueList(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'tags use lower-case letters, digits and . _ : -'),
      'tag',
    )
      .optional()
      .describe('The asset must carry every tag listed'),
  })
  .describe('Selector over the asset register');
export type ControlScope = z.infer<typeof scopeSchema>;

export const cadenceSchema = z
  .strictObject({
    frequency: z.enum(CADENCE_FREQUENCIES),
    startsOn: z.iso
      .date('must be a date as YYYY-MM-DD')
      .describe('First day occurrences are generated for (its period is the first one)'),
    dayOfPeriod: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 or more')
      .optional()
      .describe('Day of the period the occurrence is due; the last day when absent'),
  })
  .superRefine((cadence, ctx) => {
    if (cadence.dayOfPeriod === undefined) return;
    const max = MAX_DAY_OF_PERIOD[cadence.frequency];
    if (max === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['dayOfPeriod'],
        message: 'a daily cadence has no day of period',
      });
    } else if (cadence.dayOfPeriod > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['dayOfPeriod'],
        message: `must be at most ${max} for a ${cadence.frequency} cadence`,
      });
    }
  });
export type Cadence = z.infer<typeof cadenceSchema>;

export const slaDeadlineBeforeSchema = z.strictObject({
  before: z.enum(SLA_TARGETS).describe('The instant, carried by the trigger, to finish before'),
  lead: durationSchema.optional().describe('How long before that instant; none when absent'),
});

export const slaSchema = z
  .strictObject({
    trigger: z.enum(SLA_TRIGGERS),
    within: z
      .union([durationSchema, slaDeadlineBeforeSchema])
      .describe('A duration after the trigger, or { before, lead } a target instant'),
  })
  .superRefine((sla, ctx) => {
    const targets = TARGETS_BY_TRIGGER[sla.trigger];
    if (typeof sla.within === 'string') {
      if (targets) {
        ctx.addIssue({
          code: 'custom',
          path: ['within'],
          message: `${sla.trigger} is measured back from ${targets.join(' or ')}: use { before: ${targets[0]}, lead: … }`,
        });
      }
    } else if (!targets?.includes(sla.within.before)) {
      ctx.addIssue({
        code: 'custom',
        path: ['within', 'before'],
        message: targets
          ? `${sla.trigger} carries ${targets.join(' or ')}, not ${sla.within.before}`
          : `${sla.trigger} carries no target instant: give a duration such as PT24H`,
      });
    }
  });
export type Sla = z.infer<typeof slaSchema>;

export const evaluationSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('manual').describe('A work order closed out and verified by a second person'),
      verifierRole: z
        .enum(OWNER_ROLES)
        .optional()
        .describe('Role that verifies the closeout; anyone but the performer when absent'),
    }),
    z.strictObject({
      mode: z.literal('automatic').describe('Evaluated from module records'),
      source: z.enum(EVALUATION_SOURCES),
      parameters: z
        .record(
          z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'parameter names are camelCase'),
          z.union([z.string(), z.number(), z.boolean()]),
        )
        .optional()
        .describe('Thresholds the source interprets, e.g. { maxAge: PT24H }'),
    }),
  ])
  .describe('How an occurrence is decided');
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evidenceExpectedSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS).describe('An uploaded file, a module record or an observation'),
  description: text(500),
});
export type EvidenceExpected = z.infer<typeof evidenceExpectedSchema>;

export const controlSchema = z
  .strictObject({
    key: controlKeySchema,
    title: text(200),
    theme: slugSchema(60).describe('Groups controls; the export writes one file per theme'),
    objective: text(4000).describe('What must happen and why'),
    ownerRole: z.enum(OWNER_ROLES),
    critical: z
      .boolean()
      .default(false)
      .describe('A missed or overdue occurrence raises a nonconformance'),
    perAsset: z
      .boolean()
      .default(false)
      .describe('One occurrence per asset in scope (per period, or per triggering asset)'),
    scope: scopeSchema.optional().describe('Assets covered; the organisation as a whole if absent'),
    cadence: cadenceSchema.optional(),
    sla: slaSchema.optional(),
    evaluation: evaluationSchema,
    checklist: z.array(text(500)).max(50).default([]),
    evidenceExpected: z.array(evidenceExpectedSchema).min(1, 'name the evidence expected').max(20),
    requirements: z
      .array(requirementKeySchema)
      .min(1, 'map the control to at least one requirement')
      .refine((keys) => new Set(keys).size === keys.length, 'lists a requirement twice'),
  })
  .superRefine((control, ctx) => {
    if ((control.cadence === undefined) === (control.sla === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [control.cadence === undefined ? 'cadence' : 'sla'],
        message: 'give either a cadence or an sla, not both and not neither',
      });
    }
    if (control.perAsset && control.scope === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['scope'],
        message: 'a per-asset control needs a scope (use {} for every asset in service)',
      });
    }
  });
export type CatalogControl = z.infer<typeof controlSchema>;
export type CatalogControlInput = z.input<typeof controlSchema>;

export const requirementSchema = z.strictObject({
  key: requirementKeySchema,
  title: text(200),
  summary: text(4000).describe('What the clause asks, paraphrased'),
});
export type CatalogRequirement = z.infer<typeof requirementSchema>;

export const frameworkSchema = z
  .strictObject({
    key: frameworkKeySchema,
    title: text(200),
    kind: z.enum(FRAMEWORK_KINDS).describe('A published standard, or an internal document'),
    issuer: text(200).describe('ISO, AICPA, IEC, or the owning department'),
    edition: z.string().trim().max(100).default('').describe('e.g. 2015, or a revision'),
    description: text(4000),
    requirements: z.array(requirementSchema).min(1, 'list at least one requirement'),
  })
  .superRefine((framework, ctx) => {
    framework.requirements.forEach((requirement, index) => {
      if (!requirement.key.startsWith(`${framework.key}:`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', index, 'key'],
          message: `must start with "${framework.key}:", the key of its framework`,
        });
      }
    });
  });
export type CatalogFramework = z.infer<typeof frameworkSchema>;

/** One YAML file: any mix of frameworks and controls. */
export const catalogFileSchema = z.strictObject({
  format: z.literal(CATALOG_FORMAT, { message: `must be ${CATALOG_FORMAT}` }),
  frameworks: z.array(frameworkSchema).optional(),
  controls: z.array(controlSchema).optional(),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** Rules that span the whole catalogue: keys are unique and every mapping resolves. */
function checkCatalogReferences(
  catalog: { frameworks: CatalogFramework[]; controls: CatalogControl[] },
  ctx: z.RefinementCtx,
): void {
  /** Records a key as used; a key seen before is reported where it appears again. */
  const claim = (used: Set<string>, key: string, path: (string | number)[]) => {
    if (used.has(key)) ctx.addIssue({ code: 'custom', path, message: `${key} is defined twice` });
    used.add(key);
  };
  const frameworkKeys = new Set<string>();
  const requirementKeys = new Set<string>();
  catalog.frameworks.forEach((framework, index) => {
    claim(frameworkKeys, framework.key, ['frameworks', index, 'key']);
    framework.requirements.forEach((requirement, position) => {
      claim(requirementKeys, requirement.key, [
        'frameworks',
        index,
        'requirements',
        position,
        'key',
      ]);
    });
  });
  const controlKeys = new Set<string>();
  catalog.controls.forEach((control, index) => {
    claim(controlKeys, control.key, ['controls', index, 'key']);
    control.requirements.forEach((key, position) => {
      if (!requirementKeys.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['controls', index, 'requirements', position],
          message: `no requirement ${key} in the catalogue`,
        });
      }
    });
  });
}

/** The whole catalogue: what plan and apply take, and what export gives back. */
export const catalogSchema = z
  .strictObject({
    frameworks: z.array(frameworkSchema),
    controls: z.array(controlSchema),
  })
  .superRefine(checkCatalogReferences);
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;
