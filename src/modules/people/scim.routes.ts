import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../../platform/errors.js';
import { requirePrincipal } from '../../platform/http/access.js';
import { SCIM_ERROR_SCHEMA, ScimError } from './scim-user.js';
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
  type ScimOrigin,
} from './scim-users.js';

export const SCIM_BASE_PATH = '/scim/v2';
const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

function sendScim(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.status(status).type(SCIM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/** Every error of the SCIM endpoint in the SCIM error format (RFC 7644 3.12). */
function scimErrorReply(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let detail = 'Internal error';
  let scimType: string | undefined;
  if (error instanceof ScimError) {
    status = error.status;
    detail = error.message;
    scimType = error.scimType;
  } else if (error instanceof AppError) {
    status = HTTP_STATUS_BY_CODE[error.code];
    detail = error.message;
    if (error.code === 'validation_failed') scimType = 'invalidValue';
  } else if (hasZodFastifySchemaValidationErrors(error) || error.statusCode === 400) {
    status = 400;
    detail = error.message;
    scimType = 'invalidSyntax';
  } else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
    status = error.statusCode;
    detail = error.message;
  } else {
    request.log.error({ err: error }, 'SCIM request failed');
  }
  return sendScim(reply, status, {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });
}

function originOf(ctx: AppContext): ScimOrigin {
  return { baseUrl: `${ctx.config.publicUrl.replace(/\/$/, '')}${SCIM_BASE_PATH}` };
}

function intParam(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The SCIM 2.0 server (RFC 7644) identity providers provision into: /scim/v2/Users, the subset
 * Okta and Entra ID use. Behind a token of the `scim` role; outside /api, so each route declares
 * its access itself, and errors answer in the SCIM format.
 */
export function registerScimRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app.register((scope, _options, done) => {
    scope.setErrorHandler(scimErrorReply);
    scope.addContentTypeParser(
      'application/scim+json',
      { parseAs: 'string' },
      scope.getDefaultJsonParser('error', 'error'),
    );
    const config = { access: { permission: 'scim:provision' as const } };
    const schema = { hide: true, tags: ['scim'] };
    const actorOf = (request: FastifyRequest) => requirePrincipal(request).actor;
    const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

    scope.get(`${SCIM_BASE_PATH}/Users`, { config, schema }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const filter = typeof query.filter === 'string' ? query.filter : undefined;
      const startIndex = intParam(query.startIndex);
      const count = intParam(query.count);
      const list = await listScimUsers(
        ctx,
        {
          filter,
          ...(startIndex === undefined ? {} : { startIndex }),
          ...(count === undefined ? {} : { count }),
        },
        originOf(ctx),
      );
      return sendScim(reply, 200, list);
    });
    scope.get(`${SCIM_BASE_PATH}/Users/:id`, { config, schema }, async (request, reply) =>
      sendScim(reply, 200, await getScimUser(ctx, idOf(request), originOf(ctx))),
    );
    scope.post(`${SCIM_BASE_PATH}/Users`, { config, schema }, async (request, reply) => {
      const user = await createScimUser(ctx, actorOf(request), request.body, originOf(ctx));
      return sendScim(
        reply.header('location', (user.meta as { location: string }).location),
        201,
        user,
      );
    });
    scope.put(`${SCIM_BASE_PATH}/Users/:id`, { config, schema }, async (request, reply) =>
      sendScim(
        reply,
        200,
        await replaceScimUser(ctx, actorOf(request), idOf(request), request.body, originOf(ctx)),
      ),
    );
    scope.patch(`${SCIM_BASE_PATH}/Users/:id`, { config, schema }, async (request, reply) =>
      sendScim(
        reply,
        200,
        await patchScimUser(ctx, actorOf(request), idOf(request), request.body, originOf(ctx)),
      ),
    );
    scope.delete(`${SCIM_BASE_PATH}/Users/:id`, { config, schema }, async (request, reply) => {
      await deleteScimUser(ctx, actorOf(request), idOf(request));
      return reply.status(204).send();
    });
    done();
  });
}
