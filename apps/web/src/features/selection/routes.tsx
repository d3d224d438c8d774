import type { ReactNode } from 'react';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';

/** Cohort selection, decisions, outbox: the routes inside a lab (children of /labs/:labId). */
export function selectionLabRoutes(): ReactNode {
  return null;
}

/** The lab tabs this feature adds for the viewer. */
export function selectionLabTabs(context: LabTabContext): LabTab[] {
  void context;
  return [];
}
