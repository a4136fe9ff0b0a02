import { z } from 'zod';
import type { PersonRow } from './people.repository.js';
import type { PersonFields } from './person.schema.js';

/** RFC 7643/7644 schema URNs. */
export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The SCIM error types we answer with (RFC 7644 3.12). */
export type ScimErrorType =
  'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget' | 'uniqueness';

/** A request a SCIM client sent that we refuse, answered in the SCIM error format. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimErrorType,
  ) {
    super(message);
  }
}

/** `true`/`false`, or the strings Entra ID sends ("True", "False"). */
const scimBoolean = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false']))
    .transform((value) => value === 'true'),
]);

const optionalText = z.string().trim().max(200).optional().nullable();

/** The User attributes identity providers push that the people register keeps. */
const scimUserSchema = z.object({
  userName: z.string().trim().min(1, 'is required').max(254),
  externalId: optionalText,
  displayName: optionalText,
  name: z
    .object({ formatted: optionalText, givenName: optionalText, familyName: optionalText })
    .partial()
    .optional()
    .nullable(),
  title: optionalText,
  active: scimBoolean.optional().nullable(),
  emails: z
    .array(
      z.object({
        value: z.string().trim().max(254),
        type: z.string().optional().nullable(),
        primary: scimBoolean.optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
  [SCIM_ENTERPRISE_SCHEMA]: z
    .object({
      department: optionalText,
      manager: z
        .union([z.object({ value: z.string().optional().nullable() }), z.string()])
        .optional()
        .nullable(),
    })
    .optional()
    .nullable(),
});

const emailSchema = z.email();

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/**
 * The person a SCIM User resource describes. `managerEmailOf` turns the manager's SCIM id into
 * their e-mail; `kept` carries what SCIM does not send (start and end dates).
 */
export function personFieldsFromScim(
  resource: unknown,
  managerEmailOf: (id: string) => string | null,
  kept: { startDate: string | null; endDate: string | null },
): PersonFields {
  const parsed = scimUserSchema.safeParse(resource);
  if (!parsed.success) throw new ScimError(400, firstIssue(parsed.error), 'invalidValue');
  const user = parsed.data;
  const emails = user.emails ?? [];
  const email =
    emails.find((entry) => entry.primary === true)?.value ??
    emails.find((entry) => entry.type === 'work')?.value ??
    emails[0]?.value ??
    user.userName;
  if (!emailSchema.safeParse(email).success) {
    throw new ScimError(
      400,
      'emails: a work e-mail (or an e-mail as userName) is required',
      'invalidValue',
    );
  }
  const given = [user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ');
  const enterprise = user[SCIM_ENTERPRISE_SCHEMA];
  const manager = enterprise?.manager;
  const managerId = typeof manager === 'string' ? manager : (manager?.value ?? null);
  return {
    userName: user.userName.toLowerCase(),
    email: email.toLowerCase(),
    name: user.displayName || user.name?.formatted || given || user.userName,
    department: enterprise?.department ?? '',
    jobTitle: user.title ?? '',
    managerEmail: managerId ? managerEmailOf(managerId) : null,
    startDate: kept.startDate,
    endDate: kept.endDate,
    externalId: user.externalId ?? null,
    active: user.active ?? true,
  };
}

/** A person as a SCIM User resource. */
export function scimUserOf(
  row: PersonRow,
  location: string,
  managerId: string | null,
): Record<string, unknown> {
  const [givenName, ...rest] = row.name.split(' ');
  return {
    schemas: [SCIM_USER_SCHEMA, SCIM_ENTERPRISE_SCHEMA],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name,
    displayName: row.name,
    name: { formatted: row.name, givenName: givenName ?? '', familyName: rest.join(' ') },
    emails: [{ value: row.email, type: 'work', primary: true }],
    title: row.job_title,
    active: row.status === 'active',
    [SCIM_ENTERPRISE_SCHEMA]: {
      department: row.department,
      ...(managerId ? { manager: { value: managerId } } : {}),
    },
    meta: {
      resourceType: 'User',
      created: row.created_at.toISOString(),
      lastModified: row.updated_at.toISOString(),
      location,
      version: `W/"${row.updated_at.getTime()}"`,
    },
  };
}

const patchBodySchema = z.object({
  schemas: z.array(z.string()).refine((s) => s.includes(SCIM_PATCH_SCHEMA), {
    message: `must include ${SCIM_PATCH_SCHEMA}`,
  }),
  Operations: z
    .array(
      z.object({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(['add', 'replace', 'remove'])),
        path: z.string().trim().min(1).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1),
});

type Resource = Record<string, unknown>;

const CORE_PREFIX = `${SCIM_USER_SCHEMA}:`;
const EMAIL_FILTER_PATH = /^emails\[type eq "([^"]+)"\]\.value$/i;

function objectAt(resource: Resource, key: string): Resource {
  const current = resource[key];
  if (typeof current === 'object' && current !== null && !Array.isArray(current))
    return current as Resource;
  const created: Resource = {};
  resource[key] = created;
  return created;
}

/** The attributes kept, in their RFC 7643 spelling. */
const KNOWN_ATTRIBUTES = [
  'userName',
  'externalId',
  'displayName',
  'name',
  'formatted',
  'givenName',
  'familyName',
  'title',
  'active',
  'emails',
  'department',
  'manager',
];

/**
 * Attribute names are case-insensitive (RFC 7643 2.1): the spelling the resource already uses, or
 * the standard one.
 */
function keyIn(resource: Resource, name: string): string {
  const lower = name.toLowerCase();
  return (
    Object.keys(resource).find((key) => key.toLowerCase() === lower) ??
    KNOWN_ATTRIBUTES.find((key) => key.toLowerCase() === lower) ??
    name
  );
}

function applyAtPath(
  resource: Resource,
  op: 'add' | 'replace' | 'remove',
  path: string,
  value: unknown,
) {
  const attribute = path.startsWith(CORE_PREFIX) ? path.slice(CORE_PREFIX.length) : path;
  if (attribute.toLowerCase().startsWith(`${SCIM_ENTERPRISE_SCHEMA.toLowerCase()}:`)) {
    const target = objectAt(resource, SCIM_ENTERPRISE_SCHEMA);
    const name = attribute.slice(SCIM_ENTERPRISE_SCHEMA.length + 1);
    applyAtPath(target, op, name, value);
    return;
  }
  const emailMatch = EMAIL_FILTER_PATH.exec(attribute);
  if (emailMatch) {
    const type = emailMatch[1]!;
    const emails = Array.isArray(resource.emails) ? (resource.emails as Resource[]) : [];
    const others = emails.filter((entry) => entry.type !== type);
    resource.emails =
      op === 'remove'
        ? others
        : [{ value, type, primary: true }, ...others.map((e) => ({ ...e, primary: false }))];
    return;
  }
  if (attribute.includes('['))
    throw new ScimError(400, `path ${path} is not supported`, 'invalidPath');
  const [head, ...tail] = attribute.split('.');
  if (tail.length > 0) {
    applyAtPath(objectAt(resource, keyIn(resource, head!)), op, tail.join('.'), value);
    return;
  }
  const key = keyIn(resource, head!);
  if (op === 'remove') delete resource[key];
  else if (typeof value === 'object' && value !== null && !Array.isArray(value) && op === 'add') {
    Object.assign(objectAt(resource, key), value);
  } else resource[key] = value;
}

/**
 * Applies a PatchOp (RFC 7644 3.5.2) to a User resource: Okta's `{op: replace, value: {active:
 * false}}`, Entra ID's `{op: Replace, path: active, value: "False"}`, attribute paths, enterprise
 * extension paths, `emails[type eq "work"].value`, and path-less ops whose value names the
 * attributes (dotted or URN-prefixed).
 */
export function applyScimPatch(resource: Resource, body: unknown): Resource {
  const parsed = patchBodySchema.safeParse(body);
  if (!parsed.success) throw new ScimError(400, firstIssue(parsed.error), 'invalidSyntax');
  const patched = structuredClone(resource);
  for (const operation of parsed.data.Operations) {
    if (operation.path !== undefined) {
      applyAtPath(patched, operation.op, operation.path, operation.value);
      continue;
    }
    if (operation.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
    const value = operation.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ScimError(
        400,
        'an operation without a path needs an object value',
        'invalidSyntax',
      );
    }
    for (const [name, attributeValue] of Object.entries(value as Resource)) {
      if (
        name === SCIM_ENTERPRISE_SCHEMA &&
        typeof attributeValue === 'object' &&
        attributeValue !== null
      ) {
        Object.assign(objectAt(patched, SCIM_ENTERPRISE_SCHEMA), attributeValue);
      } else applyAtPath(patched, operation.op, name, attributeValue);
    }
  }
  return patched;
}

/** The one filter identity providers send: `userName eq "..."` (or externalId). */
export function parseScimFilter(
  filter: string | undefined,
): { attribute: 'userName' | 'externalId'; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  const match = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!match) {
    throw new ScimError(
      400,
      'only the filters userName eq "..." and externalId eq "..." are supported',
      'invalidFilter',
    );
  }
  const attribute = match[1]!.toLowerCase() === 'username' ? 'userName' : 'externalId';
  return { attribute, value: match[2]!.replace(/\\(.)/g, '$1') };
}
