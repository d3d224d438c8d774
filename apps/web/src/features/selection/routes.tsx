import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { OrganiserOnly } from '../../pages/lab/organiser-only';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const DecisionsPage = lazyPage(() => import('./decisions-page'), 'DecisionsPage');
const OutboxPage = lazyPage(() => import('./outbox-page'), 'OutboxPage');
const RunPage = lazyPage(() => import('./run-page'), 'RunPage');
const SelectionPage = lazyPage(() => import('./selection-page'), 'SelectionPage');

const organiser = (page: ReactNode) => <OrganiserOnly>{page}</OrganiserOnly>;

/** Cohort selection, decisions, outbox: the routes inside a lab (children of /labs/:labId). */
export function selectionLabRoutes(): ReactNode {
  return [
    <Route key="selection" path="selection" element={organiser(<SelectionPage />)} />,
    <Route key="selection-run" path="selection/runs/:runId" element={organiser(<RunPage />)} />,
    <Route key="decisions" path="decisions" element={organiser(<DecisionsPage />)} />,
    <Route key="outbox" path="outbox" element={organiser(<OutboxPage />)} />,
  ];
}

/** The lab tabs this feature adds for the viewer: organisers, once applications have opened. */
export function selectionLabTabs(context: LabTabContext): LabTab[] {
  if (!context.canOrganise || context.phase === 'draft') return [];
  return [
    { to: 'selection', label: 'Selection' },
    { to: 'decisions', label: 'Decisions' },
    { to: 'outbox', label: 'Outbox' },
  ];
}
