import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api';
import { applicationQueries } from '../../api/applications';
import { queryClient } from '../../api/http';
import { labKeys } from '../../api/labs';
import { directory } from './applicants';

/** Every query key of cohort selection, decisions and letters, under the lab's own key. */
export const selectionKeys = {
  all: (labId: string) => [...labKeys.lab(labId), 'selection'] as const,
  runs: (labId: string) => [...selectionKeys.all(labId), 'runs'] as const,
  run: (labId: string, runId: string) => [...selectionKeys.runs(labId), runId] as const,
  decisions: (labId: string) => [...selectionKeys.all(labId), 'decisions'] as const,
  outbox: (labId: string) => [...selectionKeys.all(labId), 'outbox'] as const,
  applicants: (labId: string) => [...selectionKeys.all(labId), 'applicants'] as const,
  myDecisions: ['me', 'decisions'] as const,
};

const APPLICANTS_PAGE_SIZE = 200;

export const selectionQueries = {
  runs: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.runs(labId),
      queryFn: () => api.selection.runs(labId),
    }),
  run: (labId: string, runId: string) =>
    queryOptions({
      queryKey: selectionKeys.run(labId, runId),
      queryFn: () => api.selection.run(labId, runId),
    }),
  decisions: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.decisions(labId),
      queryFn: () => api.selection.decisions(labId),
    }),
  outbox: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.outbox(labId),
      queryFn: () => api.selection.outbox(labId),
    }),
  myDecisions: () =>
    queryOptions({
      queryKey: selectionKeys.myDecisions,
      queryFn: () => api.selection.myDecisions(),
    }),
  /** Every submitted application of the lab, to put names on the ids that runs and decisions carry. */
  applicants: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.applicants(labId),
      queryFn: async () => {
        const all = [];
        for (let page = 1; ; page += 1) {
          const result = await queryClient.fetchQuery(
            applicationQueries.ofLab(labId, {
              status: 'submitted',
              page,
              pageSize: APPLICANTS_PAGE_SIZE,
            }),
          );
          all.push(...result.items);
          if (result.items.length === 0 || all.length >= result.total) break;
        }
        return directory(all);
      },
    }),
};

/** Selection changed (a run adopted, offers answered or expired): every view of it is read again. */
export function selectionChanged(labId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: selectionKeys.all(labId) });
}
