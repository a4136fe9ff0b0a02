import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Permission } from './api/types.js';
import { RequirePermission } from './auth/RequirePermission.js';
import { RequireSession } from './auth/RequireSession.js';
import { AppLayout } from './layout/AppLayout.js';
import { ApiTokensPage } from './pages/admin/ApiTokensPage.js';
import { UsersPage } from './pages/admin/UsersPage.js';
import { OutboxPage } from './pages/admin/OutboxPage.js';
import { AuditorAccessPage } from './pages/auditor-access/AuditorAccessPage.js';
import { AuditorInvitationPage } from './pages/auth/AuditorInvitationPage.js';
import { AssetCreatePage } from './pages/assets/AssetCreatePage.js';
import { AssetDetailPage } from './pages/assets/AssetDetailPage.js';
import { AssetEditPage } from './pages/assets/AssetEditPage.js';
import { AssetsListPage } from './pages/assets/AssetsListPage.js';
import { AuditLogPage } from './pages/audit/AuditLogPage.js';
import { BackupAssetPage } from './pages/backups/BackupAssetPage.js';
import { BackupsPage } from './pages/backups/BackupsPage.js';
import { ControlPage } from './pages/catalog/ControlPage.js';
import { CertificatesPage } from './pages/certificates/CertificatesPage.js';
import { CertificatePage } from './pages/certificates/CertificatePage.js';
import { ControlsListPage } from './pages/catalog/ControlsListPage.js';
import { FrameworkPage } from './pages/catalog/FrameworkPage.js';
import { FrameworksListPage } from './pages/catalog/FrameworksListPage.js';
import { LoginPage } from './pages/auth/LoginPage.js';
import { SetupPage } from './pages/auth/SetupPage.js';
import { HomePage } from './pages/dashboard/HomePage.js';
import { MatrixPage } from './pages/matrix/MatrixPage.js';
import { NonconformancesPage } from './pages/nonconformances/NonconformancesPage.js';
import { RaiseNonconformancePage } from './pages/nonconformances/RaiseNonconformancePage.js';
import { CapaPage } from './pages/capas/CapaPage.js';
import { CapasPage } from './pages/capas/CapasPage.js';
import { OpenCapaPage } from './pages/capas/OpenCapaPage.js';
import { ChangePage } from './pages/changes/ChangePage.js';
import { ChangesPage } from './pages/changes/ChangesPage.js';
import { IncidentPage } from './pages/incidents/IncidentPage.js';
import { IncidentsPage } from './pages/incidents/IncidentsPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PosturePage } from './pages/posture/PosturePage.js';
import { DrExerciseFormPage } from './pages/recovery/DrExerciseFormPage.js';
import { DrExercisePage } from './pages/recovery/DrExercisePage.js';
import { DrExercisesPage } from './pages/recovery/DrExercisesPage.js';
import { RestoreTestFormPage } from './pages/recovery/RestoreTestFormPage.js';
import { RestoreTestPage } from './pages/recovery/RestoreTestPage.js';
import { RestoreTestsPage } from './pages/recovery/RestoreTestsPage.js';
import { Soc2A12Page } from './pages/soc2-a12/Soc2A12Page.js';
import { ProcessCreatePage } from './pages/processes/ProcessCreatePage.js';
import { ProcessDetailPage } from './pages/processes/ProcessDetailPage.js';
import { ProcessEditPage } from './pages/processes/ProcessEditPage.js';
import { ProcessesListPage } from './pages/processes/ProcessesListPage.js';
import { EffectivenessReportPage } from './pages/reports/EffectivenessReportPage.js';
import { WalkthroughPage } from './pages/walkthrough/WalkthroughPage.js';
import { PacksPage } from './pages/packs/PacksPage.js';
import { ReviewCampaignPage } from './pages/reviews/ReviewCampaignPage.js';
import { ReviewsListPage } from './pages/reviews/ReviewsListPage.js';
import { SupplierCreatePage } from './pages/suppliers/SupplierCreatePage.js';
import { SupplierDetailPage } from './pages/suppliers/SupplierDetailPage.js';
import { SupplierEditPage } from './pages/suppliers/SupplierEditPage.js';
import { SuppliersListPage } from './pages/suppliers/SuppliersListPage.js';
import { SupplierReviewPage } from './pages/supplier-reviews/SupplierReviewPage.js';
import { SupplierReviewsPage } from './pages/supplier-reviews/SupplierReviewsPage.js';
import { MyWorkPage } from './pages/work/MyWorkPage.js';
import { OccurrencePage } from './pages/work/OccurrencePage.js';
import { WorkOrderCreatePage } from './pages/work-orders/WorkOrderCreatePage.js';
import { WorkOrderPage } from './pages/work-orders/WorkOrderPage.js';
import { WorkOrdersListPage } from './pages/work-orders/WorkOrdersListPage.js';
import { FindingPage } from './pages/findings/FindingPage.js';
import { FindingsPage } from './pages/findings/FindingsPage.js';
import { AccountsPage } from './pages/access/AccountsPage.js';
import { PeoplePage } from './pages/access/PeoplePage.js';
import { AccessReviewPage } from './pages/access/AccessReviewPage.js';
import { AccessReviewsPage } from './pages/access/AccessReviewsPage.js';
import { AccessRequestsPage } from './pages/access/AccessRequestsPage.js';
import { DocumentPage } from './pages/documents/DocumentPage.js';
import { DocumentsPage } from './pages/documents/DocumentsPage.js';
import { MyTrainingPage } from './pages/training/MyTrainingPage.js';
import { TrainingAssignmentPage } from './pages/training/TrainingAssignmentPage.js';
import { TrainingRegisterPage } from './pages/training/TrainingRegisterPage.js';

function allowed(permission: Permission, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

/** Every page of the app. The server answers any of these paths with index.html. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/auditor-invitation" element={<AuditorInvitationPage />} />
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
        <Route path="work/occurrences/:id" element={allowed('work:read', <OccurrencePage />)} />
        <Route path="work-orders" element={allowed('work:read', <WorkOrdersListPage />)} />
        <Route path="work-orders/new" element={allowed('work:perform', <WorkOrderCreatePage />)} />
        <Route path="work-orders/:id" element={allowed('work:read', <WorkOrderPage />)} />
        <Route path="nonconformances" element={allowed('work:read', <NonconformancesPage />)} />
        <Route
          path="nonconformances/new"
          element={allowed('nonconformance:manage', <RaiseNonconformancePage />)}
        />
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
