import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const FundingRoundsPage = lazyPage(() => import('./funding-rounds-page'), 'FundingRoundsPage');
const ProposalEditorPage = lazyPage(() => import('./proposal-editor-page'), 'ProposalEditorPage');

/** Funding rounds and team proposals: the routes inside a lab (children of /labs/:labId). */
export function proposalLabRoutes(): ReactNode {
  return [
    <Route key="funding" path="funding" element={<FundingRoundsPage />} />,
    <Route key="proposal" path="funding/:roundId/teams/:teamId" element={<ProposalEditorPage />} />,
  ];
}

/**
 * Organisers set rounds up at any time; participants (on teams from the workshop on) write
 * proposals; mentors read them once the workshop has begun.
 */
export function proposalLabTabs(context: LabTabContext): LabTab[] {
  const early = ['draft', 'applications_open', 'selection'].includes(context.phase);
  const shown =
    context.canOrganise ||
    context.roles.includes('participant') ||
    (context.roles.includes('mentor') && !early);
  return shown ? [{ to: 'funding', label: 'Proposals' }] : [];
}
