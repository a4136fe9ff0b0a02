import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { matchRoutes, useRoutes, type RouteObject } from 'react-router';
import { can } from '../../src/platform/auth/policy.js';
import type { FirstLoadClients, PagePrefetch } from './api/first-load.js';
import type { SessionView } from './api/identity.js';
import type { Permission } from './api/types.js';
import { RequirePermission } from './auth/RequirePermission.js';
import { RequireSession } from './auth/RequireSession.js';
import { Loading } from './components/Loading.js';
import { AppLayout } from './layout/AppLayout.js';
import { prefetchAssetsList } from './pages/assets/asset-filters.js';
import { prefetchDashboard } from './pages/dashboard/dashboard-prefetch.js';

/** A page whose code is loaded when it is first shown, or earlier by preload (its first load). */
type LazyPage = LazyExoticComponent<ComponentType> & { preload(): void };

/**
 * A page loaded when it is first shown: each page is its own chunk, so the first page ships only
 * its own code and what it shares (docs/performance.md, web first load). Pages export by name.
 */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyPage {
  // One import for preload and render: React.lazy finds the chunk under way, or already there.
  let loading: ReturnType<typeof load> | undefined;
  const loadOnce = () => (loading ??= load());
  const page = lazy(async (): Promise<{ default: ComponentType }> => ({
    default: (await loadOnce())[name],
  }));
  return Object.assign(page, {
    preload() {
      // A failure is shown by the page's error boundary once it renders: React.lazy gets it too.
      loadOnce().catch(() => undefined);
    },
  });
}

