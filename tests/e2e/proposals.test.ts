import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { liveLab, type LiveLab } from '../support/live-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const content = (over: Record<string, unknown> = {}) => ({
  title: 'A digital twin of tumour response',
  abstract: 'Patient-specific models that predict response to therapy.',
  aims: 'Calibrate a mechanistic model per patient.',
  approach: 'Bayesian calibration against imaging time series.',
  challengeArea: 'Predicting response to treatment',
  milestones: [{ title: 'Prototype', due: '2021-03', description: 'First calibrated model' }],
  teamRoles: [{ userId: null, name: 'Ada', role: 'Modelling lead' }],
  budget: [
    { category: 'personnel', description: 'Postdoc, 6 months', amount: 30_000 },
    { category: 'compute', description: 'GPU hours', amount: 12_500.5 },
  ],
  ...over,
});

describe('funding rounds and team proposals', () => {
  let app: TestApp;
  let lab: LiveLab;
  let alpha: string;
  let beta: string;
  let roundId: string;
  let alphaMembers: Session[];
  let betaMember: Session;
  const live: LiveTestClient[] = [];
  const api = () => request(app.baseUrl);
  const base = () => `/api/labs/${lab.labId}/funding-rounds`;
  const proposalOf = (round: string, team: string) =>
    `/api/labs/${lab.labId}/funding-rounds/${round}/teams/${team}/proposal`;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await liveLab(app, 'prop', 5);
    alphaMembers = lab.participants.slice(0, 3);
    betaMember = lab.participants[3];
    const team = async (name: string, members: Session[]) => {
      const res = await api()
        .post(`/api/labs/${lab.labId}/teams`)
        .set(bearer(lab.organiser))
        .send({ name, memberIds: members.map((m) => m.userId) });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    alpha = await team('Alpha', alphaMembers);
    beta = await team('Beta', [betaMember, lab.participants[4]]);
  });

  afterAll(async () => {
    for (const client of live) client.close();
    await lab?.db.end();
    await app?.close();
  });

  it('lets organisers set up a round and refuses settings that cannot hold', async () => {
    const refused = await api()
      .post(base())
      .set(bearer(lab.organiser))
      .send({ name: 'Seed', pool: 100, awardCap: 200, currency: 'USD', proposalsDueAt: inDays(7) });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('FUNDING_ROUND_INVALID');
    expect(refused.body.details).toEqual([
      { field: 'awardCap', message: 'awardCap must not be more than the pool' },
    ]);

    const byParticipant = await api()
      .post(base())
      .set(bearer(alphaMembers[0]))
      .send({
        name: 'Seed',
        pool: 250_000,
        awardCap: 50_000,
        currency: 'USD',
        proposalsDueAt: inDays(7),
      });
    expect(byParticipant.status).toBe(403);

    const created = await api()
      .post(base())
      .set(bearer(lab.organiser))
      .send({
        name: 'Seed funding',
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
    roundId = created.body.id;
    expect(created.body).toMatchObject({
      pool: 250_000,
      awardCap: 50_000,
      access: 'open',
      open: true,
    });
    expect(created.body.sections.map((s: { key: string }) => s.key)).toEqual([
      'abstract',
      'aims',
      'approach',
      'challengeArea',
      'milestones',
      'teamRoles',
    ]);
    expect(created.body.proposalsDueInLabTimezone).toMatch(/\(America\/New_York\)$/);

    // A participant sees the round with only their own team in it.
    const seen = await api().get(`${base()}/${roundId}`).set(bearer(betaMember));
    expect(seen.status).toBe(200);
    expect(seen.body.teams.map((t: { name: string }) => t.name)).toEqual(['Beta']);
  });

  it('of two members saving at once, one is refused with the current version; nothing is lost', async () => {
    const watcher = liveClient(app.baseUrl, alphaMembers[2], lab.labId);
    live.push(watcher);
    await watcher.connect();
    const outsider = liveClient(app.baseUrl, betaMember, lab.labId);
    live.push(outsider);
    await outsider.connect();

    const start = await api().get(proposalOf(roundId, alpha)).set(bearer(alphaMembers[0]));
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      id: null,
      version: 0,
      status: 'not-started',
      canEdit: true,
    });

    const [first, second] = await Promise.all(
      alphaMembers.slice(0, 2).map((member, i) =>
        api()
          .post(`${proposalOf(roundId, alpha)}/versions`)
          .set(bearer(member))
          .send({ baseVersion: 0, content: content({ title: `Title by member ${i}` }) }),
      ),
    );
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([201, 409]);
    const [won, lost] = first.status === 201 ? [first, second] : [second, first];
    expect(lost.body.code).toBe('PROPOSAL_VERSION_CONFLICT');
    expect(lost.body.details.currentVersion).toBe(1);
    expect(lost.body.details.current.content.title).toBe(won.body.content.title);
    expect(lost.body.details.current.savedBy.userId).toBe(won.body.savedBy.userId);

    // The refused member saves again on top of the current version: both edits are versions.
    const loser = alphaMembers[first.status === 201 ? 1 : 0];
    const again = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(loser))
      .send({ baseVersion: 1, content: content({ title: 'Merged title' }) });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ version: 2, status: 'draft' });

    const versions = await api()
      .get(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(alphaMembers[2]));
    expect(
      versions.body.map((v: { version: number; author: { userId: string } }) => [
        v.version,
        v.author.userId,
      ]),
    ).toEqual([
      [2, loser.userId],
      [1, won.body.savedBy.userId],
    ]);

    // A teammate sees both saves arrive on the team channel; another team hears nothing.
    const seen = [
      await watcher.next('proposal:saved', (n) => n.version === 1),
      await watcher.next('proposal:saved', (n) => n.version === 2),
    ];
    expect(seen.map((n) => [n.teamId, n.by.userId])).toEqual([
      [alpha, won.body.savedBy.userId],
      [alpha, loser.userId],
    ]);
    expect(outsider.all('proposal:saved')).toEqual([]);
  });

  it('shows a team proposal to nobody outside the team but the organisers, and to mentors once submitted', async () => {
    const otherTeam = await api().get(proposalOf(roundId, alpha)).set(bearer(betaMember));
    expect(otherTeam.status).toBe(404);
    expect(otherTeam.body.code).toBe('PROPOSAL_TEAM_NOT_FOUND');
    for (const path of ['/versions', '/versions/1', '/compare?from=1&to=2']) {
      const res = await api()
        .get(`${proposalOf(roundId, alpha)}${path}`)
        .set(bearer(betaMember));
      expect(res.status, path).toBe(404);
    }
    const write = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(betaMember))
      .send({ baseVersion: 2, content: content({ title: 'Hijacked' }) });
    expect(write.status).toBe(404);

    const mentorEarly = await api().get(proposalOf(roundId, alpha)).set(bearer(lab.mentor));
    expect(mentorEarly.status).toBe(404);
    expect(mentorEarly.body.code).toBe('PROPOSAL_NOT_FOUND');
    const mentorList = await api().get(`${base()}/${roundId}/proposals`).set(bearer(lab.mentor));
    expect(mentorList.body).toEqual([]);

    const organiser = await api().get(proposalOf(roundId, alpha)).set(bearer(lab.organiser));
    expect(organiser.status).toBe(200);
    expect(organiser.body).toMatchObject({ version: 2, canEdit: false });
    const organiserWrite = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(lab.organiser))
      .send({ baseVersion: 2, content: content() });
    expect(organiserWrite.status).toBe(403);
    expect(organiserWrite.body.code).toBe('PROPOSAL_TEAM_MEMBERS_ONLY');

    const other = await labWithStaff(app, 'other');
    const stranger = await api().get(proposalOf(roundId, alpha)).set(bearer(other.organiser));
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('LAB_NOT_FOUND');
  });

  it('submits only within the cap, and mentors read the submitted version even after later saves', async () => {
    const member = alphaMembers[0];
    const over = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(member))
      .send({
        baseVersion: 2,
        content: content({
          budget: [{ category: 'equipment', description: 'Microscope', amount: 50_000.01 }],
        }),
      });
    expect(over.status).toBe(201);
    expect(over.body.budget).toEqual({
      total: 50_000.01,
      cap: 50_000,
      currency: 'USD',
      overCap: true,
    });
    const refused = await api()
      .post(`${proposalOf(roundId, alpha)}/submit`)
      .set(bearer(member))
      .send({ version: 3 });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('PROPOSAL_INCOMPLETE');
    expect(refused.body.details).toEqual([
      { field: 'budget', message: 'the budget totals 50,000.01 USD, over the cap of 50,000 USD' },
    ]);

    const fixed = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(member))
      .send({ baseVersion: 3, content: content() });
    expect(fixed.body.version).toBe(4);
    const stale = await api()
      .post(`${proposalOf(roundId, alpha)}/submit`)
      .set(bearer(member))
      .send({ version: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PROPOSAL_VERSION_CONFLICT');
    const submitted = await api()
      .post(`${proposalOf(roundId, alpha)}/submit`)
      .set(bearer(member))
      .send({ version: 4 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedVersion: 4 });

    const later = await api()
      .post(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(alphaMembers[1]))
      .send({ baseVersion: 4, content: content({ aims: 'Aims rewritten after submitting' }) });
    expect(later.body.status).toBe('changed-since-submission');

    const mentor = await api().get(proposalOf(roundId, alpha)).set(bearer(lab.mentor));
    expect(mentor.status).toBe(200);
    expect(mentor.body).toMatchObject({ version: 4, status: 'submitted' });
    expect(mentor.body.content.aims).toBe('Calibrate a mechanistic model per patient.');
    const mentorHistory = await api()
      .get(`${proposalOf(roundId, alpha)}/versions`)
      .set(bearer(lab.mentor));
    expect(mentorHistory.status).toBe(404);
    const list = await api().get(`${base()}/${roundId}/proposals`).set(bearer(lab.mentor));
    expect(
      list.body.map((p: { team: { name: string }; version: number }) => [p.team.name, p.version]),
    ).toEqual([['Alpha', 4]]);

    const compared = await api()
      .get(`${proposalOf(roundId, alpha)}/compare?from=4&to=5`)
      .set(bearer(member));
    expect(compared.status).toBe(200);
    expect(
      compared.body.sections
        .filter((s: { changed: boolean }) => s.changed)
        .map((s: { key: string }) => s.key),
    ).toEqual(['aims']);
    // Resubmitting the new version.
    const resubmitted = await api()
      .post(`${proposalOf(roundId, alpha)}/submit`)
      .set(bearer(member))
      .send({ version: 5 });
    expect(resubmitted.body).toMatchObject({ status: 'submitted', submittedVersion: 5 });
  });

  it('refuses late saves and submissions with a clear code, except for a team given an extension', async () => {
    const current = await api().get(`${base()}/${roundId}`).set(bearer(lab.organiser));
    const closed = await api()
      .patch(`${base()}/${roundId}`)
      .set(bearer(lab.organiser))
      .send({ version: current.body.version, proposalsDueAt: inDays(-1) });
    expect(closed.status).toBe(200);

    const late = await api()
      .post(`${proposalOf(roundId, beta)}/versions`)
      .set(bearer(betaMember))
      .send({ baseVersion: 0, content: content({ title: 'Beta, late' }) });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PROPOSAL_DEADLINE_PASSED');
    expect(late.body.message).toMatch(
      /^Proposals for this round were due on .*\(America\/New_York\)/,
    );
    const lateSubmit = await api()
      .post(`${proposalOf(roundId, alpha)}/submit`)
      .set(bearer(alphaMembers[0]))
      .send({ version: 5 });
    expect(lateSubmit.status).toBe(409);
    expect(lateSubmit.body.code).toBe('PROPOSAL_DEADLINE_PASSED');

    const stale = await api()
      .patch(`${base()}/${roundId}`)
      .set(bearer(lab.organiser))
      .send({ version: current.body.version, name: 'Renamed' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FUNDING_ROUND_VERSION_CONFLICT');

    const extension = await api()
      .put(`${base()}/${roundId}/teams/${beta}/extension`)
      .set(bearer(lab.organiser))
      .send({ until: inDays(2) });
    expect(extension.status).toBe(200);
    expect(extension.body).toMatchObject({ teamId: beta, name: 'Beta' });
    const inTime = await api()
      .post(`${proposalOf(roundId, beta)}/versions`)
      .set(bearer(betaMember))
      .send({ baseVersion: 0, content: content({ title: 'Beta, with more time' }) });
    expect(inTime.status).toBe(201);
    expect(inTime.body).toMatchObject({ extended: true, open: true, canEdit: true });
    // Alpha has no extension: still closed.
    const alphaStill = await api().get(proposalOf(roundId, alpha)).set(bearer(alphaMembers[0]));
    expect(alphaStill.body).toMatchObject({ open: false, canEdit: false });
  });

  it('starts an invited team’s second-round proposal from its first-round one; others see no such round', async () => {
    const notSubmitted = await api()
      .post(base())
      .set(bearer(lab.organiser))
      .send({
        name: 'Second round',
        pool: 1_000_000,
        awardCap: 500_000,
        currency: 'USD',
        proposalsDueAt: inDays(30),
        access: 'invite-only',
        previousRoundId: roundId,
        invitedTeamIds: [alpha, beta],
      });
    expect(notSubmitted.status).toBe(400);
    expect(notSubmitted.body.details).toEqual([
      { field: 'invitedTeamIds.1', message: 'this team submitted no proposal to "Seed funding"' },
    ]);

    const second = await api()
      .post(base())
      .set(bearer(lab.organiser))
      .send({
        name: 'Second round',
        pool: 1_000_000,
        awardCap: 500_000,
        currency: 'USD',
        proposalsDueAt: inDays(30),
        access: 'invite-only',
        previousRoundId: roundId,
        invitedTeamIds: [alpha],
      });
    expect(second.status).toBe(201);
    expect(second.body.invitedTeamIds).toEqual([alpha]);

    const start = await api().get(proposalOf(second.body.id, alpha)).set(bearer(alphaMembers[2]));
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      version: 0,
      startedFrom: { roundId, roundName: 'Seed funding', version: 5 },
    });
    expect(start.body.content.aims).toBe('Aims rewritten after submitting');

    const saved = await api()
      .post(`${proposalOf(second.body.id, alpha)}/versions`)
      .set(bearer(alphaMembers[2]))
      .send({ baseVersion: 0, content: { ...start.body.content, title: 'Scaling the twin' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, startedFrom: { roundId, version: 5 } });

    const uninvited = await api().get(proposalOf(second.body.id, beta)).set(bearer(betaMember));
    expect(uninvited.status).toBe(404);
    const rounds = await api().get(base()).set(bearer(betaMember));
    expect(rounds.body.map((r: { name: string }) => r.name)).toEqual(['Seed funding']);
  });
});
