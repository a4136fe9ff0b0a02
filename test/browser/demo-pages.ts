import type { Permission } from '../../src/platform/auth/policy.js';

/** One page of the web UI at a real address of the demo organisation. */
export interface DemoPage {
  /** Short name for reports and screenshot files ("asset-detail"). */
  name: string;
  /** The route's pattern as AppRoutes.tsx declares it ("assets/:key"). */
  route: string;
  /** The address visited, with the demo's ids filled in. */
  path: string;
  /** What the route requires; null for the pages shown before signing in. */
  permission: Permission | null;
}

/** Real keys and ids of the demo's records, one of each kind (null where the demo has none). */
export interface DemoIds {
  assetKey: string;
  backedUpAssetKey: string;
  supplierKey: string;
  supplierReviewId: string | null;
  processKey: string;
  inventoryReviewId: string | null;
  frameworkKey: string;
  controlKey: string;
  occurrenceId: string;
  workOrderId: string;
  capaId: string | null;
  nonconformanceId: string | null;
  restoreTestId: string | null;
  drExerciseId: string | null;
  incidentId: string | null;
  changeId: string | null;
  findingId: string | null;
  accessReviewId: string | null;
  documentKey: string | null;
  certificateId: string | null;
}

type Get = (url: string) => Promise<unknown>;

async function first(get: Get, url: string, field: 'id' | 'key'): Promise<string | null> {
  const body = (await get(url)) as { items: Record<string, unknown>[] };
  const value = body.items[0]?.[field];
  return typeof value === 'string' ? value : null;
}

async function required(get: Get, url: string, field: 'id' | 'key'): Promise<string> {
  const value = await first(get, url, field);
  if (value === null) throw new Error(`The demo has no record at ${url}`);
  return value;
}

/** Looks up one record of each kind through the API, as a role that reads everything. */
export async function findDemoIds(get: Get): Promise<DemoIds> {
  const backups = (await get('/api/v1/backups/status')) as { items: { assetKey: string }[] };
  const doneWorkOrders = '/api/v1/work-orders?status=done';
  return {
    assetKey: await required(get, '/api/v1/assets', 'key'),
    backedUpAssetKey: backups.items[0]?.assetKey ?? 'none',
    supplierKey: await required(get, '/api/v1/suppliers', 'key'),
    supplierReviewId: await first(get, '/api/v1/supplier-reviews', 'id'),
    processKey: await required(get, '/api/v1/processes', 'key'),
    inventoryReviewId: await first(get, '/api/v1/reviews', 'id'),
    frameworkKey: await required(get, '/api/v1/frameworks', 'key'),
    controlKey: await required(get, '/api/v1/controls', 'key'),
    occurrenceId: await required(get, '/api/v1/occurrences', 'id'),
    // A completed work order shows its performer beside its status (the overlap issue 18 saw).
    workOrderId:
      (await first(get, doneWorkOrders, 'id')) ??
      (await required(get, '/api/v1/work-orders', 'id')),
    capaId: await first(get, '/api/v1/capas', 'id'),
    nonconformanceId: await first(get, '/api/v1/nonconformances', 'id'),
    restoreTestId: await first(get, '/api/v1/restore-tests', 'id'),
    drExerciseId: await first(get, '/api/v1/dr-exercises', 'id'),
    incidentId: await first(get, '/api/v1/incidents', 'id'),
    changeId: await first(get, '/api/v1/changes', 'id'),
    findingId: await first(get, '/api/v1/findings', 'id'),
    accessReviewId: await first(get, '/api/v1/access-reviews', 'id'),
    documentKey: await first(get, '/api/v1/documents', 'key'),
    certificateId: await first(get, '/api/v1/certificates', 'id'),
  };
}

/** The pages shown before signing in; an unknown address is the signed-in frame's. */
export const PUBLIC_PAGES: DemoPage[] = [
  { name: 'sign-in', route: '/login', path: '/login', permission: null },
  { name: 'setup', route: '/setup', path: '/setup', permission: null },
  {
    name: 'auditor-invitation',
    route: '/auditor-invitation',
    path: '/auditor-invitation',
    permission: null,
  },
  // The popup of a single sign-on e-signature lands here; opened by hand, it has nothing to sign.
  {
    name: 'signed-in-again',
    route: '/signed-in-again',
    path: '/signed-in-again',
    permission: null,
  },
];

