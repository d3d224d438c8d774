import type { ApiClient } from '../../api/client';
import type {
  AdoptSelectionRun,
  CreateSelectionRun,
  DecisionLetter,
  Decisions,
  ExpiryResult,
  MyDecision,
  Outbox,
  SelectionRerun,
  SelectionRun,
  SelectionRunSummary,
} from './types';

const id = (value: string) => encodeURIComponent(value);

/** Cohort selection, decisions, outbox: one typed function per API route. */
export function selectionApi(client: ApiClient) {
  const lab = (labId: string) => `/labs/${id(labId)}`;
  return {
    runs: (labId: string) =>
      client.request<SelectionRunSummary[]>('GET', `${lab(labId)}/selection-runs`),
    run: (labId: string, runId: string) =>
      client.request<SelectionRun>('GET', `${lab(labId)}/selection-runs/${id(runId)}`),
    createRun: (labId: string, body: CreateSelectionRun) =>
      client.request<SelectionRun>('POST', `${lab(labId)}/selection-runs`, { body }),
    rerun: (labId: string, runId: string) =>
      client.request<SelectionRerun>('POST', `${lab(labId)}/selection-runs/${id(runId)}/rerun`),
    adopt: (labId: string, runId: string, body: AdoptSelectionRun) =>
      client.request<Decisions>('POST', `${lab(labId)}/selection-runs/${id(runId)}/adopt`, {
        body,
      }),
    decisions: (labId: string) => client.request<Decisions>('GET', `${lab(labId)}/decisions`),
    expireOffers: (labId: string) =>
      client.request<ExpiryResult>('POST', `${lab(labId)}/decisions/expire`),
    myDecisions: () => client.request<MyDecision[]>('GET', '/me/decisions'),
    confirm: (decisionId: string) =>
      client.request<MyDecision>('POST', `/decisions/${id(decisionId)}/confirm`),
    decline: (decisionId: string) =>
      client.request<MyDecision>('POST', `/decisions/${id(decisionId)}/decline`),
    outbox: (labId: string) => client.request<Outbox>('GET', `${lab(labId)}/letters`),
    composeLetters: (labId: string) =>
      client.request<Outbox>('POST', `${lab(labId)}/letters/compose`),
    editLetter: (labId: string, letterId: string, patch: { subject?: string; body?: string }) =>
      client.request<DecisionLetter>('PATCH', `${lab(labId)}/letters/${id(letterId)}`, {
        body: patch,
      }),
    releaseLetters: (labId: string) =>
      client.request<Outbox>('POST', `${lab(labId)}/letters/release`),
  };
}
