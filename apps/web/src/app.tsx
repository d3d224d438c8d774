import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { RequireSignIn } from './components/session';
import { lazyPage } from './lib/lazy-page';

// Every screen is a chunk of its own, loaded when first shown. A lab's screens are routed
// inside the lab's frame (pages/lab/lab-routes.tsx), one chunk with it: the routes of every
// feature stay out of the first chunk, which the login and call pages load.
const LabLayout = lazyPage(() => import('./pages/lab/lab-routes'), 'LabLayout');
const LabRoutes = lazyPage(() => import('./pages/lab/lab-routes'), 'LabRoutes');
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
          {/* The index too: `labs/:labId` alone outranks its `*` child, and its outlet is then
              empty (the lab's overview rendered blank). */}
          <Route index element={<LabRoutes />} />
          <Route path="*" element={<LabRoutes />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
