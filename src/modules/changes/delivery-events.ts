import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { ChangeRisk, ChangeType } from './change-status.js';
import type { ChangeEventKind } from './change.schema.js';
import { isoInstant } from '../../platform/time/iso-instant.js';

/** Largest delivery event body accepted; GitHub's pull_request bodies are tens of kilobytes. */
export const MAX_CHANGE_EVENT_BYTES = 5 * 1024 * 1024;

const isoDateTime = isoInstant();
const repositorySchema = z.object({ full_name: z.string().min(3).max(300) });

/** The fields Plumbline reads of GitHub's `pull_request` webhook body (others are ignored). */
const pullRequestEventSchema = z.object({
  action: z.string().max(100),
  repository: repositorySchema,
  pull_request: z.object({
    html_url: z.string().url().max(2000),
    number: z.number().int(),
    title: z.string().max(1000),
    body: z.string().max(1_000_000).nullable(),
    merged: z.boolean().nullable().optional(),
    merged_at: isoDateTime.nullable(),
    merge_commit_sha: z.string().max(100).nullable(),
    user: z.object({ login: z.string().max(200) }),
    labels: z.array(z.object({ name: z.string().max(200) })).default([]),
  }),
});

/** The fields Plumbline reads of GitHub's `deployment_status` webhook body. */
const deploymentStatusEventSchema = z.object({
  action: z.string().max(100),
  repository: repositorySchema,
  deployment_status: z.object({
    state: z.string().max(50),
    environment: z.string().min(1).max(300),
    created_at: isoDateTime,
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string().max(100),
    ref: z.string().max(500),
    environment: z.string().min(1).max(300),
  }),
});

/** A deployment reported by a CI system other than GitHub (docs/changes.md has a curl example). */
export const plainDeployEventSchema = z.object({
  id: z.string().trim().min(1).max(200).describe('Unique per delivery: the idempotency key'),
  repository: z.string().trim().min(3).max(300).describe('owner/name of the deployed repository'),
  environment: z.string().trim().min(1).max(300),
  status: z.enum(['success', 'failure', 'error']),
  sha: z.string().trim().min(1).max(100).describe('The deployed commit'),
  deployedAt: isoDateTime.describe('When the deployment finished'),
  description: z.string().max(2000).default(''),
});

/** What a delivery event says, whatever sent it. */
export type DeliveryEvent =
  | { kind: 'ignored'; reason: string }
  | {
      kind: 'pull_request';
      deliveryId: string;
      repository: string;
      url: string;
      title: string;
      body: string;
      author: string;
      mergedAt: Date;
      mergeCommitSha: string;
      labels: string[];
    }
  | {
      kind: Extract<ChangeEventKind, 'deployment_status' | 'deploy'>;
      deliveryId: string;
      repository: string;
      environment: string;
      state: string;
      sha: string;
      summary: string;
      at: Date;
    };

/** Deployment states that are final: the others (pending, queued, in_progress…) record nothing. */
const FINAL_DEPLOYMENT_STATES = new Set(['success', 'failure', 'error']);

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('validation_failed', 'The body is not JSON', {
      issues: [{ path: 'body', message: 'is not valid JSON' }],
    });
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: ['body', ...issue.path].join('.'),
    message: issue.message,
  }));
  throw new AppError(
    'validation_failed',
    `The event body is malformed: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    { issues },
  );
}

/**
 * Reads a delivery event (already authenticated): GitHub's `pull_request` (recorded when closed
 * and merged) and `deployment_status` (when final) bodies as GitHub sends them, or a plain deploy
 * event when no `X-GitHub-Event` header is sent. Malformed bodies are a 400 naming the field.
 */
export function readDeliveryEvent(
  githubEvent: string | undefined,
  githubDelivery: string | undefined,
  body: Buffer,
): DeliveryEvent {
  const json = parseJson(body);
  if (githubEvent === undefined) {
    const deploy = parseWith(plainDeployEventSchema, json);
    return {
      kind: 'deploy',
      deliveryId: `deploy:${deploy.id}`,
      repository: deploy.repository,
      environment: deploy.environment,
      state: deploy.status,
      sha: deploy.sha,
      summary: deploy.description || `Deployed ${deploy.sha.slice(0, 12)} to ${deploy.environment}`,
      at: new Date(deploy.deployedAt),
    };
  }
  if (githubDelivery === undefined || githubDelivery.trim() === '' || githubDelivery.length > 200) {
    throw new AppError('validation_failed', 'The X-GitHub-Delivery header is missing', {
      issues: [{ path: 'headers.x-github-delivery', message: 'is required with X-GitHub-Event' }],
    });
  }
  const deliveryId = `github:${githubDelivery.trim()}`;
  switch (githubEvent) {
    case 'pull_request': {
      const event = parseWith(pullRequestEventSchema, json);
      const pr = event.pull_request;
      if (event.action !== 'closed' || pr.merged !== true || !pr.merged_at) {
        return {
          kind: 'ignored',
          reason: 'only a merged pull request (action closed) is a change',
        };
      }
      return {
        kind: 'pull_request',
        deliveryId,
        repository: event.repository.full_name,
        url: pr.html_url,
        title: pr.title,
        body: pr.body ?? '',
        author: pr.user.login,
        mergedAt: new Date(pr.merged_at),
        mergeCommitSha: pr.merge_commit_sha ?? '',
        labels: pr.labels.map((label) => label.name.toLowerCase()),
      };
    }
    case 'deployment_status': {
      const event = parseWith(deploymentStatusEventSchema, json);
      const status = event.deployment_status;
      if (!FINAL_DEPLOYMENT_STATES.has(status.state)) {
        return { kind: 'ignored', reason: `a ${status.state} deployment is not finished` };
      }
      return {
        kind: 'deployment_status',
        deliveryId,
        repository: event.repository.full_name,
        environment: status.environment,
        state: status.state,
        sha: event.deployment.sha,
        summary: `Deployment ${event.deployment.id} of ${event.deployment.ref} (${event.deployment.sha.slice(0, 12)}): ${status.state}`,
        at: new Date(status.created_at),
      };
    }
    default:
      return { kind: 'ignored', reason: `the ${githubEvent} event records nothing` };
  }
}

/** The change a merged pull request describes, from the sections of its body (docs/changes.md). */
export function changeFromPullRequest(
  body: string,
  labels: readonly string[],
): {
  type: ChangeType;
  risk: ChangeRisk;
  conformityImpact: string;
  testSummary: string;
  rollbackPlan: string;
  description: string;
} {
  const sections = new Map<string, string[]>();
  let current = 'description';
  for (const line of body.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = heading[1]!.toLowerCase();
      continue;
    }
    sections.set(current, [...(sections.get(current) ?? []), line]);
  }
  const section = (name: string) => (sections.get(name) ?? []).join('\n').trim();
  const risk = /\b(low|medium|high)\b/i.exec(section('risk'))?.[1]?.toLowerCase() as
    ChangeRisk | undefined;
  return {
    type: labels.includes('emergency-change') ? 'emergency' : 'normal',
    risk: risk ?? 'medium',
    conformityImpact: section('conformity impact'),
    testSummary: section('tests'),
    rollbackPlan: section('rollback plan'),
    description: section('description'),
  };
}
