import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { liveLabRoutes } from './features/live/routes';
import { proposalLabRoutes } from './features/proposals/routes';
import { proposalReviewLabRoutes } from './features/proposal-review/routes';
import { pitchLabRoutes } from './features/pitches/routes';
import { fundingLabRoutes } from './features/funding/routes';
import { reviewLabRoutes } from './features/review/routes';
import { selectionLabRoutes } from './features/selection/routes';
import { workshopLabRoutes } from './features/workshop/routes';
import { formationLabRoutes } from './features/formation/routes';
import { ideasLabRoutes } from './features/ideas/routes';
import { RequireSignIn } from './components/session';
import { lazyPage } from './lib/lazy-page';
import { OrganiserOnly } from './pages/lab/organiser-only';

// Every screen is a chunk of its own, loaded when first shown.
const AcceptInvitationPage = lazyPage(
  () => import('./pages/accept-invitation-page'),
  'AcceptInvitationPage',
);
const AccountPage = lazyPage(() => import('./pages/account-page'), 'AccountPage');
const ApplicationEditPage = lazyPage(
  () => import('./pages/applications/application-edit-page'),
  'ApplicationEditPage',
);
const ApplicationStatusPage = lazyPage(
  () => import('./pages/applications/application-status-page'),
  'ApplicationStatusPage',
);
const ApplyPage = lazyPage(() => import('./pages/applications/apply-page'), 'ApplyPage');
const MyApplicationsPage = lazyPage(
  () => import('./pages/applications/my-applications-page'),
  'MyApplicationsPage',
);
const CallPage = lazyPage(() => import('./pages/call-page'), 'CallPage');
const CallsPage = lazyPage(() => import('./pages/calls-page'), 'CallsPage');
const CreateLabPage = lazyPage(() => import('./pages/create-lab-page'), 'CreateLabPage');
const HomePage = lazyPage(() => import('./pages/home-page'), 'HomePage');
const LabApplicationsPage = lazyPage(
  () => import('./pages/lab/lab-applications-page'),
  'LabApplicationsPage',
);
const LabApplicationPage = lazyPage(
  () => import('./pages/lab/lab-application-page'),
  'LabApplicationPage',
);
const LabAuditPage = lazyPage(() => import('./pages/lab/lab-audit-page'), 'LabAuditPage');
const LabFormEditorPage = lazyPage(
  () => import('./pages/lab/lab-form-editor-page'),
  'LabFormEditorPage',
);
const LabFunnelPage = lazyPage(() => import('./pages/lab/lab-funnel-page'), 'LabFunnelPage');
const LabLayout = lazyPage(() => import('./pages/lab/lab-layout'), 'LabLayout');
const LabOverviewPage = lazyPage(() => import('./pages/lab/lab-overview-page'), 'LabOverviewPage');
const LabPeoplePage = lazyPage(() => import('./pages/lab/lab-people-page'), 'LabPeoplePage');
const LabSettingsPage = lazyPage(() => import('./pages/lab/lab-settings-page'), 'LabSettingsPage');
const LabsPage = lazyPage(() => import('./pages/labs-page'), 'LabsPage');
const LoginPage = lazyPage(() => import('./pages/login-page'), 'LoginPage');
const NotFoundPage = lazyPage(() => import('./pages/not-found-page'), 'NotFoundPage');
const SignUpPage = lazyPage(() => import('./pages/sign-up-page'), 'SignUpPage');

const signedIn = (page: ReactNode) => <RequireSignIn>{page}</RequireSignIn>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="calls" element={<CallsPage />} />
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
            path="applications/:applicationId"
            element={
              <OrganiserOnly>
                <LabApplicationPage />
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
          {ideasLabRoutes()}
          {formationLabRoutes()}
          {liveLabRoutes()}
          {proposalLabRoutes()}
          {proposalReviewLabRoutes()}
          {pitchLabRoutes()}
          {fundingLabRoutes()}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
