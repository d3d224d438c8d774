import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdeasShortlist } from '@ideas-lab/ideas';
import { bearer, labWithStaff, type Session } from '../support/api-client.js';
import { ideasLab, type IdeasLab } from '../support/ideas-lab.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('ideas board: post, read, revise, shortlist', () => {
  let app: TestApp;
  let lab: IdeasLab;
  let otherOrganiser: Session;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await ideasLab(app, 'ideas');
    [alice, bob] = lab.participants;
    otherOrganiser = (await labWithStaff(app, 'elsewhere')).organiser;
  });
  afterAll(async () => {
    await lab?.db.end();
    await app?.close();
  });

  const api = () => request(app.baseUrl);
  const ideas = () => `/api/labs/${lab.labId}/ideas`;

  it('lets a participant post an idea that the whole workshop then reads on the board', async () => {
    const posted = await api()
      .post(ideas())
      .set(bearer(alice))
      .send({
        title: 'A digital twin of the tumour micro-environment',
        summary: 'Couple agent-based tumour models with spatial transcriptomics.',
        challengeArea: 'Mechanistic models',
        tags: ['spatial omics', 'agent-based', 'spatial omics'],
        disciplinesNeeded: ['AI', 'bioinformatics'],
        coChampions: [bob.userId],
      });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      title: 'A digital twin of the tumour micro-environment',
      status: 'active',
      version: 1,
      tags: ['spatial omics', 'agent-based'],
      iChampion: true,
      createdBy: { userId: alice.userId },
    });
    expect(posted.body.champions.map((c: { userId: string }) => c.userId).sort()).toEqual(
      [alice.userId, bob.userId].sort(),
    );

    for (const reader of [lab.mentor, lab.organiser, lab.participants[2]]) {
      const board = await api().get(ideas()).set(bearer(reader));
      expect(board.status).toBe(200);
      expect(board.body.map((i: { id: string }) => i.id)).toContain(posted.body.id);
      const one = await api().get(`${ideas()}/${posted.body.id}`).set(bearer(reader));
      expect(one.status).toBe(200);
      expect(one.body.iChampion).toBe(false);
    }
  });

  it('keeps other labs out: their organiser learns nothing, an unknown idea is 404', async () => {
    const idea = await lab.post(alice);
    const list = await api().get(ideas()).set(bearer(otherOrganiser));
    expect(list.status).toBe(404);
    expect(list.body.code).toBe('LAB_NOT_FOUND');
    const one = await api().get(`${ideas()}/${idea.id}`).set(bearer(otherOrganiser));
    expect(one.status).toBe(404);
    const missing = await api()
      .get(`${ideas()}/00000000-0000-4000-8000-000000000000`)
      .set(bearer(alice));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('IDEA_NOT_FOUND');
  });

  it('refuses organisers posting, unknown disciplines, challenge areas off the list and co-champions from outside', async () => {
    const byOrganiser = await api()
      .post(ideas())
      .set(bearer(lab.organiser))
      .send({ title: 'x', summary: 'y', challengeArea: 'z' });
    expect(byOrganiser.status).toBe(403);

    const badDiscipline = await api()
      .post(ideas())
      .set(bearer(alice))
      .send({ title: 'x', summary: 'y', challengeArea: 'z', disciplinesNeeded: ['astrology'] });
    expect(badDiscipline.status).toBe(400);
    expect(badDiscipline.body.code).toBe('IDEA_INVALID');
    expect(badDiscipline.body.details[0].field).toBe('disciplinesNeeded');

    const outsider = await api()
      .post(ideas())
      .set(bearer(alice))
      .send({ title: 'x', summary: 'y', challengeArea: 'z', coChampions: [otherOrganiser.userId] });
    expect(outsider.status).toBe(400);
    expect(outsider.body.code).toBe('IDEA_CHAMPION_INVALID');

    const missingTitle = await api()
      .post(ideas())
      .set(bearer(alice))
      .send({ summary: 'y', challengeArea: 'z' });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.code).toBe('VALIDATION_FAILED');
  });

  it('holds summaries to the word limit the organisers set, and ideas to their challenge areas', async () => {
    const board = await api().get(`/api/labs/${lab.labId}/idea-board`).set(bearer(alice));
    expect(board.body.summaryWordLimit).toBe(250);
    const set = await api()
      .put(`/api/labs/${lab.labId}/idea-board`)
      .set(bearer(lab.organiser))
      .send({
        version: board.body.version,
        summaryWordLimit: 10,
        challengeAreas: ['Mechanistic models', 'Clinical decisions'],
      });
    expect(set.status).toBe(200);
    expect(set.body.summaryWordLimit).toBe(10);
    const stale = await api()
      .put(`/api/labs/${lab.labId}/idea-board`)
      .set(bearer(lab.organiser))
      .send({ version: board.body.version, summaryWordLimit: 500 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('IDEA_BOARD_VERSION_CONFLICT');
    expect(stale.body.details.current.summaryWordLimit).toBe(10);

    const long = await api().post(ideas()).set(bearer(alice)).send({
      title: 'Too long',
      summary: 'one two three four five six seven eight nine ten eleven',
      challengeArea: 'Mechanistic models',
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({
      code: 'IDEA_SUMMARY_TOO_LONG',
      details: { words: 11, limit: 10 },
    });
    const offList = await api()
      .post(ideas())
      .set(bearer(alice))
      .send({ title: 'Elsewhere', summary: 'Short.', challengeArea: 'Astronomy' });
    expect(offList.status).toBe(400);
    expect(offList.body.details[0].field).toBe('challengeArea');

    await api()
      .put(`/api/labs/${lab.labId}/idea-board`)
      .set(bearer(lab.organiser))
      .send({ version: set.body.version, summaryWordLimit: 250, challengeAreas: [] });
  });

  it('lets champions revise an idea and refuses a stale edit with the idea as it is now', async () => {
    const idea = await lab.post(alice, { coChampions: [bob.userId] });
    const path = `${ideas()}/${idea.id}`;
    const byAlice = await api()
      .patch(path)
      .set(bearer(alice))
      .send({ version: 1, summary: 'Narrowed to breast cancer.', note: 'After the mentors' });
    expect(byAlice.status).toBe(200);
    expect(byAlice.body).toMatchObject({ version: 2, summary: 'Narrowed to breast cancer.' });

    // Bob edits what he loaded before Alice's revision: nothing of his is written.
    const byBob = await api()
      .patch(path)
      .set(bearer(bob))
      .send({ version: 1, title: 'Bob’s title' });
    expect(byBob.status).toBe(409);
    expect(byBob.body.code).toBe('IDEA_VERSION_CONFLICT');
    expect(byBob.body.details.current).toMatchObject({
      version: 2,
      summary: 'Narrowed to breast cancer.',
      title: idea.title,
    });
    const now = await api().get(path).set(bearer(bob));
    expect(now.body.title).toBe(idea.title);

    const notChampion = await api()
      .patch(path)
      .set(bearer(lab.participants[2]))
      .send({ version: 2, title: 'Taken over' });
    expect(notChampion.status).toBe(403);
    expect(notChampion.body.code).toBe('IDEA_NOT_CHAMPION');
  });

  it('filters the board by tag, discipline and my ideas', async () => {
    const tagged = await lab.post(bob, {
      tags: ['rare-tag'],
      disciplinesNeeded: ['cancer research'],
    });
    const byTag = await api().get(ideas()).query({ tag: 'rare-tag' }).set(bearer(alice));
    expect(byTag.body.map((i: { id: string }) => i.id)).toEqual([tagged.id]);
    const byDiscipline = await api()
      .get(ideas())
      .query({ discipline: 'cancer research' })
      .set(bearer(alice));
    expect(byDiscipline.body.map((i: { id: string }) => i.id)).toEqual([tagged.id]);
    const mine = await api().get(ideas()).query({ mine: 'true' }).set(bearer(lab.participants[2]));
    expect(mine.body).toEqual([]);
    const badQuery = await api().get(ideas()).query({ colour: 'red' }).set(bearer(alice));
    expect(badQuery.status).toBe(400);
  });

  it('lets organisers set the shortlist in order, which the workshop and team formation read', async () => {
    const first = await lab.post(alice, { title: 'Shortlisted first' });
    const second = await lab.post(bob, {
      title: 'Shortlisted second',
      disciplinesNeeded: ['bioinformatics'],
    });
    const path = `/api/labs/${lab.labId}/shortlist`;
    const empty = await api().get(path).set(bearer(alice));
    expect(empty.body).toMatchObject({ version: 0, ideas: [] });

    const byParticipant = await api()
      .put(path)
      .set(bearer(alice))
      .send({ version: 0, ideaIds: [first.id] });
    expect(byParticipant.status).toBe(403);

    const set = await api()
      .put(path)
      .set(bearer(lab.organiser))
      .send({ version: 0, ideaIds: [second.id, first.id] });
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(1);
    expect(set.body.ideas.map((i: { title: string }) => i.title)).toEqual([
      'Shortlisted second',
      'Shortlisted first',
    ]);

    const stale = await api()
      .put(path)
      .set(bearer(lab.organiser))
      .send({ version: 0, ideaIds: [first.id] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SHORTLIST_VERSION_CONFLICT');

    const twice = await api()
      .put(path)
      .set(bearer(lab.organiser))
      .send({ version: 1, ideaIds: [first.id, first.id] });
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('SHORTLIST_INVALID');

    const read = await api().get(path).set(bearer(lab.mentor));
    expect(read.body.ideas.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    const card = await api().get(`${ideas()}/${second.id}`).set(bearer(alice));
    expect(card.body.shortlistPosition).toBe(1);

    const forFormation = await app.app.get(IdeasShortlist).shortlistedIdeas(lab.labId);
    expect(forFormation).toEqual([
      {
        position: 1,
        id: second.id,
        title: 'Shortlisted second',
        challengeArea: 'Mechanistic models',
        disciplinesNeeded: ['bioinformatics'],
      },
      {
        position: 2,
        id: first.id,
        title: 'Shortlisted first',
        challengeArea: 'Mechanistic models',
        disciplinesNeeded: ['AI'],
      },
    ]);
  });
});
