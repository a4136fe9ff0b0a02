import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../support/test-app.js';

/**
 * Webhook bodies shaped as GitHub sends them (docs.github.com "Webhook events and payloads",
 * pull_request and deployment_status), with the fields Plumbline reads and a representative part
 * of the rest, so that unknown fields are shown to be ignored.
 */

export const WEBHOOK_SECRET = 'change-webhook-secret-for-tests-0123456789';

const user = (login: string, id: number) => ({
  login,
  id,
  node_id: `MDQ6VXNlcj${id}`,
  avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
  url: `https://api.github.com/users/${login}`,
  html_url: `https://github.com/${login}`,
  type: 'User',
  site_admin: false,
});

const repository = (fullName: string) => {
  const [owner, name] = fullName.split('/') as [string, string];
  return {
    id: 718_223_104,
    node_id: 'R_kgDOKs8xAA',
    name,
    full_name: fullName,
    private: true,
    owner: { ...user(owner, 90_210), type: 'Organization' },
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
    default_branch: 'main',
    visibility: 'private',
  };
};

export function pullRequestClosedBody(options: {
  repository: string;
  number: number;
  title: string;
  body: string;
  merged: boolean;
  mergedAt?: string;
  author?: string;
  labels?: string[];
}): Record<string, unknown> {
  const html = `https://github.com/${options.repository}/pull/${options.number}`;
  const mergedAt = options.merged ? (options.mergedAt ?? '2026-04-01T08:00:00Z') : null;
  return {
    action: 'closed',
    number: options.number,
    pull_request: {
      url: `https://api.github.com/repos/${options.repository}/pulls/${options.number}`,
      id: 1_804_000_000 + options.number,
      node_id: 'PR_kwDOKs8xAM5rj2Zb',
      html_url: html,
      diff_url: `${html}.diff`,
      number: options.number,
      state: 'closed',
      locked: false,
      title: options.title,
      user: user(options.author ?? 'dana-dev', 4_411),
      body: options.body,
      created_at: '2026-03-30T14:12:09Z',
      updated_at: mergedAt ?? '2026-04-01T08:00:00Z',
      closed_at: mergedAt ?? '2026-04-01T08:00:00Z',
      merged_at: mergedAt,
      merge_commit_sha: '9c1e5f0a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f',
      assignees: [],
      requested_reviewers: [],
      labels: (options.labels ?? []).map((name, i) => ({
        id: 6_000_000_000 + i,
        name,
        color: 'd73a4a',
        default: false,
      })),
      head: {
        label: 'acme:fix-pool',
        ref: 'fix-pool',
        sha: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
      },
      base: { label: 'acme:main', ref: 'main', sha: '0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e' },
      author_association: 'MEMBER',
      draft: false,
      merged: options.merged,
      mergeable: null,
      merged_by: options.merged ? user('sam-reviewer', 5_522) : null,
      comments: 2,
      commits: 3,
      additions: 41,
      deletions: 7,
      changed_files: 4,
    },
    repository: repository(options.repository),
    sender: user('sam-reviewer', 5_522),
  };
}

export function deploymentStatusBody(options: {
  repository: string;
  environment: string;
  state: string;
  at: string;
  deploymentId?: number;
}): Record<string, unknown> {
  const id = options.deploymentId ?? 912_340_001;
  const api = `https://api.github.com/repos/${options.repository}/deployments/${id}`;
  return {
    action: 'created',
    deployment_status: {
      url: `${api}/statuses/1`,
      id: 2_210_000_001,
      node_id: 'DES_kwDOKs8xAM6DuVXh',
      state: options.state,
      creator: user('github-actions[bot]', 41_898_282),
      description: '',
      environment: options.environment,
      target_url: `https://github.com/${options.repository}/actions/runs/8112233`,
      created_at: options.at,
      updated_at: options.at,
      deployment_url: api,
      repository_url: `https://api.github.com/repos/${options.repository}`,
    },
    deployment: {
      url: api,
      id,
      node_id: 'DE_kwDOKs8xAM42XKyP',
      sha: '9c1e5f0a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f',
      ref: 'main',
      task: 'deploy',
      payload: {},
      original_environment: options.environment,
      environment: options.environment,
      description: null,
      creator: user('github-actions[bot]', 41_898_282),
      created_at: options.at,
      updated_at: options.at,
      statuses_url: `${api}/statuses`,
      repository_url: `https://api.github.com/repos/${options.repository}`,
      production_environment: options.environment === 'production',
    },
    repository: repository(options.repository),
    sender: user('github-actions[bot]', 41_898_282),
  };
}

export function sign(secret: string, raw: string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Posts a delivery event: GitHub's when `githubEvent` is given, a plain deploy event otherwise. */
export function postEvent(
  t: TestApp,
  body: unknown,
  options: {
    githubEvent?: string;
    delivery?: string;
    secret?: string;
    signature?: string | null;
  } = {},
): Promise<LightMyRequestResponse> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.githubEvent) {
    headers['x-github-event'] = options.githubEvent;
    headers['x-github-delivery'] = options.delivery ?? crypto.randomUUID();
  }
  if (options.signature !== null) {
    headers['x-hub-signature-256'] =
      options.signature ?? sign(options.secret ?? WEBHOOK_SECRET, raw);
  }
  return t.app.inject({ method: 'POST', url: '/api/v1/changes/events', payload: raw, headers });
}

/** An asset the repository deploys to: its configuration reference names the repository. */
export async function createDeployedAsset(
  t: TestApp,
  token: string,
  key: string,
  options: { repository: string; environment?: string },
): Promise<void> {
  const response = await t.call(token, 'POST', '/api/v1/assets', {
    key,
    name: `Asset ${key}`,
    category: 'application',
    environment: options.environment ?? 'production',
    configurationReference: `https://github.com/${options.repository}.git`,
    ownerRole: 'engineering',
    criticality: 'high',
    criticalityRationale: 'Customers order through it.',
    dataClassification: 'confidential',
  });
  expect(response.statusCode, response.body).toBe(201);
}
