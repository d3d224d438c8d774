import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const BoardPage = lazyPage(() => import('./board-page'), 'BoardPage');
const IdeaPage = lazyPage(() => import('./idea-page'), 'IdeaPage');
const VotingPage = lazyPage(() => import('./voting-page'), 'VotingPage');

/** The ideas board, an idea's page and voting (children of /labs/:labId). */
export function ideasLabRoutes(): ReactNode {
  return [
    <Route key="ideas" path="ideas" element={<BoardPage />} />,
    <Route key="idea" path="ideas/:ideaId" element={<IdeaPage />} />,
    <Route key="voting" path="voting" element={<VotingPage />} />,
  ];
}

const WORKSHOP_ON = ['workshop', 'proposals', 'review', 'decided', 'follow_up'];

/** From the workshop on, the lab's people (not applicants) read the board and vote. */
export function ideasLabTabs(context: LabTabContext): LabTab[] {
  const member =
    context.canOrganise ||
    context.roles.includes('participant') ||
    context.roles.includes('mentor');
  if (!member || !WORKSHOP_ON.includes(context.phase)) return [];
  return [
    { to: 'ideas', label: 'Ideas' },
    { to: 'voting', label: 'Voting' },
  ];
}
