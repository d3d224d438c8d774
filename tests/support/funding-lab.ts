import request from 'supertest';
import { expect } from 'vitest';
import { bearer, type Session } from './api-client.js';
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
  const teams: FundingTeam[] = [];
  for (let i = 0; i < 6; i++) {
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
      .send({ baseVersion: 0, content: proposalContent(`Proposal ${name}`, AREAS[i % 3], 48_000) });
    expect(saved.status).toBe(201);
    const submitted = await api()
      .post(`${path}/submit`)
      .set(bearer(members[1]))
      .send({ version: saved.body.version });
    expect(submitted.status).toBe(200);
    teams.push({ id: team.body.id, name, members, proposalId: saved.body.id });
  }
  return { ...lab, roundId, teams };
}
