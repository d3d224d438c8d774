import type { ReactNode } from 'react';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';

/** Application review: reviewer queue, rubric form, conflicts, rubric editor, assignment: the routes inside a lab (children of /labs/:labId). */
export function reviewLabRoutes(): ReactNode {
  return null;
}

/** The lab tabs this feature adds for the viewer. */
export function reviewLabTabs(context: LabTabContext): LabTab[] {
  void context;
  return [];
}
