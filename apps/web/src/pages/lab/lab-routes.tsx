import { Link, Route, Routes, useParams } from 'react-router-dom';
import { liveLabRoutes } from '../../features/live/routes';
import { proposalLabRoutes } from '../../features/proposals/routes';
import { proposalReviewLabRoutes } from '../../features/proposal-review/routes';
import { pitchLabRoutes } from '../../features/pitches/routes';
import { fundingLabRoutes } from '../../features/funding/routes';
import { reviewLabRoutes } from '../../features/review/routes';
import { selectionLabRoutes } from '../../features/selection/routes';
import { workshopLabRoutes } from '../../features/workshop/routes';
import { formationLabRoutes } from '../../features/formation/routes';
import { ideasLabRoutes } from '../../features/ideas/routes';
import { queryClient } from '../../api/http';
import { labQueries } from '../../api/labs';
import { lazyPage, type LazyPage } from '../../lib/lazy-page';
import { applicationsViewOf } from './lab-applications-view';
import { OrganiserOnly } from './organiser-only';
import cardStyles from '../../components/card.module.css';

// The lab's frame comes in the same chunk as its routes (the app loads both from here).
export { LabLayout } from './lab-layout';

const LabApplicationsPage = lazyPage(
  () => import('./lab-applications-page'),
  'LabApplicationsPage',
);
const LabApplicationPage = lazyPage(() => import('./lab-application-page'), 'LabApplicationPage');
const LabAuditPage = lazyPage(() => import('./lab-audit-page'), 'LabAuditPage');
const LabFormEditorPage = lazyPage(() => import('./lab-form-editor-page'), 'LabFormEditorPage');
const LabFunnelPage = lazyPage(() => import('./lab-funnel-page'), 'LabFunnelPage');
const LabOverviewPage = lazyPage(() => import('./lab-overview-page'), 'LabOverviewPage');
const LabPeoplePage = lazyPage(() => import('./lab-people-page'), 'LabPeoplePage');
const LabSettingsPage = lazyPage(() => import('./lab-settings-page'), 'LabSettingsPage');

/**
 * What a lab's screen needs before it renders, by its path under /labs/:labId/ (the index is
 * ''): its code, and the data its first render asks for.
 */
const PRELOADS: Record<string, { page: LazyPage; data?: (labId: string, search: string) => void }> =
  {
    '': { page: LabOverviewPage },
    applications: {
      page: LabApplicationsPage,
      data: (labId, search) =>
        void queryClient.prefetchQuery(
          applicationsViewOf(labId, new URLSearchParams(search)).query,
        ),
    },
  };

/**
 * Loads, when a lab's address is opened, what its frame and screen will ask for: the lab, the
 * screen's code and its data, all at once and beside the session's restore, instead of each
 * after the one before has rendered (app.tsx calls it at start-up with the address).
 */
export function preloadLabPage(labId: string, path: string, search: string): void {
  void queryClient.prefetchQuery(labQueries.view(labId));
  const preload = PRELOADS[path.replace(/\/$/, '')];
  if (!preload) return;
  void preload.page.preload();
  preload.data?.(labId, search);
}

/**
 * The screens of one lab (/labs/:labId/…), rendered in the frame's outlet. They are routed
 * here rather than in app.tsx so that every feature's routes, guards and tab rules load with
 * the lab's frame, not in the first chunk the login and call pages load.
 */
export function LabRoutes() {
  return (
    <Routes>
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

      <Route path="*" element={<LabPageNotFound />} />
    </Routes>
  );
}

/** An address inside a lab that names no screen: said in the lab's frame, with the way back. */
function LabPageNotFound() {
  const { labId = '' } = useParams();
  return (
    <section className={cardStyles.card} aria-labelledby="lab-page-not-found">
      <h2 id="lab-page-not-found">Page not found</h2>
      <p>This lab has no page at this address.</p>
      <p>
        <Link to={`/labs/${labId}`}>Go to the lab&apos;s overview</Link>
      </p>
    </section>
  );
}