const ApiTokensPage = lazyPage(() => import('./pages/admin/ApiTokensPage.js'), 'ApiTokensPage');
const UsersPage = lazyPage(() => import('./pages/admin/UsersPage.js'), 'UsersPage');
const OutboxPage = lazyPage(() => import('./pages/admin/OutboxPage.js'), 'OutboxPage');
const AuditorAccessPage = lazyPage(
  () => import('./pages/auditor-access/AuditorAccessPage.js'),
  'AuditorAccessPage',
);
const AuditorInvitationPage = lazyPage(
  () => import('./pages/auth/AuditorInvitationPage.js'),
  'AuditorInvitationPage',
);
const AssetCreatePage = lazyPage(
  () => import('./pages/assets/AssetCreatePage.js'),
  'AssetCreatePage',
);
const AssetDetailPage = lazyPage(
  () => import('./pages/assets/AssetDetailPage.js'),
  'AssetDetailPage',
);
const AssetEditPage = lazyPage(() => import('./pages/assets/AssetEditPage.js'), 'AssetEditPage');
const AssetsListPage = lazyPage(() => import('./pages/assets/AssetsListPage.js'), 'AssetsListPage');
const AuditLogPage = lazyPage(() => import('./pages/audit/AuditLogPage.js'), 'AuditLogPage');
const BackupAssetPage = lazyPage(
  () => import('./pages/backups/BackupAssetPage.js'),
  'BackupAssetPage',
);
const BackupsPage = lazyPage(() => import('./pages/backups/BackupsPage.js'), 'BackupsPage');
const ControlPage = lazyPage(() => import('./pages/catalog/ControlPage.js'), 'ControlPage');
const CertificatesPage = lazyPage(
  () => import('./pages/certificates/CertificatesPage.js'),
  'CertificatesPage',
);
const CertificatePage = lazyPage(
  () => import('./pages/certificates/CertificatePage.js'),
  'CertificatePage',
);
const ControlsListPage = lazyPage(
  () => import('./pages/catalog/ControlsListPage.js'),
  'ControlsListPage',
);
const FrameworkPage = lazyPage(() => import('./pages/catalog/FrameworkPage.js'), 'FrameworkPage');
const FrameworksListPage = lazyPage(
  () => import('./pages/catalog/FrameworksListPage.js'),
  'FrameworksListPage',
);
const LoginPage = lazyPage(() => import('./pages/auth/LoginPage.js'), 'LoginPage');
const SetupPage = lazyPage(() => import('./pages/auth/SetupPage.js'), 'SetupPage');
const SignedInAgainPage = lazyPage(
  () => import('./pages/auth/SignedInAgainPage.js'),
  'SignedInAgainPage',
);
const HomePage = lazyPage(() => import('./pages/dashboard/HomePage.js'), 'HomePage');
const MatrixPage = lazyPage(() => import('./pages/matrix/MatrixPage.js'), 'MatrixPage');
const NonconformancesPage = lazyPage(
  () => import('./pages/nonconformances/NonconformancesPage.js'),
  'NonconformancesPage',
);
const NonconformancePage = lazyPage(
  () => import('./pages/nonconformances/NonconformancePage.js'),
  'NonconformancePage',
);
const RaiseNonconformancePage = lazyPage(
  () => import('./pages/nonconformances/RaiseNonconformancePage.js'),
  'RaiseNonconformancePage',
);
const CapaPage = lazyPage(() => import('./pages/capas/CapaPage.js'), 'CapaPage');
const CapasPage = lazyPage(() => import('./pages/capas/CapasPage.js'), 'CapasPage');
const OpenCapaPage = lazyPage(() => import('./pages/capas/OpenCapaPage.js'), 'OpenCapaPage');
const ChangePage = lazyPage(() => import('./pages/changes/ChangePage.js'), 'ChangePage');
const ChangesPage = lazyPage(() => import('./pages/changes/ChangesPage.js'), 'ChangesPage');
const IncidentPage = lazyPage(() => import('./pages/incidents/IncidentPage.js'), 'IncidentPage');
const IncidentsPage = lazyPage(() => import('./pages/incidents/IncidentsPage.js'), 'IncidentsPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage.js'), 'NotFoundPage');
const PosturePage = lazyPage(() => import('./pages/posture/PosturePage.js'), 'PosturePage');
const DrExerciseFormPage = lazyPage(
  () => import('./pages/recovery/DrExerciseFormPage.js'),
  'DrExerciseFormPage',
);
const DrExercisePage = lazyPage(
  () => import('./pages/recovery/DrExercisePage.js'),
  'DrExercisePage',
);
const DrExercisesPage = lazyPage(
  () => import('./pages/recovery/DrExercisesPage.js'),
  'DrExercisesPage',
);
const RestoreTestFormPage = lazyPage(
  () => import('./pages/recovery/RestoreTestFormPage.js'),
  'RestoreTestFormPage',
);
const RestoreTestPage = lazyPage(
  () => import('./pages/recovery/RestoreTestPage.js'),
  'RestoreTestPage',
);
const RestoreTestsPage = lazyPage(
  () => import('./pages/recovery/RestoreTestsPage.js'),
  'RestoreTestsPage',
);
const Soc2A12Page = lazyPage(() => import('./pages/soc2-a12/Soc2A12Page.js'), 'Soc2A12Page');
const ProcessCreatePage = lazyPage(
  () => import('./pages/processes/ProcessCreatePage.js'),
  'ProcessCreatePage',
);
const ProcessDetailPage = lazyPage(
  () => import('./pages/processes/ProcessDetailPage.js'),
  'ProcessDetailPage',
);
const ProcessEditPage = lazyPage(
  () => import('./pages/processes/ProcessEditPage.js'),
  'ProcessEditPage',
);
const ProcessesListPage = lazyPage(
  () => import('./pages/processes/ProcessesListPage.js'),
  'ProcessesListPage',
);
const EffectivenessReportPage = lazyPage(
  () => import('./pages/reports/EffectivenessReportPage.js'),
  'EffectivenessReportPage',
);
const WalkthroughPage = lazyPage(
  () => import('./pages/walkthrough/WalkthroughPage.js'),
  'WalkthroughPage',
);
const PacksPage = lazyPage(() => import('./pages/packs/PacksPage.js'), 'PacksPage');
const ReviewCampaignPage = lazyPage(
  () => import('./pages/reviews/ReviewCampaignPage.js'),
  'ReviewCampaignPage',
);
const ReviewsListPage = lazyPage(
  () => import('./pages/reviews/ReviewsListPage.js'),
  'ReviewsListPage',
);
const SupplierCreatePage = lazyPage(
  () => import('./pages/suppliers/SupplierCreatePage.js'),
  'SupplierCreatePage',
);
const SupplierDetailPage = lazyPage(
  () => import('./pages/suppliers/SupplierDetailPage.js'),
  'SupplierDetailPage',
);
const SupplierEditPage = lazyPage(
  () => import('./pages/suppliers/SupplierEditPage.js'),
  'SupplierEditPage',
);
const SuppliersListPage = lazyPage(
  () => import('./pages/suppliers/SuppliersListPage.js'),
  'SuppliersListPage',
);
const SupplierReviewPage = lazyPage(
  () => import('./pages/supplier-reviews/SupplierReviewPage.js'),
  'SupplierReviewPage',
);
const SupplierReviewsPage = lazyPage(
  () => import('./pages/supplier-reviews/SupplierReviewsPage.js'),
  'SupplierReviewsPage',
);
const MyWorkPage = lazyPage(() => import('./pages/work/MyWorkPage.js'), 'MyWorkPage');
const CalendarPage = lazyPage(() => import('./pages/calendar/CalendarPage.js'), 'CalendarPage');
const OccurrencePage = lazyPage(() => import('./pages/work/OccurrencePage.js'), 'OccurrencePage');
const WorkOrderCreatePage = lazyPage(
  () => import('./pages/work-orders/WorkOrderCreatePage.js'),
  'WorkOrderCreatePage',
);
const WorkOrderPage = lazyPage(
  () => import('./pages/work-orders/WorkOrderPage.js'),
  'WorkOrderPage',
);
const WorkOrdersListPage = lazyPage(
  () => import('./pages/work-orders/WorkOrdersListPage.js'),
  'WorkOrdersListPage',
);
const FindingPage = lazyPage(() => import('./pages/findings/FindingPage.js'), 'FindingPage');
const FindingsPage = lazyPage(() => import('./pages/findings/FindingsPage.js'), 'FindingsPage');
const AccountsPage = lazyPage(() => import('./pages/access/AccountsPage.js'), 'AccountsPage');
const PeoplePage = lazyPage(() => import('./pages/access/PeoplePage.js'), 'PeoplePage');
const AccessReviewPage = lazyPage(
  () => import('./pages/access/AccessReviewPage.js'),
  'AccessReviewPage',
);
const AccessReviewsPage = lazyPage(
  () => import('./pages/access/AccessReviewsPage.js'),
  'AccessReviewsPage',
);
const AccessRequestsPage = lazyPage(
  () => import('./pages/access/AccessRequestsPage.js'),
  'AccessRequestsPage',
);
const DocumentPage = lazyPage(() => import('./pages/documents/DocumentPage.js'), 'DocumentPage');
const DocumentsPage = lazyPage(() => import('./pages/documents/DocumentsPage.js'), 'DocumentsPage');
const MyTrainingPage = lazyPage(
  () => import('./pages/training/MyTrainingPage.js'),
  'MyTrainingPage',
);
const TrainingAssignmentPage = lazyPage(
  () => import('./pages/training/TrainingAssignmentPage.js'),
  'TrainingAssignmentPage',
);
const TrainingRegisterPage = lazyPage(
  () => import('./pages/training/TrainingRegisterPage.js'),
  'TrainingRegisterPage',
);

