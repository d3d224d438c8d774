import request from 'supertest';
import { expect } from 'vitest';
import { bearer, login, type Session } from './api-client.js';
import { liveLab, type LiveLab } from './live-lab.js';
import type { TestApp } from './test-app.js';

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export const proposalContent = (title: string, area: string, total: number) => ({
  title,
  abstract: `${title}: what we will find out.`,
  aims: 'Calibrate a model per patient.',
  approach: 'Bayesian calibration against imaging time series.',
  challengeArea: area,
  milestones: [{ title: 'Prototype', due: '2021-03', description: 'First calibrated model' }],
  teamRoles: [{ userId: null, name: 'Lead', role: 'Modelling lead' }],
  budget: [
    { category: 'personnel', description: 'Postdoc', amount: total - 8_000 },
    { category: 'compute', description: 'GPU hours', amount: 8_000 },
  ],
});

/** `count` more mentors of the lab (`mentor<n>-<tag>@example.test`, "Mentor n tag"), signed in. */
export async function addMentors(
  app: TestApp,
  lab: LiveLab,
  tag: string,
  count: number,
): Promise<Session[]> {
  const mentors: Session[] = [];
  for (let n = 1; n <= count; n++) {
    const email = `mentor${n}-${tag}@example.test`;
    await app.createUser({ email, displayName: `Mentor ${n} ${tag}` });
    const session = await login(app, email);
    await lab.db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'mentor')`,
      [lab.labId, session.userId],
    );
    mentors.push(session);
  }
  return mentors;
}

export interface FundingTeam {
  id: string;
  name: string;
  members: Session[];
  proposalId: string;
}

export interface FundingLab extends LiveLab {
  roundId: string;
  teams: FundingTeam[];
}

const AREAS = ['Predicting response', 'Imaging', 'Clinical decisions'];

/**
 * A lab with six teams of two, a round (pool 250,000, cap 50,000 USD) and six submitted
 * proposals of 48,000 each: five fit the pool.
 */
export async function fundingLab(app: TestApp, tag: string): Promise<FundingLab> {
  const lab = await liveLab(app, tag, 12);
  const api = () => request(app.baseUrl);
  const round = await api()
    .post(`/api/labs/${lab.labId}/funding-rounds`)
    .set(bearer(lab.organiser))
    .send({
      name: 'Seed funding 2020',
      pool: 250_000,
      awardCap: 50_000,
      currency: 'USD',
      proposalsDueAt: inDays(7),
    });
  expect(round.status).toBe(201);
  const roundId: string = round.body.id;
  const teams = await submitProposals(app, lab, roundId, Array(6).fill(48_000));
  return { ...lab, roundId, teams };
}

export interface ReviewedFundingLab extends LiveLab {
  roundId: string;
  teams: FundingTeam[];
  mentors: Session[];
}

/** What the teams of a reviewed lab ask for: any five fit the pool of 250,000, all six do not. */
export const REVIEWED_REQUESTS = [49_000, 48_000, 47_500, 46_000, 45_000, 44_000];

/**
 * A lab in review whose six teams of two (Team A strongest … Team F weakest) submitted
 * proposals to a round (pool 250,000, cap 50,000 USD, a two-criterion rubric); three mentors
 * were assigned two per proposal by the optimiser and submitted their reviews, each with a
 * comment to the team ("To Team X: …") and one to the panel ("PANEL ONLY …"); the comments
 * to the teams are released. Everything through the API, with the review lib real.
 */
export async function reviewedFundingLab(app: TestApp, tag: string): Promise<ReviewedFundingLab> {
  const lab = await liveLab(app, tag, 12);
  const api = () => request(app.baseUrl);
  const mentors = [lab.mentor, ...(await addMentors(app, lab, tag, 2))];
  const created = await api()
    .post(`/api/labs/${lab.labId}/funding-rounds`)
    .set(bearer(lab.organiser))
    .send({
      name: 'Seed funding 2020',
      pool: 250_000,
      awardCap: 50_000,
      currency: 'USD',
      proposalsDueAt: inDays(7),
      rubric: [
        { id: 'merit', label: 'Scientific merit', weight: 2, scale: { min: 1, max: 5 } },
        { id: 'team', label: 'Team', weight: 1, scale: { min: 1, max: 5 } },
      ],
    });
  expect(created.status).toBe(201);
  const roundId: string = created.body.id;
  const round = `/api/labs/${lab.labId}/funding-rounds/${roundId}`;
  const teams = await submitProposals(app, lab, roundId, REVIEWED_REQUESTS);
  await lab.db.query(`UPDATE labs SET phase = 'review' WHERE id = $1`, [lab.labId]);
  const run = await api()
    .post(`${round}/review/assignment-runs`)
    .set(bearer(lab.organiser))
    .send({ reviewsPerProposal: 2, seed: tag });
  expect(run.status).toBe(201);
  const listed = await api().get(`${round}/review/assignments`).set(bearer(lab.organiser));
  const merit = [5, 5, 4, 4, 3, 2];
  const teamwork = [5, 4, 4, 3, 3, 2];
  for (const a of listed.body.assignments as { proposalId: string; reviewerId: string }[]) {
    const t = teams.findIndex((x) => x.proposalId === a.proposalId);
    const reviewed = await api()
      .post(`${round}/review/proposals/${a.proposalId}/my-review/submit`)
      .set(bearer(mentors.find((m) => m.userId === a.reviewerId)!))
      .send({
        scores: { merit: merit[t], team: teamwork[t] },
        confidence: 4,
        teamComment: `To ${teams[t].name}: name your validation cohort early.`,
        panelComment: `PANEL ONLY on ${teams[t].name}: the budget is tight.`,
      });
    expect(reviewed.status).toBe(200);
  }
  const overview = await api().get(`${round}/review`).set(bearer(lab.organiser));
  const released = await api()
    .post(`${round}/review/release-comments`)
    .set(bearer(lab.organiser))
    .send({ version: overview.body.version });
  expect(released.status).toBe(200);
  return { ...lab, roundId, teams, mentors };
}

/**
 * One team of two participants per amount (Team A, Team B, …), each submitting a proposal
 * asking for that amount to the round, the challenge areas taken in turn.
 */
async function submitProposals(
  app: TestApp,
  lab: LiveLab,
  roundId: string,
  amounts: readonly number[],
): Promise<FundingTeam[]> {
  const api = () => request(app.baseUrl);
  const teams: FundingTeam[] = [];
  for (const [i, amount] of amounts.entries()) {
    const members = lab.participants.slice(2 * i, 2 * i + 2);
    const name = `Team ${String.fromCharCode(65 + i)}`;
    const team = await api()
      .post(`/api/labs/${lab.labId}/teams`)
      .set(bearer(lab.organiser))
      .send({ name, memberIds: members.map((m) => m.userId) });
    expect(team.status).toBe(201);
    const path = `/api/labs/${lab.labId}/funding-rounds/${roundId}/teams/${team.body.id}/proposal`;
    const saved = await api()
      .post(`${path}/versions`)
      .set(bearer(members[0]))
      .send({ baseVersion: 0, content: proposalContent(`Proposal ${name}`, AREAS[i % 3], amount) });
    expect(saved.status).toBe(201);
    const submitted = await api()
      .post(`${path}/submit`)
      .set(bearer(members[1]))
      .send({ version: saved.body.version });
    expect(submitted.status).toBe(200);
    teams.push({ id: team.body.id, name, members, proposalId: saved.body.id });
  }
  return teams;
}
