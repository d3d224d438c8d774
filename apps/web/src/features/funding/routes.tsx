import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const FundingDecisionPage = lazyPage(
  () => import('./funding-decision-page'),
  'FundingDecisionPage',
);
const ProgressReportsPage = lazyPage(
  () => import('./progress-reports-page'),
  'ProgressReportsPage',
);

/** The funding decision and follow-up: routes inside a lab (children of /labs/:labId). */
export function fundingLabRoutes(): ReactNode {
  return [
    <Route key="decision" path="decision" element={<FundingDecisionPage />} />,
    <Route key="progress" path="progress" element={<ProgressReportsPage />} />,
    // Where a reminder links to.
    <Route
      key="round-progress"
      path="funding/:roundId/progress"
      element={<ProgressReportsPage />}
    />,
  ];
}

/** Organisers decide from review on; teams file progress reports once decided. */
export function fundingLabTabs(context: LabTabContext): LabTab[] {
  const decided = ['review', 'decided', 'follow_up'].includes(context.phase);
  return [
    ...(context.canOrganise ? [{ to: 'decision', label: 'Funding decision' }] : []),
    ...(context.canOrganise || (context.roles.includes('participant') && decided)
      ? [{ to: 'progress', label: 'Progress reports' }]
      : []),
  ];
}