/**
 * A page at its address: for the signed-in pages, with the permission the page needs; `prefetch`
 * starts its first data when the app opens at its address (preloadPageAt).
 */
type PageRoute = ({ index: true } | { path: string }) & {
  page: LazyPage;
  permission?: Permission;
  prefetch?: PagePrefetch;
};

/** Pages shown to anyone: signing in, setting up, accepting an invitation. */
const PUBLIC_PAGES: PageRoute[] = [
  { path: '/login', page: LoginPage },
  { path: '/setup', page: SetupPage },
  { path: '/auditor-invitation', page: AuditorInvitationPage },
  { path: '/signed-in-again', page: SignedInAgainPage },
];

/** Pages of a signed-in person, inside the layout; the last one answers every other address. */
const SIGNED_IN_PAGES: PageRoute[] = [
  { index: true, page: HomePage, permission: 'register:read', prefetch: prefetchDashboard },
  {
    path: 'assets',
    page: AssetsListPage,
    permission: 'register:read',
    prefetch: prefetchAssetsList,
  },
  { path: 'certificates', page: CertificatesPage, permission: 'register:read' },
  { path: 'certificates/:id', page: CertificatePage, permission: 'register:read' },
  { path: 'assets/new', page: AssetCreatePage, permission: 'register:write' },
  { path: 'assets/:key', page: AssetDetailPage, permission: 'register:read' },
  { path: 'assets/:key/edit', page: AssetEditPage, permission: 'register:write' },
  { path: 'suppliers', page: SuppliersListPage, permission: 'register:read' },
  { path: 'supplier-reviews', page: SupplierReviewsPage, permission: 'register:read' },
  { path: 'supplier-reviews/:id', page: SupplierReviewPage, permission: 'register:read' },
  { path: 'suppliers/new', page: SupplierCreatePage, permission: 'register:write' },
  { path: 'suppliers/:key', page: SupplierDetailPage, permission: 'register:read' },
  { path: 'suppliers/:key/edit', page: SupplierEditPage, permission: 'register:write' },
  { path: 'processes', page: ProcessesListPage, permission: 'register:read' },
  { path: 'processes/new', page: ProcessCreatePage, permission: 'register:write' },
  { path: 'processes/:key', page: ProcessDetailPage, permission: 'register:read' },
  { path: 'processes/:key/walkthrough', page: WalkthroughPage, permission: 'reports:read' },
  { path: 'processes/:key/edit', page: ProcessEditPage, permission: 'register:write' },
  { path: 'matrix', page: MatrixPage, permission: 'register:read' },
  { path: 'backups', page: BackupsPage, permission: 'backups:read' },
  { path: 'backups/assets/:key', page: BackupAssetPage, permission: 'backups:read' },
  { path: 'reviews', page: ReviewsListPage, permission: 'register:read' },
  { path: 'reviews/:id', page: ReviewCampaignPage, permission: 'register:read' },
  { path: 'frameworks', page: FrameworksListPage, permission: 'catalog:read' },
  { path: 'frameworks/:key', page: FrameworkPage, permission: 'catalog:read' },
  { path: 'controls', page: ControlsListPage, permission: 'catalog:read' },
  { path: 'controls/:key', page: ControlPage, permission: 'catalog:read' },
  { path: 'work', page: MyWorkPage, permission: 'work:read' },
  { path: 'calendar', page: CalendarPage, permission: 'work:read' },
  { path: 'work/occurrences/:id', page: OccurrencePage, permission: 'work:read' },
  { path: 'work-orders', page: WorkOrdersListPage, permission: 'work:read' },
  { path: 'work-orders/new', page: WorkOrderCreatePage, permission: 'work:perform' },
  { path: 'work-orders/:id', page: WorkOrderPage, permission: 'work:read' },
  { path: 'nonconformances', page: NonconformancesPage, permission: 'work:read' },
  {
    path: 'nonconformances/new',
    page: RaiseNonconformancePage,
    permission: 'nonconformance:manage',
  },
  { path: 'nonconformances/:id', page: NonconformancePage, permission: 'work:read' },
  { path: 'capas', page: CapasPage, permission: 'work:read' },
  { path: 'capas/new', page: OpenCapaPage, permission: 'nonconformance:manage' },
  { path: 'capas/:id', page: CapaPage, permission: 'work:read' },
  { path: 'posture', page: PosturePage, permission: 'posture:read' },
  { path: 'restore-tests', page: RestoreTestsPage, permission: 'work:read' },
  { path: 'restore-tests/new', page: RestoreTestFormPage, permission: 'work:perform' },
  { path: 'restore-tests/:id', page: RestoreTestPage, permission: 'work:read' },
  { path: 'dr-exercises', page: DrExercisesPage, permission: 'work:read' },
  { path: 'dr-exercises/new', page: DrExerciseFormPage, permission: 'work:perform' },
  { path: 'dr-exercises/:id', page: DrExercisePage, permission: 'work:read' },
  { path: 'incidents', page: IncidentsPage, permission: 'incidents:read' },
  { path: 'incidents/:id', page: IncidentPage, permission: 'incidents:read' },
  { path: 'changes', page: ChangesPage, permission: 'changes:read' },
  { path: 'changes/:id', page: ChangePage, permission: 'changes:read' },
  { path: 'soc2/a1-2', page: Soc2A12Page, permission: 'posture:read' },
  { path: 'reports/effectiveness', page: EffectivenessReportPage, permission: 'reports:read' },
  { path: 'reports/packs', page: PacksPage, permission: 'reports:read' },
  { path: 'audit', page: AuditLogPage, permission: 'audit:read' },
  { path: 'admin/users', page: UsersPage, permission: 'users:manage' },
  { path: 'admin/tokens', page: ApiTokensPage, permission: 'tokens:manage' },
  { path: 'admin/auditor-access', page: AuditorAccessPage, permission: 'users:manage' },
  { path: 'admin/outbox', page: OutboxPage, permission: 'notifications:read' },
  { path: 'findings', page: FindingsPage, permission: 'work:read' },
  { path: 'findings/:id', page: FindingPage, permission: 'work:read' },
  { path: 'people', page: PeoplePage, permission: 'people:read' },
  { path: 'accounts', page: AccountsPage, permission: 'accounts:read' },
  { path: 'accounts/:key', page: AccountsPage, permission: 'accounts:read' },
  { path: 'access-requests', page: AccessRequestsPage, permission: 'accounts:read' },
  { path: 'access-reviews', page: AccessReviewsPage, permission: 'accounts:read' },
  { path: 'access-reviews/:id', page: AccessReviewPage, permission: 'accounts:read' },
  { path: 'documents', page: DocumentsPage, permission: 'documents:read' },
  { path: 'documents/:key', page: DocumentPage, permission: 'documents:read' },
  { path: 'training', page: MyTrainingPage, permission: 'training:complete' },
  { path: 'training/register', page: TrainingRegisterPage, permission: 'training:read' },
  { path: 'training/:id', page: TrainingAssignmentPage, permission: 'training:complete' },
  { path: '*', page: NotFoundPage },
];

