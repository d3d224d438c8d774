import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type Session } from '../support/api-client.js';
import { ideasLab, type IdeasLab } from '../support/ideas-lab.js';
import { liveClient, type LiveTestClient } from '../support/live-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('ideas board: compare revisions, discuss, support, merge, curate, live', () => {
  let app: TestApp;
  let lab: IdeasLab;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let watcher: LiveTestClient;

  beforeAll(async () => {
    app = await startTestApp();
    lab = await ideasLab(app, 'discuss');
    [alice, bob, carol] = lab.participants;
    watcher = liveClient(app.baseUrl, carol, lab.labId);
    await watcher.connect();
  });
  afterAll(async () => {
    watcher?.close();
    await lab?.db.end();
    await app?.close();
  });

  const api = () => request(app.baseUrl);
  const idea = (id: string) => `/api/labs/${lab.labId}/ideas/${id}`;

  it('keeps every revision and compares any two side by side with the changed words marked', async () => {
    const posted = await lab.post(alice, {
      title: 'Tumour twin',
      summary: 'Couple agent-based models with imaging data.',
    });
    await watcher.next('idea:changed', (n) => n.ideaId === posted.id && n.change === 'posted');
    const second = await api()
      .patch(idea(posted.id))
      .set(bearer(alice))
      .send({ version: 1, summary: 'Couple agent-based models with spatial transcriptomics.' });
    expect(second.status).toBe(200);
    const revised = await watcher.next(
      'idea:changed',
      (n) => n.ideaId === posted.id && n.change === 'revised',
    );
    expect(revised.version).toBe(2);
    await api()
      .patch(idea(posted.id))
      .set(bearer(alice))
      .send({ version: 2, title: 'Breast tumour twin', note: 'Narrowed down' });

    const history = await api()
      .get(`${idea(posted.id)}/revisions`)
      .set(bearer(bob));
    expect(history.status).toBe(200);
    expect(history.body.map((r: { number: number }) => r.number)).toEqual([1, 2, 3]);
    expect(history.body[2]).toMatchObject({ title: 'Breast tumour twin', note: 'Narrowed down' });

    const compared = await api()
      .get(`${idea(posted.id)}/revisions/compare`)
      .query({ from: history.body[0].id, to: history.body[2].id })
      .set(bearer(bob));
    expect(compared.status).toBe(200);
    const summary = compared.body.fields.find((f: { field: string }) => f.field === 'summary');
    expect(summary.changed).toBe(true);
    expect(
      summary.parts
        .filter((p: { change: string }) => p.change === 'removed')
        .map((p: { value: string }) => p.value),
    ).toContain('imaging');
    const title = compared.body.fields.find((f: { field: string }) => f.field === 'title');
    expect(
      title.parts
        .filter((p: { change: string }) => p.change === 'added')
        .map((p: { value: string }) => p.value.trim()),
    ).toContain('Breast');
    const challenge = compared.body.fields.find(
      (f: { field: string }) => f.field === 'challengeArea',
    );
    expect(challenge.changed).toBe(false);

    const foreign = await lab.post(bob);
    const foreignHistory = await api()
      .get(`${idea(foreign.id)}/revisions`)
      .set(bearer(bob));
    const wrong = await api()
      .get(`${idea(posted.id)}/revisions/compare`)
      .query({ from: history.body[0].id, to: foreignHistory.body[0].id })
      .set(bearer(bob));
    expect(wrong.status).toBe(404);
    expect(wrong.body.code).toBe('IDEA_REVISION_NOT_FOUND');
  });

  it('threads comments and replies, marks mentors’ comments, and lets champions mark them addressed', async () => {
    const posted = await lab.post(alice);
    const byMentor = await api()
      .post(`${idea(posted.id)}/comments`)
      .set(bearer(lab.mentor))
      .send({ body: 'Which patient data would this need first?' });
    expect(byMentor.status).toBe(201);
    expect(byMentor.body).toMatchObject({ byMentor: true, addressed: false, parentId: null });
    const reply = await api()
      .post(`${idea(posted.id)}/comments`)
      .set(bearer(bob))
      .send({ body: 'Imaging from the trial cohort.', parentId: byMentor.body.id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ byMentor: false, parentId: byMentor.body.id });

    const notChampion = await api()
      .put(`${idea(posted.id)}/comments/${byMentor.body.id}/addressed`)
      .set(bearer(bob))
      .send({ addressed: true });
    expect(notChampion.status).toBe(403);
    const addressed = await api()
      .put(`${idea(posted.id)}/comments/${byMentor.body.id}/addressed`)
      .set(bearer(alice))
      .send({ addressed: true });
    expect(addressed.status).toBe(200);
    expect(addressed.body).toMatchObject({
      addressed: true,
      addressedBy: { userId: alice.userId },
    });

    const thread = await api()
      .get(`${idea(posted.id)}/comments`)
      .set(bearer(carol));
    expect(thread.body.map((c: { body: string }) => c.body)).toEqual([
      'Which patient data would this need first?',
      'Imaging from the trial cohort.',
    ]);
    expect((await api().get(idea(posted.id)).set(bearer(carol))).body.comments).toBe(2);

    const strayReply = await api()
      .post(`${idea((await lab.post(bob)).id)}/comments`)
      .set(bearer(bob))
      .send({ body: 'Elsewhere', parentId: byMentor.body.id });
    expect(strayReply.status).toBe(404);
    expect(strayReply.body.code).toBe('IDEA_COMMENT_NOT_FOUND');
  });

  it('counts supporters, once each, and only participants support', async () => {
    const posted = await lab.post(alice);
    for (let i = 0; i < 2; i++) {
      const res = await api()
        .put(`${idea(posted.id)}/support`)
        .set(bearer(bob));
      expect(res.status).toBe(200);
      expect(res.body.iSupport).toBe(true);
    }
    await api()
      .put(`${idea(posted.id)}/support`)
      .set(bearer(carol));
    const byMentor = await api()
      .put(`${idea(posted.id)}/support`)
      .set(bearer(lab.mentor));
    expect(byMentor.status).toBe(403);
    const card = await api().get(idea(posted.id)).set(bearer(alice));
    expect(card.body.supporters).toBe(2);
    const withdrawn = await api()
      .delete(`${idea(posted.id)}/support`)
      .set(bearer(carol));
    expect(withdrawn.body.supporters.map((s: { userId: string }) => s.userId)).toEqual([
      bob.userId,
    ]);
  });

  it('merges when every champion involved accepts, carrying revisions, comments and supporters over', async () => {
    const kept = await lab.post(alice, { title: 'Kept idea' });
    const merged = await lab.post(bob, { title: 'Merged idea' });
    await api()
      .patch(idea(merged.id))
      .set(bearer(bob))
      .send({ version: 1, summary: 'Revised once.' });
    await api()
      .post(`${idea(merged.id)}/comments`)
      .set(bearer(lab.mentor))
      .send({ body: 'Good point' });
    await api()
      .put(`${idea(merged.id)}/support`)
      .set(bearer(carol));

    const outsider = await api()
      .post(`/api/labs/${lab.labId}/idea-merges`)
      .set(bearer(carol))
      .send({ targetIdeaId: kept.id, sourceIdeaIds: [merged.id] });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('IDEA_MERGE_NOT_ALLOWED');

    const proposed = await api()
      .post(`/api/labs/${lab.labId}/idea-merges`)
      .set(bearer(alice))
      .send({ targetIdeaId: kept.id, sourceIdeaIds: [merged.id] });
    expect(proposed.status).toBe(201);
    expect(proposed.body.state).toBe('open');
    expect(proposed.body.waitingFor.map((p: { userId: string }) => p.userId)).toEqual([bob.userId]);
    expect((await api().get(idea(merged.id)).set(bearer(bob))).body.status).toBe('active');

    const accepted = await api()
      .post(`/api/labs/${lab.labId}/idea-merges/${proposed.body.id}/accept`)
      .set(bearer(bob));
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('merged');
    const notice = await watcher.next(
      'idea:changed',
      (n) => n.ideaId === merged.id && n.change === 'merged',
    );
    expect(notice.mergedInto).toBe(kept.id);

    const source = await api().get(idea(merged.id)).set(bearer(carol));
    expect(source.body).toMatchObject({
      status: 'merged',
      mergedInto: { id: kept.id, title: 'Kept idea' },
    });
    const result = await api().get(idea(kept.id)).set(bearer(carol));
    expect(result.body.mergedFrom).toEqual([{ id: merged.id, title: 'Merged idea' }]);
    expect(result.body.supporters).toBe(1);
    expect(result.body.comments).toBe(1);
    expect(result.body.champions.map((c: { userId: string }) => c.userId).sort()).toEqual(
      [alice.userId, bob.userId].sort(),
    );
    const history = await api()
      .get(`${idea(kept.id)}/revisions`)
      .set(bearer(carol));
    expect(
      history.body.map(
        (r: { writtenFor: { title: string }; number: number }) =>
          `${r.writtenFor.title} ${r.number}`,
      ),
    ).toEqual(['Kept idea 1', 'Merged idea 1', 'Merged idea 2']);
    // The merged idea stays readable with its own history and discussion.
    expect(
      (
        await api()
          .get(`${idea(merged.id)}/revisions`)
          .set(bearer(carol))
      ).body,
    ).toHaveLength(2);
    expect(
      (
        await api()
          .get(`${idea(merged.id)}/comments`)
          .set(bearer(carol))
      ).body,
    ).toHaveLength(1);

    const again = await api()
      .patch(idea(merged.id))
      .set(bearer(bob))
      .send({ version: 2, title: 'Still editing' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('IDEA_NOT_ACTIVE');
  });

  it('lets organisers merge at once, and a declined proposal merges nothing', async () => {
    const a = await lab.post(alice, { title: 'A' });
    const b = await lab.post(bob, { title: 'B' });
    const proposal = await api()
      .post(`/api/labs/${lab.labId}/idea-merges`)
      .set(bearer(bob))
      .send({ targetIdeaId: b.id, sourceIdeaIds: [a.id] });
    const declined = await api()
      .post(`/api/labs/${lab.labId}/idea-merges/${proposal.body.id}/decline`)
      .set(bearer(alice));
    expect(declined.body).toMatchObject({
      state: 'declined',
      declinedBy: { userId: alice.userId },
    });
    expect((await api().get(idea(a.id)).set(bearer(alice))).body.status).toBe('active');

    const byOrganiser = await api()
      .post(`/api/labs/${lab.labId}/idea-merges`)
      .set(bearer(lab.organiser))
      .send({ targetIdeaId: a.id, sourceIdeaIds: [b.id] });
    expect(byOrganiser.status).toBe(201);
    expect(byOrganiser.body.state).toBe('merged');
    expect((await api().get(idea(b.id)).set(bearer(alice))).body.mergedInto.id).toBe(a.id);

    const twice = await api()
      .post(`/api/labs/${lab.labId}/idea-merges`)
      .set(bearer(lab.organiser))
      .send({ targetIdeaId: a.id, sourceIdeaIds: [b.id] });
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('IDEA_MERGE_INVALID');
  });

  it('lets organisers theme, archive and restore ideas, which the board filters by', async () => {
    const posted = await lab.post(alice, { title: 'To be themed' });
    const theme = await api()
      .post(`/api/labs/${lab.labId}/idea-board/themes`)
      .set(bearer(lab.organiser))
      .send({ name: 'Data and models' });
    expect(theme.status).toBe(201);
    const themed = await api()
      .put(`${idea(posted.id)}/theme`)
      .set(bearer(lab.organiser))
      .send({ themeId: theme.body.id });
    expect(themed.body.theme).toEqual({ id: theme.body.id, name: 'Data and models' });
    const byTheme = await api()
      .get(`/api/labs/${lab.labId}/ideas`)
      .query({ theme: theme.body.id })
      .set(bearer(bob));
    expect(byTheme.body.map((i: { id: string }) => i.id)).toEqual([posted.id]);

    const archived = await api()
      .post(`${idea(posted.id)}/archive`)
      .set(bearer(lab.organiser));
    expect(archived.body.status).toBe('archived');
    const board = await api().get(`/api/labs/${lab.labId}/ideas`).set(bearer(bob));
    expect(board.body.map((i: { id: string }) => i.id)).not.toContain(posted.id);
    const archivedList = await api()
      .get(`/api/labs/${lab.labId}/ideas`)
      .query({ status: 'archived' })
      .set(bearer(bob));
    expect(archivedList.body.map((i: { id: string }) => i.id)).toContain(posted.id);
    const byParticipant = await api()
      .post(`${idea(posted.id)}/restore`)
      .set(bearer(alice));
    expect(byParticipant.status).toBe(403);
    const restored = await api()
      .post(`${idea(posted.id)}/restore`)
      .set(bearer(lab.organiser));
    expect(restored.body.status).toBe('active');
    const again = await api()
      .post(`${idea(posted.id)}/restore`)
      .set(bearer(lab.organiser));
    expect(again.status).toBe(409);
  });
});
