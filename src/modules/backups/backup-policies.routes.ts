import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { registerKeySchema } from '../register/asset.schema.js';
import { archiveBackupPolicy } from './archive-backup-policy.js';
import {
  archiveBackupPolicyBodySchema,
  backupPolicyViewSchema,
  createBackupPolicyBodySchema,
  effectiveBackupPolicySchema,
  listBackupPoliciesQuerySchema,
  updateBackupPolicyBodySchema,
} from './backup-policy.schema.js';
import { createBackupPolicy } from './create-backup-policy.js';
import { getEffectiveBackupPolicy } from './get-effective-backup-policy.js';
import { getBackupPolicy, listBackupPolicies } from './list-backup-policies.js';
import { updateBackupPolicy } from './update-backup-policy.js';

const idParams = z.object({ id: z.uuid() });

/** Backup policies (`backups:manage` to change) and the effective policy of an asset. */
export function registerBackupPolicyRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'backups:read' as const } };
  const manage = { access: { permission: 'backups:manage' as const } };

  api.get('/api/v1/backup-policies', {
    config: read,
    schema: {
      tags: ['backups'],
      summary: 'Backup policies (live ones unless includeArchived=true)',
      querystring: listBackupPoliciesQuerySchema,
      response: { 200: z.object({ items: z.array(backupPolicyViewSchema) }) },
    },
    handler: async (request) => ({ items: await listBackupPolicies(ctx, request.query) }),
  });
  api.post('/api/v1/backup-policies', {
    config: manage,
    schema: {
      tags: ['backups'],
      summary:
        'Create a backup policy for an asset, a tag or a category (settings left out take the SOP default)',
      body: createBackupPolicyBodySchema,
      response: { 201: backupPolicyViewSchema },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createBackupPolicy(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.get('/api/v1/backup-policies/:id', {
    config: read,
    schema: {
      tags: ['backups'],
      summary: 'One backup policy',
      params: idParams,
      response: { 200: backupPolicyViewSchema },
    },
    handler: async (request) => getBackupPolicy(ctx, request.params.id),
  });
  api.patch('/api/v1/backup-policies/:id', {
    config: manage,
    schema: {
      tags: ['backups'],
      summary: 'Change a live backup policy (expectedVersion required)',
      params: idParams,
      body: updateBackupPolicyBodySchema,
      response: { 200: backupPolicyViewSchema },
    },
    handler: async (request) =>
      updateBackupPolicy(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
  api.post('/api/v1/backup-policies/:id/archive', {
    config: manage,
    schema: {
      tags: ['backups'],
      summary:
        'Archive a backup policy (kept for the record; its assets fall back to the next policy)',
      params: idParams,
      body: archiveBackupPolicyBodySchema,
      response: { 200: backupPolicyViewSchema },
    },
    handler: async (request) =>
      archiveBackupPolicy(ctx, requirePrincipal(request).actor, request.params.id, {
        expectedVersion: request.body?.expectedVersion,
      }),
  });
  api.get('/api/v1/assets/:key/backup-policy', {
    config: read,
    schema: {
      tags: ['backups'],
      summary: 'The backup policy that applies to an asset and where it comes from',
      params: z.object({ key: registerKeySchema }),
      response: { 200: effectiveBackupPolicySchema },
    },
    handler: async (request) => getEffectiveBackupPolicy(ctx, request.params.key),
  });
}
