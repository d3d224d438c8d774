import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const ProposalReviewPage = lazyPage(() => import('./proposal-review-page'), 'ProposalReviewPage');
const ProposalReviewFormPage = lazyPage(
  () => import('./review-form-page'),
  'ProposalReviewFormPage',
);

/** Proposal review: the routes inside a lab (children of /labs/:labId). */
export function proposalReviewLabRoutes(): ReactNode {
  return [
    <Route key="proposal-review" path="proposal-review" element={<ProposalReviewPage />} />,
    <Route
      key="proposal-review-form"
      path="proposal-review/:roundId/proposals/:proposalId"
      element={<ProposalReviewFormPage />}
    />,
  ];
}

/** Mentors and organisers review proposals once proposals are in. */
export function proposalReviewLabTabs(context: LabTabContext): LabTab[] {
  const shown =
    ['proposals', 'review', 'decided', 'follow_up'].includes(context.phase) &&
    (context.canOrganise || context.roles.includes('mentor'));
  return shown ? [{ to: 'proposal-review', label: 'Proposal review' }] : [];
}
