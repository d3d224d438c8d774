import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import {
  FundingDecisionsService,
  PortfolioRunsService,
  ProgressReportsService,
} from '@ideas-lab/funding';
import { ProposalReviewsService } from '@ideas-lab/proposal-review';
import { FundingRoundsService } from '@ideas-lab/proposals';
import type { DemoTeam } from './demo-lab-setup.js';

/** The invite-only round that follows the seed round: larger awards for three funded teams. */
export const DEMO_SECOND_ROUND = {
  name: 'Scale-up round 2021',
  pool: 1_500_000,
  awardCap: 500_000,
  invited: 3,
};

/**
 * The funding decision of the review demo lab, taken as an organiser would on the funding
 * screens, so each of them opens with data:
 * - the reviewers' comments to the teams released;
 * - an invite-only second round;
 * - two portfolio runs (merit alone, then at least one award per challenge area), the second
 *   adopted: five proposals funded, one not, each decision with a rationale;
 * - the three strongest funded teams invited to the second round;
 * - the decision letters written into the outbox as drafts, waiting for the organiser's release;
 * - a kick-off report due in two weeks from every funded team (one has filed it already), and a
 *   data-access confirmation that one funded team owed yesterday and has not filed (late).
 * Runs and decisions stay open to change: a visitor can run the optimiser again (with a lottery),
 * adopt another run, re-decide any proposal, release the letters and remind the late team.
 */
export async function seedDemoFunding(
  app: INestApplicationContext,
  input: {
    labId: string;
    roundId: string;
    organiser: Actor;
    teams: readonly DemoTeam[];
    at: (day: number, time: string) => string;
  },
): Promise<void> {
  const { labId, roundId, organiser, at } = input;
  const reviews = app.get(ProposalReviewsService);
  const rounds = app.get(FundingRoundsService);
  const runs = app.get(PortfolioRunsService);
  const decisions = app.get(FundingDecisionsService);
  const reports = app.get(ProgressReportsService);

  const review = await reviews.overview(organiser, labId, roundId);
  await reviews.release(organiser, labId, roundId, { version: review.version });

  const second = await rounds.create(organiser, labId, {
    name: DEMO_SECOND_ROUND.name,
    pool: DEMO_SECOND_ROUND.pool,
    awardCap: DEMO_SECOND_ROUND.awardCap,
    currency: 'USD',
    proposalsDueAt: at(60, '17:00'),
    access: 'invite-only',
    previousRoundId: roundId,
    invitedTeamIds: [],
  });

  await runs.createRun(organiser, labId, roundId, { rules: {}, seed: 'demo-merit' });
  const run = await runs.createRun(organiser, labId, roundId, {
    rules: { minAwardsPerArea: 1 },
    seed: 'demo-areas',
  });
  await runs.adopt(organiser, labId, roundId, run.id, {
    rationale:
      'Funded by merit within the pool, with at least one award in every part of the challenge.',
  });

  // The organisers' own words on the strongest three (invited on) and on the one not funded.
  const board = await decisions.board(organiser, labId, roundId);
  const funded = board.proposals
    .filter((p) => p.decision?.outcome === 'funded')
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  for (const row of funded.slice(0, DEMO_SECOND_ROUND.invited))
    await decisions.put(organiser, labId, roundId, row.proposalId, {
      version: row.decision!.version,
      outcome: 'funded',
      amount: row.decision!.amount,
      rationale: `${row.decision!.rationale} Among the strongest of the round: invited to apply to the ${DEMO_SECOND_ROUND.name} with what the seed award shows.`,
      invitedToRoundId: second.id,
    });
  for (const row of board.proposals.filter((p) => p.decision?.outcome === 'not-funded'))
    await decisions.put(organiser, labId, roundId, row.proposalId, {
      version: row.decision!.version,
      outcome: 'not-funded',
      rationale:
        'The panel valued the question but ranked the proposal below the funding line; the pool fits five awards. Reviewers’ comments are enclosed for a resubmission.',
    });
  await decisions.composeLetters(organiser, labId, roundId);

  const teamOf = (teamId: string) => input.teams.find((t) => t.id === teamId)!;
  const [filer] = funded;
  const late = funded[funded.length - 1];
  await reports.schedule(organiser, labId, roundId, {
    title: 'Kick-off plan',
    dueAt: at(14, '17:00'),
  });
  await reports.schedule(organiser, labId, roundId, {
    title: 'Data access confirmed',
    dueAt: at(-1, '17:00'),
    teamIds: [late.teamId],
  });
  const mine = await reports.list(teamOf(filer.teamId).members[0], labId, roundId);
  const kickOff = mine.reports.find((r) => r.title === 'Kick-off plan')!;
  await reports.file(teamOf(filer.teamId).members[0], labId, roundId, kickOff.id, {
    version: kickOff.version,
    summary:
      'The team met for a kick-off day; the researcher paid by the award starts next month and the data agreements are signed.',
    outcomes: 'A shared repository and a data-management plan.',
    nextSteps: 'The first milestone as planned; results by the six-month report.',
    links: [{ label: 'Project repository', url: 'https://github.com/ideas-lab-demo/kick-off' }],
  });
}
