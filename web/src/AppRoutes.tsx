import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from './api/types.js';
import { RequirePermission } from './auth/RequirePermission.js';
import { RequireSession } from './auth/RequireSession.js';
import { Loading } from './components/Loading.js';
import { AppLayout } from './layout/AppLayout.js';

/**
 * A page loaded when it is first shown: each page is its own chunk, so the first page ships only
 * its own code and what it shares (docs/performance.md, web first load). Pages export by name.
 */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
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

/** While a page's code loads, the layout stays and the page area shows a spinner. */
function loaded(page: ReactNode) {
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}

function allowed(permission: Permission, page: ReactNode) {
  return <RequirePermission permission={permission}>{loaded(page)}</RequirePermission>;
}

/** Every page of the app. The server answers any of these paths with index.html. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={loaded(<LoginPage />)} />
      <Route path="/setup" element={loaded(<SetupPage />)} />
      <Route path="/auditor-invitation" element={loaded(<AuditorInvitationPage />)} />
      <Route path="/signed-in-again" element={loaded(<SignedInAgainPage />)} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={allowed('register:read', <HomePage />)} />
        <Route path="assets" element={allowed('register:read', <AssetsListPage />)} />
        <Route path="certificates" element={allowed('register:read', <CertificatesPage />)} />
        <Route path="certificates/:id" element={allowed('register:read', <CertificatePage />)} />
        <Route path="assets/new" element={allowed('register:write', <AssetCreatePage />)} />
        <Route path="assets/:key" element={allowed('register:read', <AssetDetailPage />)} />
        <Route path="assets/:key/edit" element={allowed('register:write', <AssetEditPage />)} />
        <Route path="suppliers" element={allowed('register:read', <SuppliersListPage />)} />
        <Route
          path="supplier-reviews"
          element={allowed('register:read', <SupplierReviewsPage />)}
        />
        <Route
          path="supplier-reviews/:id"
          element={allowed('register:read', <SupplierReviewPage />)}
        />
        <Route path="suppliers/new" element={allowed('register:write', <SupplierCreatePage />)} />
        <Route path="suppliers/:key" element={allowed('register:read', <SupplierDetailPage />)} />
        <Route
          path="suppliers/:key/edit"
          element={allowed('register:write', <SupplierEditPage />)}
        />
        <Route path="processes" element={allowed('register:read', <ProcessesListPage />)} />
        <Route path="processes/new" element={allowed('register:write', <ProcessCreatePage />)} />
        <Route path="processes/:key" element={allowed('register:read', <ProcessDetailPage />)} />
        <Route
          path="processes/:key/walkthrough"
          element={allowed('reports:read', <WalkthroughPage />)}
        />
        <Route
          path="processes/:key/edit"
          element={allowed('register:write', <ProcessEditPage />)}
        />
        <Route path="matrix" element={allowed('register:read', <MatrixPage />)} />
        <Route path="backups" element={allowed('backups:read', <BackupsPage />)} />
        <Route path="backups/assets/:key" element={allowed('backups:read', <BackupAssetPage />)} />
        <Route path="reviews" element={allowed('register:read', <ReviewsListPage />)} />
        <Route path="reviews/:id" element={allowed('register:read', <ReviewCampaignPage />)} />
        <Route path="frameworks" element={allowed('catalog:read', <FrameworksListPage />)} />
        <Route path="frameworks/:key" element={allowed('catalog:read', <FrameworkPage />)} />
        <Route path="controls" element={allowed('catalog:read', <ControlsListPage />)} />
        <Route path="controls/:key" element={allowed('catalog:read', <ControlPage />)} />
        <Route path="work" element={allowed('work:read', <MyWorkPage />)} />
        <Route path="calendar" element={allowed('work:read', <CalendarPage />)} />
        <Route path="work/occurrences/:id" element={allowed('work:read', <OccurrencePage />)} />
        <Route path="work-orders" element={allowed('work:read', <WorkOrdersListPage />)} />
        <Route path="work-orders/new" element={allowed('work:perform', <WorkOrderCreatePage />)} />
        <Route path="work-orders/:id" element={allowed('work:read', <WorkOrderPage />)} />
        <Route path="nonconformances" element={allowed('work:read', <NonconformancesPage />)} />
        <Route
          path="nonconformances/new"
          element={allowed('nonconformance:manage', <RaiseNonconformancePage />)}
        />
        <Route path="nonconformances/:id" element={allowed('work:read', <NonconformancePage />)} />
        <Route path="capas" element={allowed('work:read', <CapasPage />)} />
        <Route path="capas/new" element={allowed('nonconformance:manage', <OpenCapaPage />)} />
        <Route path="capas/:id" element={allowed('work:read', <CapaPage />)} />
        <Route path="posture" element={allowed('posture:read', <PosturePage />)} />
        <Route path="restore-tests" element={allowed('work:read', <RestoreTestsPage />)} />
        <Route
          path="restore-tests/new"
          element={allowed('work:perform', <RestoreTestFormPage />)}
        />
        <Route path="restore-tests/:id" element={allowed('work:read', <RestoreTestPage />)} />
        <Route path="dr-exercises" element={allowed('work:read', <DrExercisesPage />)} />
        <Route path="dr-exercises/new" element={allowed('work:perform', <DrExerciseFormPage />)} />
        <Route path="dr-exercises/:id" element={allowed('work:read', <DrExercisePage />)} />
        <Route path="incidents" element={allowed('incidents:read', <IncidentsPage />)} />
        <Route path="incidents/:id" element={allowed('incidents:read', <IncidentPage />)} />
        <Route path="changes" element={allowed('changes:read', <ChangesPage />)} />
        <Route path="changes/:id" element={allowed('changes:read', <ChangePage />)} />
        <Route path="soc2/a1-2" element={allowed('posture:read', <Soc2A12Page />)} />
        <Route
          path="reports/effectiveness"
          element={allowed('reports:read', <EffectivenessReportPage />)}
        />
        <Route path="reports/packs" element={allowed('reports:read', <PacksPage />)} />
        <Route path="audit" element={allowed('audit:read', <AuditLogPage />)} />
        <Route path="admin/users" element={allowed('users:manage', <UsersPage />)} />
        <Route path="admin/tokens" element={allowed('tokens:manage', <ApiTokensPage />)} />
        <Route
          path="admin/auditor-access"
          element={allowed('users:manage', <AuditorAccessPage />)}
        />
        <Route path="admin/outbox" element={allowed('notifications:read', <OutboxPage />)} />
        <Route path="findings" element={allowed('work:read', <FindingsPage />)} />
        <Route path="findings/:id" element={allowed('work:read', <FindingPage />)} />
        <Route path="people" element={allowed('people:read', <PeoplePage />)} />
        <Route path="accounts" element={allowed('accounts:read', <AccountsPage />)} />
        <Route path="accounts/:key" element={allowed('accounts:read', <AccountsPage />)} />
        <Route path="access-requests" element={allowed('accounts:read', <AccessRequestsPage />)} />
        <Route path="access-reviews" element={allowed('accounts:read', <AccessReviewsPage />)} />
        <Route path="access-reviews/:id" element={allowed('accounts:read', <AccessReviewPage />)} />
        <Route path="documents" element={allowed('documents:read', <DocumentsPage />)} />
        <Route path="documents/:key" element={allowed('documents:read', <DocumentPage />)} />
        <Route path="training" element={allowed('training:complete', <MyTrainingPage />)} />
        <Route
          path="training/register"
          element={allowed('training:read', <TrainingRegisterPage />)}
        />
        <Route
          path="training/:id"
          element={allowed('training:complete', <TrainingAssignmentPage />)}
        />
        <Route path="*" element={loaded(<NotFoundPage />)} />
      </Route>
    </Routes>
  );
}
