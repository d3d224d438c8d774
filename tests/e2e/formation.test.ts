import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROFILES = [
  ['AI', 'early career'],
  ['bioinformatics', 'senior'],
  ['cancer research', 'early career'],
  ['AI', 'senior'],
  ['bioinformatics', 'early career'],
  ['cancer research', 'senior'],
  ['AI', 'early career'],
  ['cancer research', 'senior'],
] as const;

interface FormationLab {
  labId: string;
  organiser: Session;
  mentor: Session;
  participants: Session[];
  ideaIds: string[];
}

describe('team formation', () => {
  let app: TestApp;
  let db: pg.Client;
  const api = () => request(app.baseUrl);
  const clients: LiveTestClient[] = [];

  /** A lab with eight participants (profiles set), four shortlisted ideas, formation open. */
  async function formationLab(tag: string): Promise<FormationLab> {
    const { labId, organiser, mentor } = await labWithStaff(app, tag);
    const participants: Session[] = [];
    for (const [i, [discipline, careerStage]] of PROFILES.entries()) {
      const email = `p${i}-${tag}@example.test`;
      await app.createUser({ email, displayName: `Person ${i} ${tag}` });
      const session = await login(app, email);
      await db.query(
        `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
        [labId, session.userId],
      );
      const profile = await api()
        .put(`/api/labs/${labId}/participants/${session.userId}/profile`)
        .set(bearer(organiser))
        .send({ discipline, careerStage });
      expect(profile.status).toBe(200);
      participants.push(session);
    }
    const ideaIds: string[] = [];
    for (const title of ['Tumour twin', 'Trial emulator', 'Imaging atlas', 'Dose planner']) {
      const idea = await api()
        .post(`/api/labs/${labId}/ideas`)
        .set(bearer(participants[ideaIds.length]))
        .send({ title, summary: `${title}: what it would do.`, challengeArea: 'Models' });
      expect(idea.status, JSON.stringify(idea.body)).toBe(201);
      ideaIds.push(idea.body.id);
    }
    const shortlist = await api()
      .put(`/api/labs/${labId}/shortlist`)
      .set(bearer(organiser))
      .send({ ideaIds, version: 0 });
    expect(shortlist.status, JSON.stringify(shortlist.body)).toBe(200);
    const settings = await api()
      .get(`/api/labs/${labId}/formation/settings`)
      .set(bearer(organiser));
    expect(settings.status).toBe(200);
    const opened = await api()
      .put(`/api/labs/${labId}/formation/settings`)
      .set(bearer(organiser))
      .send({ open: true, rules: settings.body.rules, version: settings.body.version });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    return { labId, organiser, mentor, participants, ideaIds };
  }

  async function rate(lab: FormationLab, who: Session, body: Record<string, unknown>) {
    const mine = await api().get(`/api/labs/${lab.labId}/formation/interests/me`).set(bearer(who));
    return api()
      .put(`/api/labs/${lab.labId}/formation/interests/me`)
      .set(bearer(who))
      .send({
        wants: [],
        avoids: [],
        skills: [],
        ratings: {},
        ...body,
        version: mine.body.version,
      });
  }

  async function setRules(lab: FormationLab, rules: Record<string, unknown>) {
    const current = await api()
      .get(`/api/labs/${lab.labId}/formation/settings`)
      .set(bearer(lab.organiser));
    const res = await api()
      .put(`/api/labs/${lab.labId}/formation/settings`)
      .set(bearer(lab.organiser))
      .send({
        open: true,
        rules: { ...current.body.rules, ...rules },
        version: current.body.version,
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await db?.end();
    await app?.close();
  });

  it("keeps each participant's ratings and 'rather not' names to themselves", async () => {
    const lab = await formationLab('private');
    const [ana, ben, cleo] = lab.participants;
    const saved = await rate(lab, ana, {
      ratings: { [lab.ideaIds[0]]: 3, [lab.ideaIds[1]]: 1 },
      wants: [cleo.userId],
      avoids: [ben.userId],
      skills: ['statistics'],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.avoids.map((p: { userId: string }) => p.userId)).toEqual([ben.userId]);
    expect(saved.body.ratings[lab.ideaIds[0]]).toBe(3);

    // Ben and Cleo see their own (empty) answers, never Ana's.
    for (const other of [ben, cleo]) {
      const theirs = await api()
        .get(`/api/labs/${lab.labId}/formation/interests/me`)
        .set(bearer(other));
      expect(theirs.status).toBe(200);
      expect(theirs.body.version).toBe(0);
      expect(theirs.body.avoids).toEqual([]);
      expect(theirs.body.ratings).toEqual({});
    }
    // The organisers' views and runs are closed to participants.
    for (const path of ['', '/runs', '/settings'])
      expect(
        (await api().get(`/api/labs/${lab.labId}/formation${path}`).set(bearer(ben))).status,
      ).toBe(403);

    // After a run is adopted, Ben's team page says nothing of who would rather not work with him.
    await setRules(lab, { teamCount: { min: 2, max: 2 }, teamSize: { min: 4, max: 4 } });
    const run = await api()
      .post(`/api/labs/${lab.labId}/formation/runs`)
      .set(bearer(lab.organiser))
      .send({ seed: 'p' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(JSON.stringify(run.body)).not.toContain('avoids');
    const adopted = await api()
      .post(`/api/labs/${lab.labId}/formation/runs/${run.body.id}/adopt`)
      .set(bearer(lab.organiser));
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    for (const other of [ben, cleo]) {
      const page = await api().get(`/api/labs/${lab.labId}/formation/my-team`).set(bearer(other));
      expect(page.status).toBe(200);
      const text = JSON.stringify(page.body);
      expect(text).not.toMatch(/rather not/i);
      // Ana asked for Cleo (that may be said); that Ana would rather not work with Ben, never.
      if (other === ben) expect(page.body.why.join(' ')).not.toContain('Person 0 private');
      const board = await api().get(`/api/labs/${lab.labId}/formation/board`).set(bearer(other));
      expect(JSON.stringify(board.body)).not.toMatch(/rating|avoid/i);
    }
    // Ana's own page may tell her why; Ana and Ben are not together.
    const anaTeam = await api().get(`/api/labs/${lab.labId}/formation/my-team`).set(bearer(ana));
    expect(anaTeam.body.team.members.map((m: { userId: string }) => m.userId)).not.toContain(
      ben.userId,
    );
  });

  it('refuses interests that cannot be used, and stale edits', async () => {
    const lab = await formationLab('badinput');
    const [ana, ben] = lab.participants;
    const unknownIdea = await rate(lab, ana, {
      ratings: { '00000000-0000-4000-8000-000000000000': 2 },
    });
    expect(unknownIdea.status).toBe(400);
    expect(unknownIdea.body.code).toBe('FORMATION_INTERESTS_INVALID');
    const tooHigh = await rate(lab, ana, { ratings: { [lab.ideaIds[0]]: 4 } });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.code).toBe('VALIDATION_FAILED');
    const self = await rate(lab, ana, { avoids: [ana.userId] });
    expect(self.body.code).toBe('FORMATION_INTERESTS_INVALID');
    const mentorNamed = await rate(lab, ana, { wants: [lab.mentor.userId] });
    expect(mentorNamed.body.code).toBe('FORMATION_INTERESTS_INVALID');

    const first = await rate(lab, ben, { ratings: { [lab.ideaIds[0]]: 2 } });
    expect(first.status).toBe(200);
    const stale = await api()
      .put(`/api/labs/${lab.labId}/formation/interests/me`)
      .set(bearer(ben))
      .send({ ratings: { [lab.ideaIds[0]]: 0 }, wants: [], avoids: [], skills: [], version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FORMATION_INTERESTS_VERSION_CONFLICT');
    const kept = await api().get(`/api/labs/${lab.labId}/formation/interests/me`).set(bearer(ben));
    expect(kept.body.ratings[lab.ideaIds[0]]).toBe(2);

    // Mentors are never members: they state no interests and join no team.
    expect(
      (await api().get(`/api/labs/${lab.labId}/formation/interests/me`).set(bearer(lab.mentor)))
        .status,
    ).toBe(403);
    expect(
      (
        await api()
          .post(`/api/labs/${lab.labId}/formation/ideas/${lab.ideaIds[0]}/join`)
          .set(bearer(lab.mentor))
      ).status,
    ).toBe(403);
    // Another lab's organiser learns nothing of this one.
    const { organiser: stranger } = await labWithStaff(app, 'elsewhere');
    expect((await api().get(`/api/labs/${lab.labId}/formation`).set(bearer(stranger))).status).toBe(
      404,
    );
  });

  it('interests → run → adopt → hand edits with warnings → confirmed teams with their rooms', async () => {
    const lab = await formationLab('journey');
    const { labId, organiser, participants, ideaIds } = lab;
    // Everyone keen on the first two ideas, in turn.
    for (const [i, person] of participants.entries()) {
      const res = await rate(lab, person, {
        ratings: { [ideaIds[i % 2]]: 3, [ideaIds[(i + 1) % 2]]: 1, [ideaIds[2]]: 0 },
      });
      expect(res.status).toBe(200);
    }
    await setRules(lab, {
      teamCount: { min: 2, max: 2 },
      teamSize: { min: 4, max: 4 },
      minDisciplines: 2,
    });

    const run = await api()
      .post(`/api/labs/${labId}/formation/runs`)
      .set(bearer(organiser))
      .send({ seed: 'demo' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status).toBe('optimal');
    expect(run.body.proposedTeams).toHaveLength(2);
    expect(run.body.unassignedPeople).toEqual([]);
    // Each half is keen on one idea, but one half is all early-career: one swap mixes the stages.
    expect(run.body.minSatisfaction).toBe(1);
    expect(run.body.interest).toBe(3 * 6 + 1 * 2);
    for (const team of run.body.proposedTeams) {
      expect(team.members).toHaveLength(4);
      expect(Object.keys(team.composition.disciplines).length).toBeGreaterThanOrEqual(2);
    }
    const again = await api()
      .post(`/api/labs/${labId}/formation/runs`)
      .set(bearer(organiser))
      .send({ seed: 'demo' });
    expect(again.body.proposedTeams).toEqual(run.body.proposedTeams);
    const list = await api().get(`/api/labs/${labId}/formation/runs`).set(bearer(organiser));
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([again.body.id, run.body.id]);

    const adopted = await api()
      .post(`/api/labs/${labId}/formation/runs/${run.body.id}/adopt`)
      .set(bearer(organiser));
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    expect(adopted.body.adopted).toBe(true);
    let overview = await api().get(`/api/labs/${labId}/formation`).set(bearer(organiser));
    expect(overview.body.teams).toHaveLength(2);
    expect(overview.body.unassigned).toEqual([]);
    const [first, second] = overview.body.teams;
    expect(first.status).toBe('forming');

    // A move that would unbalance the sizes is a warning, not a block.
    const mover = first.members[0].userId;
    const check = await api()
      .post(`/api/labs/${labId}/formation/moves`)
      .set(bearer(organiser))
      .send({ userId: mover, fromTeamId: first.id, toTeamId: second.id, dryRun: true });
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.applied).toBe(false);
    expect(check.body.warnings.map((w: { rule: string }) => w.rule)).toContain('teamSize');
    const stale = await api()
      .post(`/api/labs/${labId}/formation/moves`)
      .set(bearer(organiser))
      .send({ userId: mover, fromTeamId: second.id, toTeamId: first.id });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FORMATION_MOVE_STALE');
    const moved = await api()
      .post(`/api/labs/${labId}/formation/moves`)
      .set(bearer(organiser))
      .send({ userId: mover, fromTeamId: first.id, toTeamId: second.id });
    expect(moved.body.applied).toBe(true);
    overview = await api().get(`/api/labs/${labId}/formation`).set(bearer(organiser));
    expect(overview.body.teams.map((t: { memberCount: number }) => t.memberCount)).toEqual([3, 5]);
    const back = await api()
      .post(`/api/labs/${labId}/formation/moves`)
      .set(bearer(organiser))
      .send({ userId: mover, fromTeamId: second.id, toTeamId: first.id });
    expect(back.body.resolved.map((w: { rule: string }) => w.rule)).toContain('teamSize');
    overview = await api().get(`/api/labs/${labId}/formation`).set(bearer(organiser));
    const team = overview.body.teams.find((t: { id: string }) => t.id === first.id);

    // Confirming: a lead among the members, a mentor of the lab, a fresh version.
    const leadId = team.members[0].userId;
    const member = participants.find((p) => p.userId === leadId)!;
    const memberLive = liveClient(app.baseUrl, member, labId);
    clients.push(memberLive);
    await memberLive.connect();
    const notMember = overview.body.teams[1].members[0].userId;
    const wrongLead = await api()
      .post(`/api/labs/${labId}/formation/teams/${team.id}/confirm`)
      .set(bearer(organiser))
      .send({
        name: 'Twin team',
        leadId: notMember,
        mentorId: lab.mentor.userId,
        version: team.version,
      });
    expect(wrongLead.status).toBe(400);
    expect(wrongLead.body.code).toBe('FORMATION_CONFIRM_INVALID');
    const staleConfirm = await api()
      .post(`/api/labs/${labId}/formation/teams/${team.id}/confirm`)
      .set(bearer(organiser))
      .send({ name: 'Twin team', leadId, mentorId: lab.mentor.userId, version: team.version - 1 });
    expect(staleConfirm.body.code).toBe('FORMATION_TEAM_VERSION_CONFLICT');
    const joined = memberLive.next('team:joined', (t) => t.id === team.id);
    const confirmed = await api()
      .post(`/api/labs/${labId}/formation/teams/${team.id}/confirm`)
      .set(bearer(organiser))
      .send({ name: 'Twin team', leadId, mentorId: lab.mentor.userId, version: team.version });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await joined).name).toBe('Twin team');

    const mine = await api().get(`/api/labs/${labId}/formation/my-team`).set(bearer(member));
    expect(mine.body.team).toMatchObject({
      id: team.id,
      name: 'Twin team',
      status: 'confirmed',
      lead: { userId: leadId },
      mentor: { userId: lab.mentor.userId },
      chatChannel: `team:${team.id}`,
    });
    expect(mine.body.team.idea.id).toBe(team.ideaId);
    expect(mine.body.why.length).toBeGreaterThan(0);
    expect(mine.body.why.join(' ')).toMatch(/Your interest in "[^"]+": (very keen|some interest)/);
    // The team chat works: the lead writes in it.
    const sent = await memberLive.request('chat:send', {
      channel: `team:${team.id}`,
      body: 'Hello team',
      clientMessageId: '6f1c1a52-1111-4c3b-9a57-3f9f2a1b0c01',
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    // The workshop's list of teams shows it to its members.
    const teams = await api().get(`/api/labs/${labId}/teams`).set(bearer(member));
    expect(teams.body.map((t: { id: string }) => t.id)).toContain(team.id);

    // A later run keeps the confirmed team as it is.
    const later = await api()
      .post(`/api/labs/${labId}/formation/runs`)
      .set(bearer(organiser))
      .send({ seed: 'later' });
    const kept = later.body.proposedTeams.find((t: { ideaId: string }) => t.ideaId === team.ideaId);
    expect(kept.locked).toBe(true);
    expect(kept.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
      team.members.map((m: { userId: string }) => m.userId).sort(),
    );
    // Adopting the old run now is refused: it was built before the team was confirmed.
    const old = await api()
      .post(`/api/labs/${labId}/formation/runs/${run.body.id}/adopt`)
      .set(bearer(organiser));
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('FORMATION_RUN_STALE');
  });

  it('reports rules that cannot all hold in words, with the smallest change that would help', async () => {
    const lab = await formationLab('infeasible');
    await setRules(lab, { teamCount: { min: 2, max: 2 }, teamSize: { min: 5, max: 5 } });
    const run = await api()
      .post(`/api/labs/${lab.labId}/formation/runs`)
      .set(bearer(lab.organiser))
      .send({});
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status).toBe('infeasible');
    expect(
      run.body.infeasibility.messages.length + run.body.infeasibility.relaxation.length,
    ).toBeGreaterThan(0);
    expect(run.body.infeasibility.relaxation.join(' ')).toMatch(/team/i);
    // In words, by name and title: no ids.
    const words = [...run.body.infeasibility.messages, ...run.body.infeasibility.relaxation];
    expect(words.join('\n')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
    expect(words.join('\n')).toMatch(/"(Tumour twin|Trial emulator|Imaging atlas|Dose planner)"/);
    const adopt = await api()
      .post(`/api/labs/${lab.labId}/formation/runs/${run.body.id}/adopt`)
      .set(bearer(lab.organiser));
    expect(adopt.body.code).toBe('FORMATION_RUN_INFEASIBLE');
  });

  it('self-organised: size caps hold under simultaneous joins, counts are live, locked teams stay closed', async () => {
    const lab = await formationLab('selforg');
    const { labId, organiser, participants, ideaIds } = lab;
    await setRules(lab, { teamSize: { min: 1, max: 2 } });
    const watcher = liveClient(app.baseUrl, participants[7], labId);
    clients.push(watcher);
    await watcher.connect();
    const counted = watcher.next(
      'formation:team',
      (n) => n.ideaId === ideaIds[0] && n.memberCount === 2,
    );

    const answers = await Promise.all(
      participants
        .slice(0, 4)
        .map((p) =>
          api().post(`/api/labs/${labId}/formation/ideas/${ideaIds[0]}/join`).set(bearer(p)),
        ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused).toHaveLength(2);
    for (const answer of refused) expect(answer.body.code).toBe('FORMATION_TEAM_FULL');
    expect((await counted).maxSize).toBe(2);

    const board = await api()
      .get(`/api/labs/${labId}/formation/board`)
      .set(bearer(participants[7]));
    const team = board.body.teams.find((t: { ideaId: string }) => t.ideaId === ideaIds[0]);
    expect(team.memberCount).toBe(2);

    // Joining another idea leaves the first team.
    const someone = participants[answers.findIndex((a) => a.status === 200)];
    const switched = await api()
      .post(`/api/labs/${labId}/formation/ideas/${ideaIds[1]}/join`)
      .set(bearer(someone));
    expect(switched.status).toBe(200);
    expect(
      switched.body.teams.find((t: { ideaId: string }) => t.ideaId === ideaIds[0]).memberCount,
    ).toBe(1);

    // Organisers see who has no team and lock a team as formed.
    const overview = await api().get(`/api/labs/${labId}/formation`).set(bearer(organiser));
    expect(overview.body.unassigned).toHaveLength(6);
    const first = overview.body.teams.find((t: { ideaId: string }) => t.ideaId === ideaIds[0]);
    const locked = await api()
      .post(`/api/labs/${labId}/formation/teams/${first.id}/lock`)
      .set(bearer(organiser))
      .send({ version: first.version });
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    const late = await api()
      .post(`/api/labs/${labId}/formation/ideas/${ideaIds[0]}/join`)
      .set(bearer(participants[6]));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('FORMATION_TEAM_NOT_FORMING');
    // Its member stays: a person on a formed team cannot slip into another one.
    const lockedMember = participants.find((p) => p.userId === first.members[0].userId)!;
    const slip = await api()
      .post(`/api/labs/${labId}/formation/ideas/${ideaIds[2]}/join`)
      .set(bearer(lockedMember));
    expect(slip.status).toBe(409);
    expect(slip.body.code).toBe('FORMATION_TEAM_NOT_FORMING');

    // The optimiser keeps the locked self-organised team and its members as they are, and
    // places nobody else on it; adopting the run leaves it standing.
    const lockedMembers = first.members.map((m: { userId: string }) => m.userId).sort();
    await setRules(lab, {
      teamSize: { min: 1, max: 3 },
      minDisciplines: null,
      mixedCareerStages: false,
    });
    const run = await api()
      .post(`/api/labs/${labId}/formation/runs`)
      .set(bearer(organiser))
      .send({ seed: 'keeps-locked' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body.status, JSON.stringify(run.body)).not.toBe('infeasible');
    const keptTeam = run.body.proposedTeams.find(
      (t: { ideaId: string }) => t.ideaId === ideaIds[0],
    );
    expect(keptTeam.locked).toBe(true);
    expect(keptTeam.members.map((m: { userId: string }) => m.userId).sort()).toEqual(lockedMembers);
    for (const other of run.body.proposedTeams.filter(
      (t: { ideaId: string }) => t.ideaId !== ideaIds[0],
    ))
      for (const m of other.members as { userId: string }[])
        expect(lockedMembers).not.toContain(m.userId);
    const adopted = await api()
      .post(`/api/labs/${labId}/formation/runs/${run.body.id}/adopt`)
      .set(bearer(organiser));
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const afterAdoption = await api().get(`/api/labs/${labId}/formation`).set(bearer(organiser));
    const stillLocked = afterAdoption.body.teams.find((t: { id: string }) => t.id === first.id);
    expect(stillLocked.status).toBe('locked');
    expect(stillLocked.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
      lockedMembers,
    );
    expect(afterAdoption.body.unassigned).toHaveLength(0);

    // Closed formation: nobody joins.
    await api()
      .get(`/api/labs/${labId}/formation/settings`)
      .set(bearer(organiser))
      .then((s) =>
        api()
          .put(`/api/labs/${labId}/formation/settings`)
          .set(bearer(organiser))
          .send({ ...s.body, labId: undefined, open: false }),
      );
    const closed = await api()
      .post(`/api/labs/${labId}/formation/ideas/${ideaIds[2]}/join`)
      .set(bearer(participants[5]));
    expect(closed.body.code).toBe('FORMATION_NOT_OPEN');
  });
});
