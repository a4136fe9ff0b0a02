import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Api } from '../platform/http/api-types.js';
import { probeWritable } from '../platform/storage/probe-writable.js';
import {
  RecentStorageFailures,
  type StorageComponent,
} from '../platform/storage/recent-storage-failures.js';
import { storageFailureOf } from '../platform/storage/storage-full.js';
import type { AppContext } from '../platform/context.js';

const componentCheck = z.object({
  status: z.enum(['ok', 'failing']),
  message: z.string().optional().describe('Why the component fails, when it does'),
});

const healthBody = z.object({
  status: z.enum(['ok', 'failing']),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  checks: z.object({ database: componentCheck, evidenceStore: componentCheck }),
});

type ComponentCheck = z.infer<typeof componentCheck>;

/**
 * Liveness (the process answers) and readiness (the database answers a query and the evidence
 * store takes a write, and neither refused a write for lack of space in the last minute).
 * `/api/v1/health` is readiness with the fields it always had, for existing monitors.
 */
export function registerHealthRoutes(api: Api, ctx: AppContext): void {
  const failures = new RecentStorageFailures(ctx.clock, ctx.config.evidenceDir);
  api.addHook('onError', (_request, _reply, error, done) => {
    const failure = storageFailureOf(error);
    if (failure) failures.record(failure);
    done();
  });

  const recentFailure = (component: StorageComponent): ComponentCheck | undefined => {
    const failure = failures.recent(component);
    return failure
      ? {
          status: 'failing',
          message: `a write failed with ${failure.code} at ${failure.at.toISOString()}`,
        }
      : undefined;
  };

  const checkDatabase = async (): Promise<ComponentCheck> => {
    try {
      await sql`select 1`.execute(ctx.db);
    } catch (error) {
      ctx.logger.error({ err: error }, 'health: database does not answer');
      return { status: 'failing', message: 'the database does not answer' };
    }
    return recentFailure('database') ?? { status: 'ok' };
  };

  const checkEvidenceStore = async (): Promise<ComponentCheck> => {
    try {
      await probeWritable(path.join(ctx.config.evidenceDir, 'tmp'));
    } catch (error) {
      ctx.logger.error({ err: error }, 'health: evidence store does not take writes');
      const code = (error as { code?: unknown }).code;
      return {
        status: 'failing',
        message: `the evidence store does not take writes${typeof code === 'string' ? ` (${code})` : ''}`,
      };
    }
    return recentFailure('evidenceStore') ?? { status: 'ok' };
  };

  const readiness = async () => {
    const [database, evidenceStore] = await Promise.all([checkDatabase(), checkEvidenceStore()]);
    const ok = database.status === 'ok' && evidenceStore.status === 'ok';
    return {
      status: ok ? ('ok' as const) : ('failing' as const),
      database: ctx.databaseKind,
      version: ctx.version,
      checks: { database, evidenceStore },
    };
  };
  const readinessRoutes = [
    ['/api/v1/health', 'Readiness, as /health/ready (kept for existing monitors)'],
    [
      '/api/v1/health/ready',
      'Readiness: the database answers and the evidence store takes writes (503 if not)',
    ],
  ] as const;
  for (const [url, summary] of readinessRoutes) {
    api.get(url, {
      config: { access: 'public' },
      schema: { tags: ['system'], summary, response: { 200: healthBody, 503: healthBody } },
      handler: async (_request, reply) => {
        const body = await readiness();
        return reply.status(body.status === 'ok' ? 200 : 503).send(body);
      },
    });
  }

  api.get('/api/v1/health/live', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: 'Liveness: the process answers (no database or disk access)',
      response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) },
    },
    handler: () => ({ status: 'ok' as const, version: ctx.version }),
  });
}
