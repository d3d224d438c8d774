import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { OrganiserOnly } from '../../pages/lab/organiser-only';
import { lazyPage } from '../../lib/lazy-page';

const FormationPage = lazyPage(() => import('./formation-page'), 'FormationPage');
const InterestsPage = lazyPage(() => import('./interests-page'), 'InterestsPage');
const MyTeamPage = lazyPage(() => import('./my-team-page'), 'MyTeamPage');

/** Team formation inside a lab (children of /labs/:labId). */
export function formationLabRoutes(): ReactNode {
  return [
    <Route key="interests" path="interests" element={<InterestsPage />} />,
    <Route key="teams" path="teams" element={<MyTeamPage />} />,
    <Route
      key="formation"
      path="formation"
      element={
        <OrganiserOnly>
          <FormationPage />
        </OrganiserOnly>
      }
    />,
  ];
}

/** Tabs from the workshop on: participants state interests and find their team; organisers form teams. */
export function formationLabTabs(context: LabTabContext): LabTab[] {
  if (!['workshop', 'proposals', 'review', 'decided', 'follow_up'].includes(context.phase))
    return [];
  const tabs: LabTab[] = [];
  if (context.roles.includes('participant'))
    tabs.push({ to: 'interests', label: 'My interests' }, { to: 'teams', label: 'Teams' });
  else if (context.roles.includes('mentor')) tabs.push({ to: 'teams', label: 'Teams' });
  if (context.canOrganise) tabs.push({ to: 'formation', label: 'Team formation' });
  return tabs;
}
