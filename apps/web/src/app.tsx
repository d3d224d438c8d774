import { matchRoutes, useRoutes, type Params, type RouteObject } from 'react-router-dom';
import { Layout } from './components/layout';
import { RequireSignIn } from './components/session';
import { lazyModule, lazyPage, type LazyPage } from './lib/lazy-page';

// Every screen is a chunk of its own, loaded when first shown. A lab's screens are routed
// inside the lab's frame (pages/lab/lab-routes.tsx), one chunk with it: the routes of every
// feature stay out of the first chunk, which the login and call pages load.
const labFrame = lazyModule(() => import('./pages/lab/lab-routes'));
const LabLayout = labFrame.page('LabLayout');
const LabRoutes = labFrame.page('LabRoutes');
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

/** A route's screen, and how to load it ahead (`preloadRoute`). */
function screen(Page: LazyPage, signIn = false) {
  const preload: Preload = () => void Page.preload();
  return {
    element: signIn ? (
      <RequireSignIn>
        <Page />
      </RequireSignIn>
    ) : (
      <Page />
    ),
    handle: preload,
  };
}

/** Starts loading a route's code (and data) from its parameters and query string. */
type Preload = (params: Params, search: string) => void;

const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, ...screen(HomePage) },
      { path: 'login', ...screen(LoginPage) },
      { path: 'signup', ...screen(SignUpPage) },
      { path: 'calls', ...screen(CallsPage) },
      { path: 'call/:slug', ...screen(CallPage) },
      { path: 'call/:slug/apply', ...screen(ApplyPage, true) },
      { path: 'applications', ...screen(MyApplicationsPage, true) },
      { path: 'applications/:applicationId', ...screen(ApplicationStatusPage, true) },
      { path: 'applications/:applicationId/edit', ...screen(ApplicationEditPage, true) },
      { path: 'invitations/:token', ...screen(AcceptInvitationPage) },
      { path: 'account', ...screen(AccountPage, true) },
      { path: 'labs', ...screen(LabsPage, true) },
      { path: 'labs/new', ...screen(CreateLabPage, true) },
      {
        path: 'labs/:labId',
        ...screen(LabLayout, true),
        handle: ((params, search) =>
          void labFrame
            .preload()
            .then((m) =>
              m.preloadLabPage(params.labId ?? '', params['*'] ?? '', search),
            )) satisfies Preload,
        children: [
          // The index too: `labs/:labId` alone outranks its `*` child, and its outlet is then
          // empty (the lab's overview rendered blank).
          { index: true, element: <LabRoutes /> },
          { path: '*', element: <LabRoutes /> },
        ],
      },
      { path: '*', ...screen(NotFoundPage) },
    ],
  },
];

export function App() {
  return useRoutes(routes);
}

/**
 * Starts loading the code and data of the screen an address shows, at start-up while the
 * session is restored (main.tsx): the screen renders as soon as the session is known, instead
 * of fetching its chunks and then its data one after the other once it is.
 */
export function preloadRoute(location: { pathname: string; search: string }): void {
  for (const match of matchRoutes(routes, location.pathname) ?? []) {
    (match.route.handle as Preload | undefined)?.(match.params, location.search);
  }
}
