import { Injectable } from '@nestjs/common';
import { compareText, type Actor, type LabRole } from '@ideas-lab/domain';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import {
  FundingRoundsService,
  ProposalsService,
  type FundingRoundEntity,
  type SubmittedProposalContent,
} from '@ideas-lab/proposals';
import { TeamsService, type TeamView } from '@ideas-lab/workshop';
import type { FundingMerit, ProposalMeritRow } from './funding.contract.js';
import { FundingError } from './funding.errors.js';
import { PitchScores, ProposalReviews, type ProposalMerit } from './proposal-reviews.port.js';

export const fromMinor = (minor: string | number | null): number | null =>
  minor === null ? null : Number(minor) / 100;

/** A submitted proposal with what the funding decision weighs. */
export interface FundingProposal {
  proposal: SubmittedProposalContent;
  team: TeamView;
  institution: string | null;
  merit: ProposalMerit | null;
  pitchScore: number | null;
}

/** Everything about one round the funding decision reads, in one place. */
export interface FundingContext {
  labId: string;
  round: FundingRoundEntity;
  timezone: string;
  labTitle: string;
  roles: LabRole[];
  proposals: FundingProposal[];
  /** Some proposal has a review score. */
  reviewsAvailable: boolean;
  pitchScoresAvailable: boolean;
}

/** The institution most of the team's members gave (ties: alphabetical), or null. */
function homeInstitution(affiliations: readonly string[]): string | null {
  const counts = new Map<string, { name: string; n: number }>();
  for (const raw of affiliations) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name === '') continue;
    const key = name.toLowerCase();
    const entry = counts.get(key) ?? { name, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || compareText(a.name, b.name))[0];
  return best?.name ?? null;
}

/** Reads a round's submitted proposals, teams, institutions and merit for the funding lib. */
@Injectable()
export class FundingContextReader {
  constructor(
    private readonly rounds: FundingRoundsService,
    private readonly proposals: ProposalsService,
    private readonly teams: TeamsService,
    private readonly applications: SubmittedApplicationsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly reviews: ProposalReviews,
    private readonly pitches: PitchScores,
  ) {}

  /** The round (FUNDING_ROUND_NOT_FOUND from libs/proposals when it is not the lab's). */
  async read(
    actor: Actor,
    labId: string,
    roundId: string,
    allowed: readonly LabRole[] = ['organiser'],
  ): Promise<FundingContext> {
    const roles = await this.access.requireRole(actor, labId, allowed);
    const { round, timezone } = await this.rounds.context(actor, labId, roundId);
    const lab = await this.labs.get(actor, labId);
    const [submitted, teams, applications, merits, pitchScores] = await Promise.all([
      this.proposals.submittedContentsOfRound(round.id),
      this.teams.viewsOf(labId, null, true),
      this.applications.ofLab(labId),
      this.reviews.meritsOfRound(labId, round.id),
      this.pitches.pitchScoresOfLab(labId),
    ]);
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const affiliationOf = new Map(
      applications.map((a) => [a.applicantId, a.profile.affiliation ?? '']),
    );
    const meritOf = new Map(merits.map((m) => [m.proposalId, m]));
    const pitchOf = new Map(pitchScores.map((p) => [p.teamId, p.mean]));
    const proposals = submitted
      .filter((p) => teamById.has(p.teamId))
      .map((proposal) => {
        const team = teamById.get(proposal.teamId)!;
        return {
          proposal,
          team,
          institution: homeInstitution(team.members.map((m) => affiliationOf.get(m.userId) ?? '')),
          merit: meritOf.get(proposal.id) ?? null,
          pitchScore: pitchOf.get(proposal.teamId) ?? null,
        };
      })
      .sort((a, b) => compareText(a.team.name, b.team.name));
    return {
      labId,
      round,
      timezone,
      labTitle: lab.title,
      roles,
      proposals,
      reviewsAvailable: merits.some((m) => m.score !== null),
      pitchScoresAvailable: pitchScores.length > 0,
    };
  }

  /** The lab's funding rounds (no access check). */
  roundsOfLab(labId: string): Promise<FundingRoundEntity[]> {
    return this.rounds.roundsOfLab(labId);
  }

  /** The proposal of the round, or FUNDING_PROPOSAL_NOT_FOUND. */
  requireProposal(context: FundingContext, proposalId: string): FundingProposal {
    const found = context.proposals.find((p) => p.proposal.id === proposalId);
    if (!found) throw FundingError.proposalNotFound();
    return found;
  }

  /** The merit table of a round (organisers). */
  meritView(context: FundingContext): FundingMerit {
    const rows: ProposalMeritRow[] = context.proposals
      .map((p) => ({
        proposalId: p.proposal.id,
        teamId: p.team.id,
        teamName: p.team.name,
        title: p.proposal.content.title,
        challengeArea: p.proposal.content.challengeArea,
        institution: p.institution,
        request: p.proposal.budgetTotalMinor / 100,
        score: p.merit?.score ?? null,
        low: p.merit?.low ?? null,
        high: p.merit?.high ?? null,
        rank: p.merit?.rank ?? null,
        reviews: p.merit?.reviews ?? 0,
        pitchScore: p.pitchScore,
        flags: p.merit?.flags ?? ['unscored'],
      }))
      .sort(
        (a, b) =>
          (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
          compareText(a.teamName, b.teamName),
      );
    return {
      roundId: context.round.id,
      money: moneyOf(context.round),
      reviewsAvailable: context.reviewsAvailable,
      pitchScoresAvailable: context.pitchScoresAvailable,
      proposals: rows,
    };
  }
}

export const moneyOf = (round: FundingRoundEntity) => ({
  pool: Number(round.poolMinor) / 100,
  awardCap: Number(round.awardCapMinor) / 100,
  currency: round.currency,
});
