import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const PitchesPage = lazyPage(() => import('./pitches-page'), 'PitchesPage');

/** Pitch sessions: the route inside a lab (a child of /labs/:labId). */
export function pitchLabRoutes(): ReactNode {
  return [<Route key="pitches" path="pitches" element={<PitchesPage />} />];
}

/** From the workshop on, for the people of the workshop (organisers at any time). */
export function pitchLabTabs(context: LabTabContext): LabTab[] {
  const early = ['draft', 'applications_open', 'selection'].includes(context.phase);
  const shown =
    context.canOrganise ||
    (!early && (context.roles.includes('participant') || context.roles.includes('mentor')));
  return shown ? [{ to: 'pitches', label: 'Pitches' }] : [];
}
