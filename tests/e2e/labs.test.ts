import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labBody, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('labs: an admin creates a lab, its organiser runs it', () => {
  let app: TestApp;
  let admin: Session;
  let organiser: Session;
  let mentor: Session;
  let stranger: Session;
  let labId: string;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    ({ labId, admin, organiser, mentor } = await labWithStaff(app, 'main'));
    await app.createUser({ email: 'stranger@example.test' });
    stranger = await login(app, 'stranger@example.test');
  });
  afterAll(() => app?.close());

  it('lets only admins create labs', async () => {
    const res = await api().post('/api/labs').set(bearer(organiser)).send(labBody());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ADMIN_REQUIRED');
  });

  it('refuses a slug another lab uses, beside the slug field', async () => {
    const res = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .send(labBody({ slug: 'lab-main' }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'LAB_SLUG_TAKEN', details: [{ field: 'slug' }] });
  });

  it('refuses settings that do not fit together, naming each field', async () => {
    const body = labBody({ timezone: 'Mars/Olympus', teamSize: { min: 7, max: 3 } });
    const res = await api().post('/api/labs').set(bearer(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LAB_SETTINGS_INVALID');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'timezone',
      'teamSize.min',
    ]);
  });

  it('validates nested fields by their dotted path', async () => {
    const res = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .send(
        labBody({
          slug: 'Has Spaces',
          capacity: 0,
          dates: { applicationsCloseAt: 'next tuesday' },
        }),
      );
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'capacity',
      'dates.applicationsCloseAt',
      'slug',
    ]);
  });

  it('shows the organiser the lab with their role, and lists it among their labs', async () => {
    const res = await api().get(`/api/labs/${labId}`).set(bearer(organiser));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: labId,
      phase: 'draft',
      myRoles: ['organiser'],
      funding: { pool: 1_000_000, currency: 'USD' },
    });
    const list = await api().get('/api/labs').set(bearer(organiser));
    expect(list.body).toEqual([expect.objectContaining({ id: labId, myRoles: ['organiser'] })]);
    const me = await api().get('/api/me').set(bearer(mentor));
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ labId, role: 'mentor', labPhase: 'draft' }),
    ]);
  });

  it('hides a draft lab from people who hold no role in it', async () => {
    const res = await api().get(`/api/labs/${labId}`).set(bearer(stranger));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('LAB_NOT_FOUND');
    expect((await api().get('/api/labs').set(bearer(stranger))).body).toEqual([]);
  });

  it('lets the organiser edit and never loses a concurrent edit', async () => {
    const current = (await api().get(`/api/labs/${labId}`).set(bearer(organiser))).body;
    const first = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({ version: current.version, theme: 'Digital twins for oncology', capacity: 32 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      theme: 'Digital twins for oncology',
      capacity: 32,
      version: current.version + 1,
    });

    const stale = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(admin))
      .send({ version: current.version, capacity: 28 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('LAB_VERSION_CONFLICT');
    expect((await api().get(`/api/labs/${labId}`).set(bearer(organiser))).body.capacity).toBe(32);
  });

  it("keeps the lab's own examples of expertise for its applicants", async () => {
    const current = (await api().get(`/api/labs/${labId}`).set(bearer(organiser))).body;
    expect(current.expertiseExamples).toBe('');
    const saved = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({ version: current.version, expertiseExamples: '  seismology, early warning  ' });
    expect(saved.status).toBe(200);
    expect(saved.body.expertiseExamples).toBe('seismology, early warning');
    const tooLong = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({ version: saved.body.version, expertiseExamples: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([
      {
        field: 'expertiseExamples',
        message: 'expertiseExamples must be at most 200 characters long',
      },
    ]);
  });

  it('keeps unmentioned taxonomy lists when one list is edited', async () => {
    const current = (await api().get(`/api/labs/${labId}`).set(bearer(organiser))).body;
    const res = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({
        version: current.version,
        taxonomy: { disciplines: ['AI', 'mathematical modelling'] },
      });
    expect(res.status).toBe(200);
    expect(res.body.taxonomy).toEqual({
      ...current.taxonomy,
      disciplines: ['AI', 'mathematical modelling'],
    });
  });

  it('does not let a mentor edit the lab', async () => {
    const res = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(mentor))
      .send({ version: 1, title: 'Mentor was here' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('LAB_ROLE_REQUIRED');
  });

  it('moves through phases one at a time and says why a move is refused', async () => {
    const skip = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'workshop' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('LAB_PHASE_SKIP');

    const unknown = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'launched' });
    expect(unknown.status).toBe(400);

    // The phase bar asks the server what it may offer: the next step, not yet allowed.
    const options = await api().get(`/api/labs/${labId}/phase-options`).set(bearer(organiser));
    expect(options.body).toEqual([
      expect.objectContaining({
        to: 'applications_open',
        allowed: false,
        code: 'LAB_PHASE_INCOMPLETE_SETTINGS',
        missing: ['applicationForm'],
        irreversible: false,
      }),
    ]);
    // A call cannot open before its application form is published.
    const noForm = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' });
    expect(noForm.status).toBe(409);
    expect(noForm.body.code).toBe('LAB_PHASE_INCOMPLETE_SETTINGS');
    expect(noForm.body.message).toContain('a published application form');
    expect(noForm.body.details).toEqual([expect.objectContaining({ field: 'applicationForm' })]);
    await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({
        questions: [{ id: 'pitch', type: 'short_text', label: 'One-line pitch', required: true }],
      })
      .expect(200);

    const open = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' });
    expect(open.status).toBe(200);
    expect(open.body.phase).toBe('applications_open');

    const selection = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'selection' });
    expect(selection.body.phase).toBe('selection');

    const underCapacity = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'workshop' });
    expect(underCapacity.status).toBe(409);
    expect(underCapacity.body.code).toBe('LAB_PHASE_UNDER_CAPACITY');

    const back = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' });
    expect(back.body.phase).toBe('applications_open');
  });

  it('shows the public call page only while applications are open', async () => {
    // Anyone, signed in or not, finds the open call in the list of calls.
    const calls = await api().get('/api/calls');
    expect(calls.status).toBe(200);
    expect(calls.body).toEqual([
      expect.objectContaining({
        slug: 'lab-main',
        capacity: 32,
        timezone: 'America/New_York',
        applicationsCloseAt: expect.any(String),
      }),
    ]);
    const open = await api().get('/api/calls/lab-main');
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ slug: 'lab-main', capacity: 32 });
    expect(open.body).not.toHaveProperty('myRoles');
    // An open call is readable by anyone signed in, too.
    expect((await api().get(`/api/labs/${labId}`).set(bearer(stranger))).status).toBe(200);

    await api().post(`/api/labs/${labId}/phase`).set(bearer(organiser)).send({ to: 'draft' });
    expect((await api().get('/api/calls/lab-main')).status).toBe(404);
    expect((await api().get('/api/calls')).body).toEqual([]);
  });

  it('requires the settings an open call needs', async () => {
    const created = await api()
      .post('/api/labs')
      .set(bearer(admin))
      .send({ title: 'Bare lab', slug: 'bare-lab' });
    expect(created.status).toBe(201);
    const res = await api()
      .post(`/api/labs/${created.body.id}/phase`)
      .set(bearer(admin))
      .send({ to: 'applications_open' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LAB_PHASE_INCOMPLETE_SETTINGS');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'taxonomy.disciplines',
      'dates.applicationsCloseAt',
      'dates.workshopStartAt',
      'dates.workshopEndAt',
      'applicationForm',
    ]);
  });

  it('invites a mentor who signs up with the link, once', async () => {
    const invitation = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ email: 'new.mentor@example.test', role: 'mentor' });
    expect(invitation.status).toBe(201);
    expect(invitation.body.acceptUrl).toContain(`/invitations/${invitation.body.token}`);

    const preview = await api().get(`/api/invitations/${invitation.body.token}`);
    expect(preview.body).toMatchObject({
      labId,
      // The expiry is read in the lab's time: the preview names the lab's zone.
      labTimezone: 'America/New_York',
      role: 'mentor',
      status: 'pending',
      email: 'n•••@example.test',
      anyoneWithLink: false,
    });
    expect(JSON.stringify(preview.body)).not.toContain('new.mentor');

    // Someone else who got hold of the link cannot use it.
    const taken = await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .set(bearer(stranger));
    expect(taken.status).toBe(403);
    expect(taken.body.code).toBe('INVITATION_FOR_SOMEONE_ELSE');
    expect(taken.body.message).toContain('n•••@example.test');

    const signup = await api().post('/api/auth/register').send({
      email: 'new.mentor@example.test',
      password: 'mentoring-matters',
      displayName: 'New Mentor',
    });
    const auth = { authorization: `Bearer ${signup.body.accessToken}` };
    const accepted = await api().post(`/api/invitations/${invitation.body.token}/accept`).set(auth);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ labId, role: 'mentor' });
    expect((await api().get('/api/me').set(auth)).body.memberships).toEqual([
      expect.objectContaining({ labId, role: 'mentor' }),
    ]);

    const again = await api().post(`/api/invitations/${invitation.body.token}/accept`).set(auth);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVITATION_ALREADY_USED');

    const list = await api().get(`/api/labs/${labId}/invitations`).set(bearer(organiser));
    expect(list.body[0]).toMatchObject({ status: 'accepted' });
    expect(list.body[0]).not.toHaveProperty('token');

    // The people list filters by role and finds people by name or address, any case.
    const members = (query: string) =>
      api().get(`/api/labs/${labId}/members?${query}`).set(bearer(organiser));
    const mentors = await members('role=mentor');
    expect(mentors.status).toBe(200);
    expect(new Set(mentors.body.map((m: { role: string }) => m.role))).toEqual(new Set(['mentor']));
    expect(mentors.body.map((m: { displayName: string }) => m.displayName)).toContain('New Mentor');
    const found = await members('q=new%20MENTOR');
    expect(found.body.map((m: { displayName: string }) => m.displayName)).toEqual(['New Mentor']);
    expect((await members('q=%25')).body).toEqual([]); // a % is a character, not a wildcard
    expect((await members('role=astronaut')).status).toBe(400);
  });

  it('signs up through an invitation with the invited address only, and joins at once', async () => {
    const invitation = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ email: 'Invited.Mentor@Example.test', role: 'mentor' });
    const token = invitation.body.token as string;

    // The preview stays masked; the sign-up details, for the token holder, give the address.
    const preview = await api().get(`/api/invitations/${token}`);
    expect(preview.body.email).toBe('i•••@example.test');
    const details = await api().get(`/api/invitations/${token}/sign-up`);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      labId,
      role: 'mentor',
      email: 'invited.mentor@example.test',
      hasAccount: false,
      labTimezone: expect.any(String),
    });

    // Another address cannot be given: the body has no e-mail field.
    const other = await api().post(`/api/invitations/${token}/sign-up`).send({
      email: 'someone.else@example.test',
      displayName: 'Imposter',
      password: 'long-enough-1',
    });
    expect(other.status).toBe(400);
    expect(other.body.details).toEqual([
      expect.objectContaining({ field: '', message: expect.stringContaining('"email"') }),
    ]);
    const blank = await api()
      .post(`/api/invitations/${token}/sign-up`)
      .send({ displayName: '', password: 'long-enough-1' });
    expect(blank.status).toBe(400);
    expect(blank.body.details).toEqual([
      { field: 'displayName', message: 'displayName is required' },
    ]);

    const signedUp = await api()
      .post(`/api/invitations/${token}/sign-up`)
      .send({ displayName: 'Invited Mentor', password: 'long-enough-1' });
    expect(signedUp.status).toBe(201);
    expect(signedUp.body.user).toMatchObject({ email: 'invited.mentor@example.test' });
    expect(signedUp.body).not.toHaveProperty('refreshToken');
    expect(String(signedUp.headers['set-cookie'])).toContain('HttpOnly');
    const auth = { authorization: `Bearer ${signedUp.body.accessToken}` };
    expect((await api().get('/api/me').set(auth)).body.memberships).toEqual([
      expect.objectContaining({ labId, role: 'mentor' }),
    ]);
    const audit = await api().get(`/api/labs/${labId}/audit`).set(bearer(organiser));
    expect(JSON.stringify(audit.body)).toContain('invitation_accepted');

    // Used once: neither the details nor a second sign-up work any more.
    const again = await api()
      .post(`/api/invitations/${token}/sign-up`)
      .send({ displayName: 'Twice', password: 'long-enough-1' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVITATION_ALREADY_USED');
    expect((await api().get(`/api/invitations/${token}/sign-up`)).body.code).toBe(
      'INVITATION_ALREADY_USED',
    );
  });

  it('refuses sign-up through an invitation whose address has an account; the invitation stays usable', async () => {
    const invitation = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ email: 'stranger@example.test', role: 'mentor' });
    const token = invitation.body.token as string;
    expect((await api().get(`/api/invitations/${token}/sign-up`)).body.hasAccount).toBe(true);
    const taken = await api()
      .post(`/api/invitations/${token}/sign-up`)
      .send({ displayName: 'Second Stranger', password: 'long-enough-1' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    // The invitation is still there for the account that owns the address.
    const accepted = await api().post(`/api/invitations/${token}/accept`).set(bearer(stranger));
    expect(accepted.body).toEqual({ labId, role: 'mentor' });
    await api()
      .delete(`/api/labs/${labId}/members/${stranger.userId}/mentor`)
      .set(bearer(organiser))
      .expect(204);

    // A link for anyone names no address to sign up with.
    const link = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ role: 'mentor', anyoneWithLink: true });
    const open = await api().get(`/api/invitations/${link.body.token}/sign-up`);
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('INVITATION_NAMES_NO_ADDRESS');
  });

  it('makes an invitation to organise usable only by the invited account', async () => {
    const invitation = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ email: 'Co.Organiser@Example.test', role: 'organiser' });
    expect(invitation.status).toBe(201);
    const res = await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .set(bearer(stranger));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('INVITATION_FOR_SOMEONE_ELSE');
    const roles = await api().get('/api/me').set(bearer(stranger));
    expect(roles.body.memberships).toEqual([]);

    await app.createUser({ email: 'co.organiser@example.test' });
    const invited = await login(app, 'co.organiser@example.test');
    const accepted = await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .set(bearer(invited));
    expect(accepted.body).toEqual({ labId, role: 'organiser' });
    await api()
      .delete(`/api/labs/${labId}/members/${invited.userId}/organiser`)
      .set(bearer(admin))
      .expect(204);
  });

  it('lets an organiser send a mentor link anyone can accept once, and nothing wider', async () => {
    const forOrganisers = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ role: 'organiser', anyoneWithLink: true });
    expect(forOrganisers.status).toBe(400);
    expect(forOrganisers.body.code).toBe('INVITATION_INVALID');
    expect(forOrganisers.body.details).toEqual([{ field: 'role', message: expect.any(String) }]);
    const nobody = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ role: 'mentor' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.details).toEqual([{ field: 'email', message: expect.any(String) }]);

    const link = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ role: 'mentor', anyoneWithLink: true });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ email: null, anyoneWithLink: true, role: 'mentor' });
    const preview = await api().get(`/api/invitations/${link.body.token}`);
    expect(preview.body).toMatchObject({ email: null, anyoneWithLink: true });
    await app.createUser({ email: 'walk.in@example.test' });
    const walkIn = await login(app, 'walk.in@example.test');
    const accepted = await api()
      .post(`/api/invitations/${link.body.token}/accept`)
      .set(bearer(walkIn));
    expect(accepted.body).toEqual({ labId, role: 'mentor' });
    const second = await api()
      .post(`/api/invitations/${link.body.token}/accept`)
      .set(bearer(stranger));
    expect(second.body.code).toBe('INVITATION_ALREADY_USED');
  });

  it('withdraws an invitation so its link stops working', async () => {
    const invitation = await api()
      .post(`/api/labs/${labId}/invitations`)
      .set(bearer(organiser))
      .send({ email: 'maybe@example.test', role: 'organiser' });
    expect(
      (
        await api()
          .delete(`/api/labs/${labId}/invitations/${invitation.body.id}`)
          .set(bearer(organiser))
      ).status,
    ).toBe(204);
    const res = await api()
      .post(`/api/invitations/${invitation.body.token}/accept`)
      .set(bearer(stranger));
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('INVITATION_REVOKED');
  });

  it('keeps at least one organiser', async () => {
    const res = await api()
      .delete(`/api/labs/${labId}/members/${organiser.userId}/organiser`)
      .set(bearer(admin));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('LAST_ORGANISER');
  });

  it('records every change in a hash chain the organiser can page through and verify', async () => {
    const page = await api().get(`/api/labs/${labId}/audit?limit=3`).set(bearer(organiser));
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(3);
    expect(page.body.items[0].seq).toBeGreaterThan(page.body.items[2].seq);
    const older = await api()
      .get(`/api/labs/${labId}/audit?limit=200&before=${page.body.nextBefore}`)
      .set(bearer(organiser));
    const actions = [...page.body.items, ...older.body.items].map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'lab.created',
        'lab.member_added',
        'lab.updated',
        'lab.phase_changed',
        'lab.invitation_accepted',
      ]),
    );
    expect(older.body.nextBefore).toBeNull();
    // Organisers read who did what, in words.
    const phaseChange = [...page.body.items, ...older.body.items].find(
      (e: { action: string }) => e.action === 'lab.phase_changed',
    );
    expect(phaseChange.actorName).toBe('organiser-main');
    expect(phaseChange.summary).toMatch(/^moved the lab from \w[\w ]* to \w[\w ]*$/);
    expect(phaseChange.summary).not.toContain('_');

    const verified = await api().get(`/api/labs/${labId}/audit/verify`).set(bearer(organiser));
    expect(verified.body).toEqual({ valid: true, checked: actions.length });

    // Someone edits history directly in the database: verification finds the event.
    const tampered = page.body.items[2].seq;
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    await client.query(`UPDATE audit_events SET data = '{"to":"decided"}' WHERE seq = $1`, [
      tampered,
    ]);
    await client.end();
    const broken = await api().get(`/api/labs/${labId}/audit/verify`).set(bearer(organiser));
    expect(broken.body).toMatchObject({ valid: false, firstBrokenSeq: tampered });
  });

  it('keeps one lab’s organiser out of another lab entirely', async () => {
    const other = await labWithStaff(app, 'other');
    for (const path of [
      `/api/labs/${labId}`,
      `/api/labs/${labId}/members`,
      `/api/labs/${labId}/audit`,
      `/api/labs/${labId}/invitations`,
    ]) {
      const res = await api().get(path).set(bearer(other.organiser));
      expect(res.status, path).toBe(404);
      expect(res.body.code, path).toBe('LAB_NOT_FOUND');
    }
    const patch = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(other.organiser))
      .send({ version: 1, title: 'Taken over' });
    expect(patch.status).toBe(404);
  });
});
