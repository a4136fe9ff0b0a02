import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The Fastify instance as feature routes see it: zod schemas type requests and responses. */
export type Api = ReturnType<typeof asApi>;

export function asApi(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

/** The error body every failing route returns; documented once, referenced by every route. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const okSchema = z.object({ ok: z.literal(true) });
