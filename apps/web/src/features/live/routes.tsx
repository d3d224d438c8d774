import type { ReactNode } from 'react';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';

/** The participant and mentor live views: the routes inside a lab (children of /labs/:labId). */
export function liveLabRoutes(): ReactNode {
  return null;
}

/** The lab tabs this feature adds for the viewer. */
export function liveLabTabs(context: LabTabContext): LabTab[] {
  void context;
  return [];
}