/** While a page's code loads, the layout stays and the page area shows a spinner. */
function routeTo(route: PageRoute): RouteObject {
  const Page = route.page;
  const loaded = <Suspense fallback={<Loading />}>{<Page />}</Suspense>;
  const element = route.permission ? (
    <RequirePermission permission={route.permission}>{loaded}</RequirePermission>
  ) : (
    loaded
  );
  const handle: PageHandle = { route };
  return 'index' in route
    ? { index: true, element, handle }
    : { path: route.path, element, handle };
}

interface PageHandle {
  route: PageRoute;
}

/** Every page of the app. The server answers any of these paths with index.html. */
const ROUTES: RouteObject[] = [
  ...PUBLIC_PAGES.map(routeTo),
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: SIGNED_IN_PAGES.map(routeTo),
  },
];

export function AppRoutes() {
  return useRoutes(ROUTES);
}

/**
 * Starts loading the page at the address the app opens at while the session check is under way,
 * and its first data as soon as the check answers (docs/performance.md, web first load): otherwise
 * the page's chunk is asked for only once the session has answered, and its data only once the
 * page has rendered.
 */
export function preloadPageAt(
  location: { pathname: string; search: string },
  clients: FirstLoadClients,
  session: Promise<SessionView>,
): void {
  const match = matchRoutes(ROUTES, location.pathname)?.at(-1);
  const route = (match?.route.handle as PageHandle | undefined)?.route;
  route?.page.preload();
  session.then(
    (answer) => {
      const { user } = answer;
      if (!route?.prefetch || !answer.authenticated || answer.state !== 'active' || !user) return;
      // Nothing is read ahead for a role the page would not be shown to (RequirePermission).
      if (route.permission && !can(user.role, route.permission)) return;
      route.prefetch(clients, { location, session: { ...answer, user } });
    },
    // The session query shows its own failure.
    () => undefined,
  );
}
