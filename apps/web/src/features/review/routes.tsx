import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { OrganiserOnly } from '../../pages/lab/organiser-only';
import type { LabTab, LabTabContext } from '../../pages/lab/lab-tabs';
import { lazyPage } from '../../lib/lazy-page';

const AssignmentPage = lazyPage(() => import('./assignment-page'), 'AssignmentPage');
const ReviewPage = lazyPage(() => import('./review-page'), 'ReviewPage');
const ReviewQueuePage = lazyPage(() => import('./review-queue-page'), 'ReviewQueuePage');
const RubricEditorPage = lazyPage(() => import('./rubric-editor-page'), 'RubricEditorPage');

/** Application review: reviewer queue, rubric form, conflicts, rubric editor, assignment: the routes inside a lab (children of /labs/:labId). */
export function reviewLabRoutes(): ReactNode {
  return [
    <Route key="reviews" path="reviews" element={<ReviewQueuePage />} />,
    <Route key="review" path="reviews/:applicationId" element={<ReviewPage />} />,
    <Route
      key="rubric"
      path="rubric"
      element={
        <OrganiserOnly>
          <RubricEditorPage />
        </OrganiserOnly>
      }
    />,
    <Route
      key="assignment"
      path="assignment"
      element={
        <OrganiserOnly>
          <AssignmentPage />
        </OrganiserOnly>
      }
    />,
  ];
}

/** Reviewers (mentors and organisers) review once the call is open; organisers set the rubric any time. */
export function reviewLabTabs(context: LabTabContext): LabTab[] {
  const reviewer = context.roles.includes('mentor') || context.roles.includes('organiser');
  const started = context.phase !== 'draft';
  return [
    ...(reviewer && started ? [{ to: 'reviews', label: 'Reviews' }] : []),
    ...(context.canOrganise ? [{ to: 'rubric', label: 'Rubric' }] : []),
    ...(context.canOrganise && started ? [{ to: 'assignment', label: 'Assignment' }] : []),
  ];
}
