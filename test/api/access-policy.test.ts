import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '../../src/platform/auth/policy.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import {
  TOKEN_ONLY_ROLES,
  TOKEN_ROLES,
  USER_ROLES,
  type Role,
} from '../../src/platform/auth/roles.js';
import {
  declaredRouteAccess,
  routesWithoutAccess,
  type DeclaredRouteAccess,
} from '../../src/platform/http/access.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Who may do what, written out by hand so that a change to the policy module has to change this
 * table too. The route walk below uses `can()` as its oracle; this table pins `can()` itself.
 */
const WORKER: readonly Permission[] = [
  'register:read',
  'register:write',
  'register:import',
  'review:respond',
  'audit:read',
  'catalog:read',
  'work:read',
  'work:perform',
  'work:verify',
  'work:assign',
  'comments:write',
  'events:record',
  'posture:read',
  'backups:read',
  'backups:manage',
  'alerts:read',
  'incidents:read',
  'incidents:manage',
  'changes:read',
  'changes:manage',
  'accounts:read',
  'access:request',
  'access-reviews:decide',
  'documents:read',
  'documents:sign',
  'training:complete',
];

const EXPECTED_GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  quality: [
    ...WORKER,
    'review:manage',
    'catalog:manage',
    'reports:read',
    'nonconformance:manage',
    'notifications:read',
    'incidents:decide',
    'people:read',
    'documents:manage',
    'training:read',
    'suppliers:review',
  ],
  engineering: WORKER,
  security: [
    ...WORKER,
    'reports:read',
    'people:read',
    'people:manage',
    'accounts:import',
    'access:approve',
    'access-reviews:manage',
  ],
  auditor: [
    'register:read',
    'audit:read',
    'catalog:read',
    'work:read',
    'posture:read',
    'reports:read',
    'notifications:read',
    'backups:read',
    'alerts:read',
    'incidents:read',
    'changes:read',
    'people:read',
    'accounts:read',
    'documents:read',
    'training:read',
  ],
  viewer: ['register:read', 'catalog:read', 'backups:read'],
  // Token-only: a backup job posts runs and can read nothing.
  'backup-writer': ['backups:write'],
  // Token-only: Alertmanager or Grafana posts alerts and can read nothing.
  'alert-writer': ['alerts:write'],
  // Token-only: an identity provider provisions people over SCIM and can read nothing else.
  scim: ['scim:provision'],
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DUMMY_UUID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: well-formed ids and keys that match nothing. */
function concreteUrl(pattern: string): string {
  return pattern
    .replace(/:(id|itemId)\b/g, DUMMY_UUID)
    .replace(/:[A-Za-z]+/g, 'no-such-key')
    .replace(/\*$/, 'anything');
}

/**
 * Other spellings of a route's concrete URL that mean the same path (RFC 3986 equivalents and the
 * usual tricks): each must reach the same route and get exactly the same answer.
 */
