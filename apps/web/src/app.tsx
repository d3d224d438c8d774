import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { liveLabRoutes } from './features/live/routes';
import { reviewLabRoutes } from './features/review/routes';
import { selectionLabRoutes } from './features/selection/routes';
import { workshopLabRoutes } from './features/workshop/routes';
import { RequireSignIn } from './components/session';
import { AcceptInvitationPage } from './pages/accept-invitation-page';
import { AccountPage } from './pages/account-page';
import { ApplicationEditPage } from './pages/applications/application-edit-page';
import { ApplicationStatusPage } from './pages/applications/application-status-page';
import { ApplyPage } from './pages/applications/apply-page';
import { MyApplicationsPage } from './pages/applications/my-applications-page';
import { CallPage } from './pages/call-page';
import { CreateLabPage } from './pages/create-lab-page';
import { HomePage } from './pages/home-page';
import { LabApplicationsPage } from './pages/lab/lab-applications-page';
import { LabAuditPage } from './pages/lab/lab-audit-page';
import { LabFormEditorPage } from './pages/lab/lab-form-editor-page';
import { LabFunnelPage } from './pages/lab/lab-funnel-page';
import { LabLayout } from './pages/lab/lab-layout';
import { LabOverviewPage } from './pages/lab/lab-overview-page';
import { LabPeoplePage } from './pages/lab/lab-people-page';
import { LabSettingsPage } from './pages/lab/lab-settings-page';
import { OrganiserOnly } from './pages/lab/organiser-only';
import { LabsPage } from './pages/labs-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignUpPage } from './pages/sign-up-page';

const signedIn = (page: ReactNode) => <RequireSignIn>{page}</RequireSignIn>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="call/:slug" element={<CallPage />} />
        <Route path="call/:slug/apply" element={signedIn(<ApplyPage />)} />
        <Route path="applications" element={signedIn(<MyApplicationsPage />)} />
        <Route path="applications/:applicationId" element={signedIn(<ApplicationStatusPage />)} />
        <Route
          path="applications/:applicationId/edit"
          element={signedIn(<ApplicationEditPage />)}
        />
        <Route path="invitations/:token" element={<AcceptInvitationPage />} />
        <Route path="account" element={signedIn(<AccountPage />)} />
        <Route path="labs" element={signedIn(<LabsPage />)} />
        <Route path="labs/new" element={signedIn(<CreateLabPage />)} />
        <Route path="labs/:labId" element={signedIn(<LabLayout />)}>
          <Route index element={<LabOverviewPage />} />
          <Route
            path="settings"
            element={
              <OrganiserOnly>
                <LabSettingsPage />
              </OrganiserOnly>
            }
          />
          <Route
            path="people"
            element={
              <OrganiserOnly>
                <LabPeoplePage />
              </OrganiserOnly>
            }
          />
          <Route
            path="form"
            element={
              <OrganiserOnly>
                <LabFormEditorPage />
              </OrganiserOnly>
            }
          />
          <Route
            path="applications"
            element={
              <OrganiserOnly>
                <LabApplicationsPage />
              </OrganiserOnly>
            }
          />
          <Route
            path="funnel"
            element={
              <OrganiserOnly>
                <LabFunnelPage />
              </OrganiserOnly>
            }
          />
          <Route
            path="audit"
            element={
              <OrganiserOnly>
                <LabAuditPage />
              </OrganiserOnly>
            }
          />
          {reviewLabRoutes()}
          {selectionLabRoutes()}
          {workshopLabRoutes()}
          {liveLabRoutes()}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
