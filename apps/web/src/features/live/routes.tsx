import type { ReactNode } from 'react';
import { Navigate, Route, useParams } from 'react-router-dom';
import type { LabRole } from '../../api';
import { useUser } from '../../components/session';
import { useLab } from '../../pages/lab/lab-context';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { rolesIn } from '../../lib/roles';
import { lazyPage } from '../../lib/lazy-page';

const HelpQueuePage = lazyPage(() => import('./help-queue-page'), 'HelpQueuePage');
const LivePage = lazyPage(() => import('./live-page'), 'LivePage');

/** The people of the live workshop; applicants are not (the server refuses them too). */
const WORKSHOP_ROLES: readonly LabRole[] = ['participant', 'mentor', 'organiser'];

const inWorkshop = (roles: readonly LabRole[], canOrganise: boolean) =>
  canOrganise || roles.some((r) => WORKSHOP_ROLES.includes(r));

/** Only for the given roles (organisers and admins count when `organisers` is set); others go to the overview. */
function LiveRolesOnly({
  roles,
  organisers,
  children,
}: {
  roles: readonly LabRole[];
  organisers: boolean;
  children: ReactNode;
}) {
  const { labId = '' } = useParams();
  const user = useUser();
  const { canOrganise } = useLab();
  const mine = rolesIn(user, labId);
  const allowed = (organisers && canOrganise) || mine.some((r) => roles.includes(r));
  return allowed ? <>{children}</> : <Navigate to=".." replace />;
}

/** The participant and mentor live views: the routes inside a lab (children of /labs/:labId). */
export function liveLabRoutes(): ReactNode {
  return [
    <Route
      key="live"
      path="live"
      element={
        <LiveRolesOnly roles={WORKSHOP_ROLES} organisers>
          <LivePage />
        </LiveRolesOnly>
      }
    />,
    <Route
      key="help-queue"
      path="help-queue"
      element={
        <LiveRolesOnly roles={['mentor']} organisers={false}>
          <HelpQueuePage />
        </LiveRolesOnly>
      }
    />,
  ];
}

/**
 * The lab tabs this feature adds for the viewer: 'Live' for the workshop's people from
 * selection on (organisers see what participants see), 'Help queue' for mentors. The routes
 * stay reachable earlier; the tabs would only show an empty workshop.
 */
export function liveLabTabs(context: LabTabContext): LabTab[] {
  if (!inWorkshop(context.roles, context.canOrganise)) return [];
  if (context.phase === 'draft' || context.phase === 'applications_open') return [];
  const tabs: LabTab[] = [{ to: 'live', label: 'Live' }];
  if (context.roles.includes('mentor')) tabs.push({ to: 'help-queue', label: 'Help queue' });
  return tabs;
}
