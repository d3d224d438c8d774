import { queryOptions } from '@tanstack/react-query';
import { data, download, http } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';

// The funding decision: names for its shapes (from the generated contract), cache keys, reads
// and the commands that change them.

export type FundingRules = Schema<'FundingPortfolioRules'>;
export type PortfolioRun = Schema<'PortfolioRun'>;
export type PortfolioRunSummary = Schema<'PortfolioRunSummary'>;
export type FundingDecisionBoard = Schema<'FundingDecisionBoard'>;
export type FundingDecisionRow = Schema<'FundingDecisionRow'>;
export type PutFundingDecision = Schema<'PutFundingDecision'>;
export type FundingLetters = Schema<'FundingLetters'>;
export type ProgressReport = Schema<'ProgressReport'>;
export type FileProgressReport = Schema<'FileProgressReport'>;

export const fundingKeys = {
  round: (labId: string, roundId: string) =>
    [...labKeys.lab(labId), 'funding-decision', roundId] as const,
  merit: (labId: string, roundId: string) =>
    [...fundingKeys.round(labId, roundId), 'merit'] as const,
  runs: (labId: string, roundId: string) => [...fundingKeys.round(labId, roundId), 'runs'] as const,
  run: (labId: string, roundId: string, runId: string) =>
    [...fundingKeys.runs(labId, roundId), runId] as const,
  board: (labId: string, roundId: string) =>
    [...fundingKeys.round(labId, roundId), 'board'] as const,
  letters: (labId: string, roundId: string) =>
    [...fundingKeys.round(labId, roundId), 'letters'] as const,
  reports: (labId: string, roundId: string) =>
    [...fundingKeys.round(labId, roundId), 'reports'] as const,
};

const roundPath = (labId: string, fundingRoundId: string) => ({
  params: { path: { labId, fundingRoundId } },
});

export const fundingQueries = {
  merit: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: fundingKeys.merit(labId, roundId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/merit',
            roundPath(labId, roundId),
          ),
        ),
    }),
  runs: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: fundingKeys.runs(labId, roundId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs',
            roundPath(labId, roundId),
          ),
        ),
    }),
  run: (labId: string, roundId: string, runId: string) =>
    queryOptions({
      queryKey: fundingKeys.run(labId, roundId, runId),
      queryFn: () =>
        data(
          http.GET('/api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}', {
            params: { path: { labId, fundingRoundId: roundId, runId } },
          }),
        ),
    }),
  board: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: fundingKeys.board(labId, roundId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/decisions',
            roundPath(labId, roundId),
          ),
        ),
    }),
  letters: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: fundingKeys.letters(labId, roundId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/letters',
            roundPath(labId, roundId),
          ),
        ),
    }),
  reports: (labId: string, roundId: string) =>
    queryOptions({
      queryKey: fundingKeys.reports(labId, roundId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports',
            roundPath(labId, roundId),
          ),
        ),
    }),
};

export const fundingCommands = {
  run: (
    labId: string,
    roundId: string,
    body: { rules: FundingRules; lottery?: boolean; seed?: string; pitchWeight?: number },
  ) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs', {
        ...roundPath(labId, roundId),
        body,
      }),
    ),
  replay: (labId: string, roundId: string, runId: string) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}/replay', {
        params: { path: { labId, fundingRoundId: roundId, runId } },
      }),
    ),
  adopt: (labId: string, roundId: string, runId: string, rationale: string) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}/adopt', {
        params: { path: { labId, fundingRoundId: roundId, runId } },
        body: { rationale },
      }),
    ),
  decide: (labId: string, roundId: string, proposalId: string, body: PutFundingDecision) =>
    data(
      http.PUT('/api/labs/{labId}/funding-rounds/{fundingRoundId}/decisions/{proposalId}', {
        params: { path: { labId, fundingRoundId: roundId, proposalId } },
        body,
      }),
    ),
  composeLetters: (labId: string, roundId: string) =>
    data(
      http.POST(
        '/api/labs/{labId}/funding-rounds/{fundingRoundId}/letters',
        roundPath(labId, roundId),
      ),
    ),
  releaseLetters: (labId: string, roundId: string, drafts: number) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/letters/release', {
        ...roundPath(labId, roundId),
        body: { drafts },
      }),
    ),
  scheduleReports: (labId: string, roundId: string, body: { title: string; dueAt: string }) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports', {
        ...roundPath(labId, roundId),
        body,
      }),
    ),
  fileReport: (labId: string, roundId: string, reportId: string, body: FileProgressReport) =>
    data(
      http.PUT('/api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports/{reportId}', {
        params: { path: { labId, fundingRoundId: roundId, reportId } },
        body,
      }),
    ),
  remind: (labId: string, roundId: string) =>
    data(
      http.POST('/api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports/remind', {
        ...roundPath(labId, roundId),
        body: {},
      }),
    ),
};

export type ExportTable = 'proposals' | 'reviews' | 'scores' | 'decisions';

/** One table of the round as CSV (behind authentication, so fetched, then saved). */
export const exportCsv = (labId: string, roundId: string, table: ExportTable) =>
  download(
    http.GET('/api/labs/{labId}/funding-rounds/{fundingRoundId}/export.csv', {
      params: { path: { labId, fundingRoundId: roundId }, query: { table } },
      parseAs: 'blob',
    }),
  );
