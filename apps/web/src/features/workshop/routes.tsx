import type { ReactNode } from 'react';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';

/** Agenda, control room, rotation planner: the routes inside a lab (children of /labs/:labId). */
export function workshopLabRoutes(): ReactNode {
  return null;
}

/** The lab tabs this feature adds for the viewer. */
export function workshopLabTabs(context: LabTabContext): LabTab[] {
  void context;
  return [];
}
