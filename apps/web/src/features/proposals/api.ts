import { queryOptions } from '@tanstack/react-query';
import { data, http } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';

// Funding rounds and proposals: names for their shapes (all from the generated contract), the
// keys their screens cache under, how each is read, and the commands that change them.

export type FundingRound = Schema<'FundingRound'>;
export type FundingRoundTeam = Schema<'FundingRoundTeam'>;
export type CreateFundingRound = Schema<'CreateFundingRound'>;
export type UpdateFundingRound = Schema<'UpdateFundingRound'>;
export type Proposal = Schema<'Proposal'>;
export type ProposalContent = Schema<'ProposalContent'>;
export type ProposalStatus = Schema<'ProposalStatus'>;
export type ProposalVersionSummary = Schema<'ProposalVersionSummary'>;
export type ProposalComparison = Schema<'ProposalComparison'>;
export type BudgetLine = ProposalContent['budget'][number];

export const proposalKeys = {
  all: (labId: string) => [...labKeys.lab(labId), 'funding'] as const,
  rounds: (labId: string) => [...proposalKeys.all(labId), 'rounds'] as const,
  proposal: (labId: string, roundId: string, teamId: string) =>
    [...proposalKeys.all(labId), 'proposal', roundId, teamId] as const,
  versions: (labId: string, roundId: string, teamId: string) =>
    [...proposalKeys.proposal(labId, roundId, teamId), 'versions'] as const,
  compare: (labId: string, roundId: string, teamId: string, from: number, to: number) =>
    [...proposalKeys.proposal(labId, roundId, teamId), 'compare', from, to] as const,
};

const teamPath = (labId: string, fundingRoundId: string, teamId: string) => ({
  params: { path: { labId, fundingRoundId, teamId } },
});

export const proposalQueries = {
  rounds: (labId: string) =>
    queryOptions({
      queryKey: proposalKeys.rounds(labId),
      queryFn: () =>
        data(http.GET('/api/labs/{labId}/funding-rounds', { params: { path: { labId } } })),
    }),
  proposal: (labId: string, roundId: string, teamId: string) =>
    queryOptions({
      queryKey: proposalKeys.proposal(labId, roundId, teamId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal',
            teamPath(labId, roundId, teamId),
          ),
        ),
    }),
  versions: (labId: string, roundId: string, teamId: string) =>
    queryOptions({
      queryKey: proposalKeys.versions(labId, roundId, teamId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/versions',
            teamPath(labId, roundId, teamId),
          ),
        ),
    }),
  compare: (labId: string, roundId: string, teamId: string, from: number, to: number) =>
    queryOptions({
      queryKey: proposalKeys.compare(labId, roundId, teamId, from, to),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/compare',
            {
              params: {
                path: { labId, fundingRoundId: roundId, teamId },
                query: { from, to },
              },
            },
          ),
        ),
    }),
};

export const proposalCommands = {
  createRound: (labId: string, body: CreateFundingRound) =>
    data(http.POST('/api/labs/{labId}/funding-rounds', { params: { path: { labId } }, body })),
  updateRound: (labId: string, roundId: string, body: UpdateFundingRound) =>
    data(
      http.PATCH('/api/labs/{labId}/funding-rounds/{fundingRoundId}', {
        params: { path: { labId, fundingRoundId: roundId } },
        body,
      }),
    ),
  save: (
    labId: string,
    roundId: string,
    teamId: string,
    body: { baseVersion: number; content: ProposalContent },
  ) =>
    data(
      http.POST(
        '/api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/versions',
        { ...teamPath(labId, roundId, teamId), body },
      ),
    ),
  submit: (labId: string, roundId: string, teamId: string, version: number) =>
    data(
      http.POST(
        '/api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/submit',
        { ...teamPath(labId, roundId, teamId), body: { version } },
      ),
    ),
};

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  'not-started': 'Not started',
  draft: 'Draft',
  submitted: 'Submitted',
  'changed-since-submission': 'Changed since submitted',
};

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: 2,
  }).format(amount);

/** Sum of budget lines in cents, so the running total is exact. */
export const budgetTotal = (budget: readonly BudgetLine[]) =>
  budget.reduce((sum, line) => sum + Math.round((Number(line.amount) || 0) * 100), 0) / 100;