function otherSpellings(pattern: string): Record<string, string> {
  const url = concreteUrl(pattern);
  const segments = url.split('/').slice(1);
  const fixed = pattern
    .split('/')
    .slice(1)
    .map((segment) => !segment.startsWith(':'));
  const encodeFirstLetter = (segment: string) =>
    segment.replace(/[A-Za-z0-9]/, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return {
    'percent-encoded letter in each segment': `/${segments.map(encodeFirstLetter).join('/')}`,
    'double slashes': `/${segments.join('//')}`.replace(/^\//, '//'),
    'dot segments': `/./${segments[0]}/x/../${segments.slice(1).join('/./')}`,
    'encoded dot segments': `/${segments[0]}/%2e/y/%2E%2e/${segments.slice(1).join('/')}`,
    'trailing slash': `${url}/`,
    'upper-case fixed segments': `/${segments
      .map((segment, i) => (fixed[i] ? segment.toUpperCase() : segment))
      .join('/')}`,
  };
}

/** What must be the same under every spelling: the status and the error code, if any. */
function answerOf(response: LightMyRequestResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  const code = type.includes('json')
    ? (response.json<{ error?: { code?: string } }>().error?.code ?? '')
    : '';
  return `${response.statusCode} ${code}`.trim();
}

function describeRoute(route: Pick<DeclaredRouteAccess, 'method' | 'url'>): string {
  return `${route.method} ${route.url}`;
}

function isDeniedByRole(response: LightMyRequestResponse): boolean {
  return (
    response.statusCode === 403 &&
    /does not allow/.test(response.json<{ error: { message: string } }>().error.message)
  );
}

describe('access policy', () => {
  let t: TestApp;
  let routes: DeclaredRouteAccess[];
  const tokens = {} as Record<Role, string>;

  function callAs(role: Role | 'anonymous', route: DeclaredRouteAccess, url?: string) {
    return t.app.inject({
      method: route.method as 'GET',
      url: url ?? concreteUrl(route.url),
      headers: role === 'anonymous' ? {} : { authorization: `Bearer ${tokens[role]}` },
      ...(UNSAFE_METHODS.has(route.method) ? { payload: {} } : {}),
    });
  }

  function route(method: string, url: string): DeclaredRouteAccess {
    const found = routes.find((r) => r.method === method && r.url === url);
    if (!found) throw new Error(`No route ${method} ${url}`);
    return found;
  }

  beforeAll(async () => {
    // Public sign-in routes are rate limited per IP; this walk calls each of them once per role.
    t = await createTestApp({ env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    for (const role of USER_ROLES) tokens[role] = await t.tokenFor(role);
    tokens['backup-writer'] = (
      await createApiToken(t.ctx, systemActor, { name: 'backup-job', role: 'backup-writer' })
    ).token;
    tokens['alert-writer'] = (
      await createApiToken(t.ctx, systemActor, { name: 'alertmanager', role: 'alert-writer' })
    ).token;
    tokens.scim = (await createApiToken(t.ctx, systemActor, { name: 'okta', role: 'scim' })).token;
    routes = declaredRouteAccess(t.app).filter((r) => r.method !== 'HEAD');
  });
  afterAll(() => t.close());

  it('has no route, API or not, that declares no access rule', () => {
    expect(routesWithoutAccess(t.app)).toEqual([]);
    expect(routes.length).toBeGreaterThan(100);
  });

  // Access is decided on the matched route, so a spelling that reaches the same route gets the same
  // decision for every role. The walk covers each kind of answer: a role allowed everything
  // (admin: the handler runs), a person role denied almost everything (viewer), each token-only
  // role (denied everywhere but its own routes) and no credentials at all. The other person roles
  // differ from these only in which permissions they hold, which the walk after this one checks
  // route by route on the plain path.
  it.each(['admin', 'viewer', ...TOKEN_ONLY_ROLES, 'anonymous'] as const)(
    'answers %s exactly the same under every other spelling of every route',
    async (role) => {
      const wrong: string[] = [];
      for (const r of routes) {
        const expected = answerOf(await callAs(role, r));
        for (const [how, url] of Object.entries(otherSpellings(r.url))) {
          const answer = answerOf(await callAs(role, r, url));
          if (answer !== expected) {
            wrong.push(`${describeRoute(r)} as ${how} (${url}): ${answer}, not ${expected}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it('grants each role exactly the permissions in the hand-written table', () => {
    for (const role of TOKEN_ROLES) {
      const granted = PERMISSIONS.filter((permission) => can(role, permission)).sort();
      expect({ role, granted }).toEqual({ role, granted: [...EXPECTED_GRANTS[role]].sort() });
    }
  });

  it('knows every documented route and its access rule', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, ':$1'),
      })),
    );
    expect(documented.length).toBeGreaterThan(20);
    const declared = new Set(routes.map(describeRoute));
    expect(documented.map(describeRoute).filter((r) => !declared.has(r))).toEqual([]);
    expect(routes.every((r) => r.url.startsWith('/api/v1'))).toBe(true);
  });

  it('turns away anonymous callers from every route that is not public', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const response = await callAs('anonymous', r);
      const expected401 = r.access !== 'public';
      if (expected401 !== (response.statusCode === 401) || response.statusCode >= 500) {
        wrong.push(`${describeRoute(r)} → ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(TOKEN_ROLES)(
    'lets %s tokens through exactly the routes the role allows, with 403 elsewhere',
    async (role) => {
      const wrong: string[] = [];
      for (const r of routes) {
        const response = await callAs(role, r);
        const status = response.statusCode;
        const access = r.access;
        let fine: boolean;
        if (typeof access === 'object') {
          fine = can(role, access.permission) ? status !== 401 && status !== 403 : status === 403;
        } else if (access === 'signed-body') {
          // A token is no signature: only the body's HMAC lets a webhook in.
          fine = status === 401;
        } else {
          // Public, signing-in and any-signed-in routes do not look at the role at all.
          fine = status !== 401 && !isDeniedByRole(response);
        }
        if (!fine || status >= 500) wrong.push(`${describeRoute(r)} → ${status}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('never lets an auditor change anything', async () => {
    expect(EXPECTED_GRANTS.auditor.every((permission) => permission.endsWith(':read'))).toBe(true);
    // A POST guarded by a read permission computes without writing (a catalogue plan, say).
    const changes = routes.filter(
      (r) =>
        UNSAFE_METHODS.has(r.method) &&
        typeof r.access === 'object' &&
        !r.access.permission.endsWith(':read'),
    );
    expect(changes.length).toBeGreaterThan(10);
    const answers = await Promise.all(
      changes.map(async (r) => `${describeRoute(r)} → ${(await callAs('auditor', r)).statusCode}`),
    );
    expect(answers).toEqual(changes.map((r) => `${describeRoute(r)} → 403`));
  });

  it('leaves the audit trail as it was after an auditor has called every route', async () => {
    const countEvents = async () =>
      (await t.ctx.db.selectFrom('audit_events').select('seq').execute()).length;
    const before = await countEvents();
    for (const r of routes) await callAs('auditor', r);
    expect(await countEvents()).toBe(before);
  });

  it('keeps the audit trail from viewers but shows it to auditors', async () => {
    for (const url of ['/api/v1/audit/events', '/api/v1/audit/verify']) {
      expect((await callAs('viewer', route('GET', url))).statusCode).toBe(403);
      expect((await callAs('auditor', route('GET', url))).statusCode).toBe(200);
    }
  });

  it('lets only admins manage users and tokens', async () => {
    const adminOnly = [
      route('GET', '/api/v1/users'),
      route('POST', '/api/v1/users'),
      route('PATCH', '/api/v1/users/:id'),
      route('POST', '/api/v1/users/:id/reset-mfa'),
      route('PUT', '/api/v1/users/:id/sso-identity'),
      route('DELETE', '/api/v1/users/:id/sso-identity'),
      route('GET', '/api/v1/tokens'),
      route('POST', '/api/v1/tokens'),
      route('DELETE', '/api/v1/tokens/:id'),
      route('GET', '/api/v1/auditor-engagements'),
      route('POST', '/api/v1/auditor-engagements'),
      route('GET', '/api/v1/auditor-engagements/:id'),
      route('POST', '/api/v1/auditor-engagements/:id/revoke'),
      route('POST', '/api/v1/auditor-engagements/:id/invitation'),
    ];
    for (const r of adminOnly) {
      for (const role of USER_ROLES) {
        const status = (await callAs(role, r)).statusCode;
        if (role === 'admin') expect(status, describeRoute(r)).not.toBe(403);
        else expect({ route: describeRoute(r), role, status }).toMatchObject({ status: 403 });
      }
    }
  });

  it('lets every role read the register', async () => {
    for (const role of USER_ROLES) {
      expect((await callAs(role, route('GET', '/api/v1/assets'))).statusCode).toBe(200);
    }
  });

  it('shows the posture history to every role that reads posture, and to no other', async () => {
    const history = route('GET', '/api/v1/posture/history');
    expect(history.access).toEqual({ permission: 'posture:read' });
    for (const role of USER_ROLES) {
      const status = (await callAs(role, history)).statusCode;
      expect({ role, status }).toEqual({ role, status: can(role, 'posture:read') ? 200 : 403 });
    }
    expect(USER_ROLES.filter((role) => can(role, 'posture:read'))).toEqual([
      'admin',
      'quality',
      'engineering',
      'security',
      'auditor',
    ]);
  });

  it('opens the auditor invitation link to anyone, and checks its body', async () => {
    const accept = await callAs('anonymous', route('POST', '/api/v1/auditor-invitations/accept'));
    expect(accept.statusCode).toBe(400);
    expect(accept.body).toContain('body.token');
  });

  it('opens single sign-on to anyone, and keeps it off unless configured', async () => {
    const status = route('GET', '/api/v1/auth/sso');
    const start = route('GET', '/api/v1/auth/sso/start');
    const callback = route('GET', '/api/v1/auth/sso/callback');
    expect([status, start, callback].map((r) => r.access)).toEqual(['public', 'public', 'public']);
    for (const role of [...USER_ROLES, 'anonymous' as const]) {
      expect((await callAs(role, status)).json()).toMatchObject({ enabled: false });
      expect((await callAs(role, start)).statusCode).toBe(404);
      expect((await callAs(role, callback)).statusCode).toBe(404);
    }
  });

  it('lets only a signed-in person start the re-authentication of a signature, and keeps it off unless configured', async () => {
    const reauthenticate = route('GET', '/api/v1/auth/sso/reauthenticate');
    expect(reauthenticate.access).toBe('authenticated');
    expect((await callAs('anonymous', reauthenticate)).statusCode).toBe(401);
    for (const role of USER_ROLES) {
      expect((await callAs(role, reauthenticate)).statusCode).toBe(404);
    }
  });

  it('lets every person’s role search, no token-only role, and filters kinds by role inside', async () => {
    const search = route('GET', '/api/v1/search');
    expect(search.access).toEqual({ permission: 'register:read' });
    for (const role of TOKEN_ROLES) {
      const status = (await callAs(role, search, '/api/v1/search?q=x')).statusCode;
      expect({ role, status }).toEqual({ role, status: can(role, 'register:read') ? 200 : 403 });
    }
  });

  it('opens a calendar feed to whoever holds its secret, and lets work readers manage their own', async () => {
    const feed = route('GET', '/api/v1/calendar/feeds/:token');
    expect(feed.access).toBe('public');
    for (const role of [...TOKEN_ROLES, 'anonymous' as const]) {
      expect((await callAs(role, feed)).statusCode).toBe(404);
    }
    for (const method of ['GET', 'POST', 'DELETE']) {
      const own = route(method, '/api/v1/calendar/feed');
      expect(own.access).toEqual({ permission: 'work:read' });
      for (const role of TOKEN_ROLES) {
        const status = (await callAs(role, own)).statusCode;
        // A machine token is no person: it has no feed to read (GET), make (409) or revoke (409).
        const allowed = method === 'GET' ? 200 : 409;
        expect({ method, role, status }).toEqual({
          method,
          role,
          status: can(role, 'work:read') ? allowed : 403,
        });
      }
    }
  });

  it('lets every role that reads work export a selection of occurrences or nonconformances, and no other', async () => {
    for (const url of ['/api/v1/occurrences/export.csv', '/api/v1/nonconformances/export.csv']) {
      const exportCsv = route('GET', url);
      expect(exportCsv.access).toEqual({ permission: 'work:read' });
      for (const role of TOKEN_ROLES) {
        const status = (await callAs(role, exportCsv, `${url}?ids=${DUMMY_UUID}`)).statusCode;
        expect({ url, role, status }).toEqual({
          url,
          role,
          status: can(role, 'work:read') ? 200 : 403,
        });
      }
    }
    expect(USER_ROLES.filter((role) => can(role, 'work:read'))).toEqual([
      'admin',
      'quality',
      'engineering',
      'security',
      'auditor',
    ]);
  });

  it('refuses before reading the body, so a denied caller learns nothing of its shape', async () => {
    const createUser = route('POST', '/api/v1/users');
    const anonymous = await callAs('anonymous', createUser);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(anonymous.body).not.toContain('body.email');
    const viewer = await callAs('viewer', createUser);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.body).not.toContain('body.email');
  });
});