/**
 * Every signed-in page of the app at a real address of the demo. A detail page whose kind of
 * record the demo lacks is left out (its list page is still visited). `training/:id` is each
 * person's own assignment, so its address is found per role (see the test).
 */
export function signedInPages(ids: DemoIds): DemoPage[] {
  const pages: (DemoPage | null)[] = [
    page('dashboard', '', '/', 'register:read'),
    page('assets', 'assets', '/assets', 'register:read'),
    page('certificates', 'certificates', '/certificates', 'register:read'),
    ids.certificateId === null
      ? null
      : page(
          'certificate',
          'certificates/:id',
          `/certificates/${ids.certificateId}`,
          'register:read',
        ),
    page('asset-new', 'assets/new', '/assets/new', 'register:write'),
    page('asset', 'assets/:key', `/assets/${ids.assetKey}`, 'register:read'),
    page('asset-edit', 'assets/:key/edit', `/assets/${ids.assetKey}/edit`, 'register:write'),
    page('suppliers', 'suppliers', '/suppliers', 'register:read'),
    page('supplier-reviews', 'supplier-reviews', '/supplier-reviews', 'register:read'),
    ids.supplierReviewId === null
      ? null
      : page(
          'supplier-review',
          'supplier-reviews/:id',
          `/supplier-reviews/${ids.supplierReviewId}`,
          'register:read',
        ),
    page('supplier-new', 'suppliers/new', '/suppliers/new', 'register:write'),
    page('supplier', 'suppliers/:key', `/suppliers/${ids.supplierKey}`, 'register:read'),
    page(
      'supplier-edit',
      'suppliers/:key/edit',
      `/suppliers/${ids.supplierKey}/edit`,
      'register:write',
    ),
    page('processes', 'processes', '/processes', 'register:read'),
    page('process-new', 'processes/new', '/processes/new', 'register:write'),
    page('process', 'processes/:key', `/processes/${ids.processKey}`, 'register:read'),
    page(
      'walkthrough',
      'processes/:key/walkthrough',
      `/processes/${ids.processKey}/walkthrough`,
      'reports:read',
    ),
    page(
      'process-edit',
      'processes/:key/edit',
      `/processes/${ids.processKey}/edit`,
      'register:write',
    ),
    page('matrix', 'matrix', '/matrix', 'register:read'),
    page('backups', 'backups', '/backups', 'backups:read'),
    page(
      'backup-asset',
      'backups/assets/:key',
      `/backups/assets/${ids.backedUpAssetKey}`,
      'backups:read',
    ),
    page('inventory-reviews', 'reviews', '/reviews', 'register:read'),
    ids.inventoryReviewId === null
      ? null
      : page(
          'inventory-review',
          'reviews/:id',
          `/reviews/${ids.inventoryReviewId}`,
          'register:read',
        ),
    page('frameworks', 'frameworks', '/frameworks', 'catalog:read'),
    page('framework', 'frameworks/:key', `/frameworks/${ids.frameworkKey}`, 'catalog:read'),
    page('controls', 'controls', '/controls', 'catalog:read'),
    page('control', 'controls/:key', `/controls/${ids.controlKey}`, 'catalog:read'),
    page('my-work', 'work', '/work', 'work:read'),
    page('calendar', 'calendar', '/calendar', 'work:read'),
    page(
      'occurrence',
      'work/occurrences/:id',
      `/work/occurrences/${ids.occurrenceId}`,
      'work:read',
    ),
    page('work-orders', 'work-orders', '/work-orders', 'work:read'),
    page('work-order-new', 'work-orders/new', '/work-orders/new', 'work:perform'),
    page('work-order', 'work-orders/:id', `/work-orders/${ids.workOrderId}`, 'work:read'),
    page('nonconformances', 'nonconformances', '/nonconformances', 'work:read'),
    page(
      'nonconformance-new',
      'nonconformances/new',
      '/nonconformances/new',
      'nonconformance:manage',
    ),
    ids.nonconformanceId === null
      ? null
      : page(
          'nonconformance',
          'nonconformances/:id',
          `/nonconformances/${ids.nonconformanceId}`,
          'work:read',
        ),
    page('capas', 'capas', '/capas', 'work:read'),
    page('capa-new', 'capas/new', '/capas/new', 'nonconformance:manage'),
    ids.capaId === null ? null : page('capa', 'capas/:id', `/capas/${ids.capaId}`, 'work:read'),
    page('posture', 'posture', '/posture', 'posture:read'),
    page('restore-tests', 'restore-tests', '/restore-tests', 'work:read'),
    page('restore-test-new', 'restore-tests/new', '/restore-tests/new', 'work:perform'),
    ids.restoreTestId === null
      ? null
      : page(
          'restore-test',
          'restore-tests/:id',
          `/restore-tests/${ids.restoreTestId}`,
          'work:read',
        ),
    page('dr-exercises', 'dr-exercises', '/dr-exercises', 'work:read'),
    page('dr-exercise-new', 'dr-exercises/new', '/dr-exercises/new', 'work:perform'),
    ids.drExerciseId === null
      ? null
      : page('dr-exercise', 'dr-exercises/:id', `/dr-exercises/${ids.drExerciseId}`, 'work:read'),
    page('incidents', 'incidents', '/incidents', 'incidents:read'),
    ids.incidentId === null
      ? null
      : page('incident', 'incidents/:id', `/incidents/${ids.incidentId}`, 'incidents:read'),
    page('changes', 'changes', '/changes', 'changes:read'),
    ids.changeId === null
      ? null
      : page('change', 'changes/:id', `/changes/${ids.changeId}`, 'changes:read'),
    page('soc2-a1-2', 'soc2/a1-2', '/soc2/a1-2', 'posture:read'),
    page('effectiveness', 'reports/effectiveness', '/reports/effectiveness', 'reports:read'),
    page('packs', 'reports/packs', '/reports/packs', 'reports:read'),
    page('audit-log', 'audit', '/audit', 'audit:read'),
    page('users', 'admin/users', '/admin/users', 'users:manage'),
    page('api-tokens', 'admin/tokens', '/admin/tokens', 'tokens:manage'),
    page('auditor-access', 'admin/auditor-access', '/admin/auditor-access', 'users:manage'),
    page('outbox', 'admin/outbox', '/admin/outbox', 'notifications:read'),
    page('findings', 'findings', '/findings', 'work:read'),
    ids.findingId === null
      ? null
      : page('finding', 'findings/:id', `/findings/${ids.findingId}`, 'work:read'),
    page('people', 'people', '/people', 'people:read'),
    page('accounts', 'accounts', '/accounts', 'accounts:read'),
    page('accounts-of-asset', 'accounts/:key', `/accounts/${ids.assetKey}`, 'accounts:read'),
    page('access-requests', 'access-requests', '/access-requests', 'accounts:read'),
    page('access-reviews', 'access-reviews', '/access-reviews', 'accounts:read'),
    ids.accessReviewId === null
      ? null
      : page(
          'access-review',
          'access-reviews/:id',
          `/access-reviews/${ids.accessReviewId}`,
          'accounts:read',
        ),
    page('documents', 'documents', '/documents', 'documents:read'),
    ids.documentKey === null
      ? null
      : page('document', 'documents/:key', `/documents/${ids.documentKey}`, 'documents:read'),
    page('my-training', 'training', '/training', 'training:complete'),
    page('training-register', 'training/register', '/training/register', 'training:read'),
    page('not-found', '*', '/no-such-page', 'register:read'),
  ];
  return pages.filter((entry): entry is DemoPage => Boolean(entry));
}

/** The route of a person's own training assignment, visited with their assignment's id. */
export const TRAINING_ASSIGNMENT_ROUTE = 'training/:id';

function page(name: string, route: string, path: string, permission: Permission): DemoPage {
  return { name, route, path, permission };
}

/** The role whose screenshots show the page: the first of the roles that can see it. */
export function firstRoleSeeing<R extends string>(
  roles: readonly R[],
  entry: DemoPage,
  can: (role: R, permission: Permission) => boolean,
): R | undefined {
  return roles.find((role) => entry.permission !== null && can(role, entry.permission));
}
