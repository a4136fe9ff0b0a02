import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { okSchema, type Api } from '../../platform/http/api-types.js';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import {
  apiTokenViewSchema,
  createApiToken,
  createApiTokenBodySchema,
  listApiTokens,
  revokeApiToken,
} from './api-token.service.js';
import { resetUserPassword } from './change-password.js';
import { colleagueSchema, listColleagues, listColleaguesQuerySchema } from './colleagues.js';
import { linkSsoIdentity, unlinkSsoIdentity } from './link-sso-identity.js';
import {
  createUserBodySchema,
  passwordSchema,
  updateUserBodySchema,
  userViewSchema,
} from './user.schema.js';
import { createUser, listUsers, resetUserMfa, updateUser } from './user.service.js';

const idParams = z.object({ id: z.uuid('must be a UUID') });
const ssoIdentityViewSchema = z.object({
  userId: z.uuid(),
  issuer: z.string(),
  subject: z.string(),
  linkedAt: z.string().describe('ISO time'),
});

/** Administration of people and machine tokens. */
export function registerUserAdminRoutes(api: Api, ctx: AppContext): void {
  const manageUsers = { access: { permission: 'users:manage' as const } };
  const manageTokens = { access: { permission: 'tokens:manage' as const } };

  api.get('/api/v1/users', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: 'Users by e-mail address, a page at a time',
      querystring: pageQuerySchema,
      response: { 200: pageSchema(userViewSchema) },
    },
    handler: async (request) => listUsers(ctx, request.query),
  });
  api.get('/api/v1/colleagues', {
    config: { access: { permission: 'work:read' } },
    schema: {
      tags: ['users'],
      summary:
        'Enabled people by name (name, e-mail, role), a page at a time: whom work can be assigned to and who can be mentioned',
      querystring: listColleaguesQuerySchema,
      response: { 200: pageSchema(colleagueSchema) },
    },
    handler: async (request) => listColleagues(ctx, request.query),
  });
  api.post('/api/v1/users', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: 'Create a user',
      body: createUserBodySchema,
      response: { 201: userViewSchema },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createUser(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.patch('/api/v1/users/:id', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: 'Rename, change role or disable a user',
      params: idParams,
      body: updateUserBodySchema,
      response: { 200: userViewSchema },
    },
    handler: async (request) =>
      updateUser(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
  api.post('/api/v1/users/:id/reset-password', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: 'Set a new password for a user (ends their sessions)',
      params: idParams,
      body: z.object({ password: passwordSchema }),
      response: { 200: okSchema },
    },
    handler: async (request) => {
      await resetUserPassword(
        ctx,
        requirePrincipal(request).actor,
        request.params.id,
        request.body.password,
      );
      return { ok: true as const };
    },
  });
  api.post('/api/v1/users/:id/reset-mfa', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: 'Clear a user’s second factor',
      params: idParams,
      response: { 200: userViewSchema },
    },
    handler: async (request) =>
      resetUserMfa(ctx, requirePrincipal(request).actor, request.params.id),
  });
  api.put('/api/v1/users/:id/sso-identity', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary:
        'Link an account to a person at the single sign-on provider (they sign in and e-sign there only; their sessions end)',
      params: idParams,
      body: z.object({
        subject: z
          .string()
          .trim()
          .min(1, 'is required')
          .max(255)
          .describe("The person's subject (`sub` claim) at the configured provider"),
      }),
      response: { 200: ssoIdentityViewSchema },
    },
    handler: async (request) =>
      linkSsoIdentity(ctx, requirePrincipal(request).actor, request.params.id, request.body),
  });
  api.delete('/api/v1/users/:id/sso-identity', {
    config: manageUsers,
    schema: {
      tags: ['users'],
      summary: "Remove an account's single sign-on link (their sessions end)",
      params: idParams,
      response: { 200: okSchema },
    },
    handler: async (request) => {
      await unlinkSsoIdentity(ctx, requirePrincipal(request).actor, request.params.id);
      return { ok: true as const };
    },
  });

  api.get('/api/v1/tokens', {
    config: manageTokens,
    schema: {
      tags: ['tokens'],
      summary: 'List API tokens',
      response: { 200: z.object({ items: z.array(apiTokenViewSchema) }) },
    },
    handler: async () => ({ items: await listApiTokens(ctx) }),
  });
  api.post('/api/v1/tokens', {
    config: manageTokens,
    schema: {
      tags: ['tokens'],
      summary: 'Create an API token (the secret is shown once)',
      body: createApiTokenBodySchema,
      response: { 201: z.object({ token: z.string(), apiToken: apiTokenViewSchema }) },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await createApiToken(ctx, requirePrincipal(request).actor, request.body)),
  });
  api.delete('/api/v1/tokens/:id', {
    config: manageTokens,
    schema: {
      tags: ['tokens'],
      summary: 'Revoke an API token',
      params: idParams,
      response: { 200: apiTokenViewSchema },
    },
    handler: async (request) =>
      revokeApiToken(ctx, requirePrincipal(request).actor, request.params.id),
  });
}
