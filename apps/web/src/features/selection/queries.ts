import { queryOptions } from '@tanstack/react-query';
import { applicationQueries } from '../../api/applications';
import { data, http, queryClient } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';
import { directory } from './applicants';
import type { AdoptSelectionRun, CreateSelectionRun } from './types';

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

const lab = (labId: string) => ({ params: { path: { labId } } });
const run = (labId: string, runId: string) => ({ params: { path: { labId, runId } } });
const decision = (decisionId: string) => ({ params: { path: { decisionId } } });

export const selectionQueries = {
  runs: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.runs(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/selection-runs', lab(labId))),
    }),
  run: (labId: string, runId: string) =>
    queryOptions({
      queryKey: selectionKeys.run(labId, runId),
      queryFn: () => data(http.GET('/api/labs/{labId}/selection-runs/{runId}', run(labId, runId))),
    }),
  decisions: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.decisions(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/decisions', lab(labId))),
      // Applicants answer from their own browsers: the organiser's page is read afresh
      // each time it opens and kept current while it stays open.
      staleTime: 0,
      refetchInterval: 20_000,
    }),
  outbox: (labId: string) =>
    queryOptions({
      queryKey: selectionKeys.outbox(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/letters', lab(labId))),
    }),
  myDecisions: () =>
    queryOptions({
      queryKey: selectionKeys.myDecisions,
      queryFn: () => data(http.GET('/api/me/decisions')),
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

export const selectionCommands = {
  createRun: (labId: string, body: CreateSelectionRun) =>
    data(http.POST('/api/labs/{labId}/selection-runs', { ...lab(labId), body })),
  rerun: (labId: string, runId: string) =>
    data(http.POST('/api/labs/{labId}/selection-runs/{runId}/rerun', run(labId, runId))),
  adopt: (labId: string, runId: string, body: AdoptSelectionRun) =>
    data(
      http.POST('/api/labs/{labId}/selection-runs/{runId}/adopt', { ...run(labId, runId), body }),
    ),
  expireOffers: (labId: string) =>
    data(http.POST('/api/labs/{labId}/decisions/expire', lab(labId))),
  confirm: (decisionId: string) =>
    data(http.POST('/api/decisions/{decisionId}/confirm', decision(decisionId))),
  decline: (decisionId: string) =>
    data(http.POST('/api/decisions/{decisionId}/decline', decision(decisionId))),
  composeLetters: (labId: string) =>
    data(http.POST('/api/labs/{labId}/letters/compose', lab(labId))),
  editLetter: (labId: string, letterId: string, body: Schema<'EditDecisionLetter'>) =>
    data(
      http.PATCH('/api/labs/{labId}/letters/{letterId}', {
        params: { path: { labId, letterId } },
        body,
      }),
    ),
  releaseLetters: (labId: string) =>
    data(http.POST('/api/labs/{labId}/letters/release', lab(labId))),
};

/** Selection changed (a run adopted, offers answered or expired): every view of it is read again. */
export function selectionChanged(labId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: selectionKeys.all(labId) });
}
