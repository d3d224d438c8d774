import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const year = new Date().getUTCFullYear() + 1;
// labBody's workshop: 13–17 July, 15:00–21:00 UTC, i.e. five days in New York.
const WORKSHOP_DAYS = [13, 14, 15, 16, 17].map((d) => `${year}-07-${d}`);
const allDays = (can = true) => Object.fromEntries(WORKSHOP_DAYS.map((d) => [d, can]));

const FORM = [
  { id: 'motivation', type: 'long_text', label: 'Why this lab?', required: true, wordLimit: 20 },
  {
    id: 'role',
    type: 'single_choice',
    label: 'Preferred role',
    required: true,
    options: ['modeller', 'clinician', 'data scientist'],
  },
  {
    id: 'methods',
    type: 'multiple_choice',
    label: 'Methods',
    required: false,
    options: ['ML', 'ODE', 'agent-based'],
  },
  { id: 'portfolio', type: 'url', label: 'Portfolio', required: false },
  {
    id: 'pitch',
    type: 'short_text',
    label: 'One-line pitch',
    required: true,
    helpText: 'One sentence.',
  },
  {
    id: 'conduct',
    type: 'yes_no',
    label: 'I accept the code of conduct',
    required: true,
    requireYes: true,
  },
];

const COMPLETE_PROFILE = {
  name: 'Lovelace, Ada',
  affiliation: 'University of London',
  organisationType: 'university',
  careerStage: 'senior',
  disciplines: ['AI', 'cancer research'],
  primaryDiscipline: 'AI',
  expertiseKeywords: ['mechanistic models', 'tumour growth'],
  country: 'gb',
  orcid: 'https://orcid.org/0000-0002-1825-0097',
  links: ['https://example.org/ada'],
  availability: allDays(),
};

const COMPLETE_ANSWERS = {
  motivation: 'I build patient-specific tumour models and want to meet clinicians.',
  role: 'modeller',
  methods: ['ML', 'ODE'],
  pitch: 'Twins that "learn", one patient at a time',
  conduct: true,
};

/** A minimal RFC 4180 reader, to check the export the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('applications: an applicant applies, organisers follow the call', () => {
  let app: TestApp;
  let labId: string;
  let organiser: Session;
  let mentor: Session;
  let ada: Session;
  let bob: Session;
  let carol: Session;
  let otherOrganiser: Session;
  let adaApplication: string;
  let bobApplication: string;
  const api = () => request(app.baseUrl);

  beforeAll(async () => {
    app = await startTestApp();
    ({ labId, organiser, mentor } = await labWithStaff(app, 'call'));
    ({ organiser: otherOrganiser } = await labWithStaff(app, 'other'));
    for (const name of ['ada', 'bob', 'carol'])
      await app.createUser({
        email: `${name}@example.test`,
        displayName: name[0].toUpperCase() + name.slice(1),
      });
    [ada, bob, carol] = await Promise.all(
      ['ada', 'bob', 'carol'].map((n) => login(app, `${n}@example.test`)),
    );
  });
  afterAll(() => app?.close());

  it('lets organisers publish a typed form, naming every problem of a bad one', async () => {
    const bad = await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({
        questions: [
          { id: 'role', type: 'single_choice', label: 'Role', required: true, options: ['one'] },
          { id: 'role', type: 'url', label: 'Site', required: false, wordLimit: 3 },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('APPLICATION_FORM_INVALID');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'questions[0].options',
      'questions[1].id',
      'questions[1].wordLimit',
    ]);

    const mentorTry = await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(mentor))
      .send({ questions: FORM });
    expect(mentorTry.status).toBe(403);

    const published = await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({ questions: FORM });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ labId, version: 1 });
    expect(published.body.questions[4]).toEqual({
      id: 'pitch',
      type: 'short_text',
      label: 'One-line pitch',
      required: true,
      helpText: 'One sentence.',
    });
  });

  it('hides the form and refuses applications while the lab is a draft', async () => {
    expect(
      (await api().get(`/api/labs/${labId}/application-form`).set(bearer(ada))).body.code,
    ).toBe('LAB_NOT_FOUND');
    expect((await api().post(`/api/labs/${labId}/applications`).set(bearer(ada))).body.code).toBe(
      'LAB_NOT_FOUND',
    );
    const open = await api()
      .post(`/api/labs/${labId}/phase`)
      .set(bearer(organiser))
      .send({ to: 'applications_open' });
    expect(open.body.phase).toBe('applications_open');
    const form = await api().get(`/api/labs/${labId}/application-form`).set(bearer(ada));
    expect(form.status).toBe(200);
    expect(form.body.questions.map((q: { id: string }) => q.id)).toEqual(FORM.map((q) => q.id));
  });

  it('starts one draft per person, prefilled with the name, and makes the person an applicant', async () => {
    const started = await api().post(`/api/labs/${labId}/applications`).set(bearer(ada));
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      labId,
      status: 'draft',
      version: 1,
      profile: { name: 'Ada' },
      answers: {},
      form: { version: 1 },
    });
    expect(started.body.availability).toEqual({
      workshopDays: WORKSHOP_DAYS,
      availableForWholeWorkshop: null,
      unavailableDays: [],
    });
    expect(started.body.deadline).toMatchObject({
      closesAt: `${year}-04-01T21:00:00.000Z`,
      closesAtInLabTimezone: `1 April ${year} at 17:00 EDT (America/New_York)`,
      passed: false,
    });
    adaApplication = started.body.id;

    const again = await api().post(`/api/labs/${labId}/applications`).set(bearer(ada));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'APPLICATION_ALREADY_EXISTS',
      details: { applicationId: adaApplication },
    });

    const me = await api().get('/api/me').set(bearer(ada));
    expect(me.body.memberships).toEqual([expect.objectContaining({ labId, role: 'applicant' })]);
    const mine = await api().get('/api/me/applications').set(bearer(ada));
    expect(mine.body).toEqual([
      expect.objectContaining({ id: adaApplication, labId, labSlug: 'lab-call', status: 'draft' }),
    ]);

    const staff = await api().post(`/api/labs/${labId}/applications`).set(bearer(mentor));
    expect(staff.status).toBe(409);
    expect(staff.body.code).toBe('APPLICANT_IS_LAB_STAFF');

    bobApplication = (await api().post(`/api/labs/${labId}/applications`).set(bearer(bob))).body.id;
  });

  it('autosaves partial drafts and never loses an edit made elsewhere', async () => {
    const first = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({
        version: 1,
        profile: { affiliation: ' University of London ' },
        answers: { pitch: 'Twins' },
      });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 2,
      profile: { name: 'Ada', affiliation: 'University of London' },
      answers: { pitch: 'Twins' },
    });

    const stale = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({ version: 1, profile: { affiliation: 'Other tab' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'APPLICATION_VERSION_CONFLICT',
      details: { currentVersion: 2, yourVersion: 1 },
    });
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(ada))).body.profile
        .affiliation,
    ).toBe('University of London');

    const malformed = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({ version: 2, answers: { nosuch: 'x', conduct: 'yes' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    expect(malformed.body.details.map((d: { field: string }) => d.field)).toEqual([
      'answers.nosuch',
      'answers.conduct',
    ]);
  });

  it('lists every problem at once when an incomplete application is submitted', async () => {
    await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({
        version: 2,
        profile: {
          careerStage: 'postdoc',
          country: 'UK',
          orcid: '0000-0002-1825-0098',
          availability: { [WORKSHOP_DAYS[0]]: true },
        },
        answers: { motivation: 'word '.repeat(21), portfolio: 'my site', conduct: false },
      })
      .expect(200);
    const res = await api()
      .post(`/api/applications/${adaApplication}/submit`)
      .set(bearer(ada))
      .send({ version: 3 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('APPLICATION_INCOMPLETE');
    const byField = Object.fromEntries(
      res.body.details.map((d: { field: string; message: string }) => [d.field, d.message]),
    );
    expect(Object.keys(byField)).toEqual([
      'profile.organisationType',
      'profile.careerStage',
      'profile.disciplines',
      'profile.primaryDiscipline',
      'profile.expertiseKeywords',
      'profile.country',
      'profile.orcid',
      ...WORKSHOP_DAYS.slice(1).map((d) => `profile.availability.${d}`),
      'answers.motivation',
      'answers.role',
      'answers.portfolio',
      'answers.conduct',
    ]);
    expect(byField['answers.motivation']).toBe('the answer has 21 words; the limit is 20');
    expect(byField['profile.orcid']).toMatch(/check digit/);
    // The autosaved pitch counts; nothing the applicant answered is reported missing.
    expect(byField['answers.pitch']).toBeUndefined();
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(ada))).body.status,
    ).toBe('draft');
  });

  it('submits once fixed, keeping the submitted content as a version', async () => {
    const fixed = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({
        version: 3,
        profile: COMPLETE_PROFILE,
        answers: { ...COMPLETE_ANSWERS, portfolio: null },
      });
    expect(fixed.status).toBe(200);
    expect(fixed.body.profile).toMatchObject({ country: 'GB', orcid: '0000-0002-1825-0097' });
    expect(fixed.body.answers).not.toHaveProperty('portfolio');

    const submitted = await api()
      .post(`/api/applications/${adaApplication}/submit`)
      .set(bearer(ada))
      .send({});
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      version: 5,
      availability: { availableForWholeWorkshop: true },
    });
    expect(submitted.body.submittedAt).not.toBeNull();
    expect(submitted.body.versions).toEqual([
      expect.objectContaining({ version: 5, kind: 'submitted' }),
    ]);

    const twice = await api()
      .post(`/api/applications/${adaApplication}/submit`)
      .set(bearer(ada))
      .send({});
    expect(twice.body.code).toBe('APPLICATION_ALREADY_SUBMITTED');
  });

  it('keeps every edit after submission as a version and keeps the application complete', async () => {
    const edit = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({ version: 5, profile: { availability: { ...allDays(), [WORKSHOP_DAYS[2]]: false } } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      status: 'submitted',
      version: 6,
      availability: { availableForWholeWorkshop: false, unavailableDays: [WORKSHOP_DAYS[2]] },
    });
    expect(
      edit.body.versions.map((v: { version: number; kind: string }) => [v.version, v.kind]),
    ).toEqual([
      [5, 'submitted'],
      [6, 'edited'],
    ]);

    const breaking = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({ version: 6, answers: { role: null } });
    expect(breaking.status).toBe(400);
    expect(breaking.body).toMatchObject({
      code: 'APPLICATION_INCOMPLETE',
      details: [{ field: 'answers.role' }],
    });
  });

  it('keeps submitted applications on their form version while drafts follow the new one', async () => {
    const v2 = await api()
      .put(`/api/labs/${labId}/application-form`)
      .set(bearer(organiser))
      .send({
        questions: [
          ...FORM.filter((q) => q.id !== 'methods'),
          {
            id: 'team',
            type: 'long_text',
            label: 'A team you were proud of',
            required: true,
            wordLimit: 50,
          },
        ],
      });
    expect(v2.body.version).toBe(2);
    const adas = await api().get(`/api/applications/${adaApplication}`).set(bearer(ada));
    expect(adas.body.form.version).toBe(1);
    expect(adas.body.answers.methods).toEqual(['ML', 'ODE']);

    const bobs = await api()
      .patch(`/api/applications/${bobApplication}`)
      .set(bearer(bob))
      .send({ version: 1, answers: { team: 'The 2019 hackathon' } });
    expect(bobs.status).toBe(200);
    expect(bobs.body.form.version).toBe(2);
  });

  it('shows an application only to its applicant and the organisers of its lab', async () => {
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(bob))).body.code,
    ).toBe('APPLICATION_NOT_FOUND');
    expect(
      (
        await api()
          .patch(`/api/applications/${adaApplication}`)
          .set(bearer(bob))
          .send({ version: 6 })
      ).status,
    ).toBe(404);
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(mentor))).status,
    ).toBe(404);
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(otherOrganiser))).status,
    ).toBe(404);
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(organiser))).body.status,
    ).toBe('submitted');
    // An organiser may read, not write, an application.
    expect(
      (
        await api()
          .patch(`/api/applications/${adaApplication}`)
          .set(bearer(organiser))
          .send({ version: 6 })
      ).status,
    ).toBe(404);

    const mentorList = await api().get(`/api/labs/${labId}/applications`).set(bearer(mentor));
    expect(mentorList.status).toBe(403);
    expect(
      (await api().get(`/api/labs/${labId}/applications.csv`).set(bearer(mentor))).status,
    ).toBe(403);
    expect((await api().get(`/api/labs/${labId}/applications`).set(bearer(ada))).status).toBe(403);
    const other = await api().get(`/api/labs/${labId}/applications`).set(bearer(otherOrganiser));
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('LAB_NOT_FOUND');
  });

  it('lets organisers filter and page the applications', async () => {
    const all = await api().get(`/api/labs/${labId}/applications`).set(bearer(organiser));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(all.body.items[0]).toMatchObject({
      id: adaApplication,
      email: 'ada@example.test',
      status: 'submitted',
      name: 'Lovelace, Ada',
      careerStage: 'senior',
      primaryDiscipline: 'AI',
      country: 'GB',
      availableForWholeWorkshop: false,
      unavailableDays: [WORKSHOP_DAYS[2]],
    });
    const filtered = async (query: string) =>
      (
        await api().get(`/api/labs/${labId}/applications?${query}`).set(bearer(organiser))
      ).body.items.map((i: { id: string }) => i.id);
    expect(await filtered('discipline=cancer%20research')).toEqual([adaApplication]);
    expect(await filtered('discipline=bioinformatics')).toEqual([]);
    expect(await filtered('careerStage=senior&organisationType=university&country=gb')).toEqual([
      adaApplication,
    ]);
    expect(await filtered('status=draft')).toEqual([bobApplication]);
    const page2 = await api()
      .get(`/api/labs/${labId}/applications?pageSize=1&page=2`)
      .set(bearer(organiser));
    expect(page2.body).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [{ id: bobApplication }],
    });
    const bad = await api()
      .get(`/api/labs/${labId}/applications?status=accepted`)
      .set(bearer(organiser));
    expect(bad.status).toBe(400);
  });

  it('exports the applications as CSV a spreadsheet reads back intact', async () => {
    const res = await api()
      .get(`/api/labs/${labId}/applications.csv?status=submitted`)
      .set(bearer(organiser))
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (text += chunk));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="applications-lab-call.csv"',
    );
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(row).toMatchObject({
      id: adaApplication,
      status: 'submitted',
      name: 'Lovelace, Ada',
      email: 'ada@example.test',
      disciplines: 'AI; cancer research',
      orcid: '0000-0002-1825-0097',
      'available whole workshop': 'no',
      'One-line pitch [pitch]': 'Twins that "learn", one patient at a time',
      'I accept the code of conduct [conduct]': 'yes',
      'A team you were proud of [team]': '',
    });
  });

  it('counts the funnel by each taxonomy attribute', async () => {
    const res = await api().get(`/api/labs/${labId}/applications/funnel`).set(bearer(organiser));
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      started: 2,
      submitted: 1,
      reviewed: 0,
      selected: 0,
      confirmed: 0,
      withdrawn: 0,
    });
    expect(
      res.body.byDiscipline.map(
        (r: { value: string | null; started: number; submitted: number }) => [
          r.value,
          r.started,
          r.submitted,
        ],
      ),
    ).toEqual([
      ['AI', 1, 1],
      ['bioinformatics', 0, 0],
      ['cancer research', 0, 0],
      [null, 1, 0],
    ]);
    expect(res.body.byCareerStage[1]).toMatchObject({ value: 'senior', submitted: 1 });
    expect(res.body.note).toMatch(/reviewed, selected and confirmed/);
  });

  it("refuses late starts and edits after the deadline, saying when it was in the lab's time zone", async () => {
    const lab = (await api().get(`/api/labs/${labId}`).set(bearer(organiser))).body;
    const closed = new Date(Date.now() - 3_600_000);
    const moved = await api()
      .patch(`/api/labs/${labId}`)
      .set(bearer(organiser))
      .send({
        version: lab.version,
        dates: {
          applicationsOpenAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
          applicationsCloseAt: closed.toISOString(),
        },
      });
    expect(moved.status).toBe(200);

    const late = await api()
      .patch(`/api/applications/${adaApplication}`)
      .set(bearer(ada))
      .send({ version: 6, answers: { pitch: 'Too late' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('APPLICATION_DEADLINE_PASSED');
    expect(late.body.message).toMatch(
      /^Applications to this lab closed on .+ \(America\/New_York\)\./,
    );
    // The instant and the lab's zone, for the client to say it in the reader's own time too.
    expect(late.body.details).toMatchObject({
      deadline: closed.toISOString(),
      timezone: 'America/New_York',
      extended: false,
    });
    expect(late.body.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    expect((await api().post(`/api/labs/${labId}/applications`).set(bearer(carol))).body.code).toBe(
      'APPLICATION_DEADLINE_PASSED',
    );
    expect(
      (await api().post(`/api/applications/${bobApplication}/submit`).set(bearer(bob)).send({}))
        .body.code,
    ).toBe('APPLICATION_DEADLINE_PASSED');
    expect(
      (await api().get(`/api/applications/${adaApplication}`).set(bearer(ada))).body.deadline
        .passed,
    ).toBe(true);
  });

  it('lets a personal extension through for that applicant only', async () => {
    const past = await api()
      .post(`/api/labs/${labId}/applications/${bobApplication}/extension`)
      .set(bearer(organiser))
      .send({ until: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('APPLICATION_EXTENSION_INVALID');
    expect(
      (
        await api()
          .post(`/api/labs/${labId}/applications/${bobApplication}/extension`)
          .set(bearer(mentor))
          .send({ until: '2099-01-01T00:00:00Z' })
      ).status,
    ).toBe(403);

    const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const granted = await api()
      .post(`/api/labs/${labId}/applications/${bobApplication}/extension`)
      .set(bearer(organiser))
      .send({ until });
    expect(granted.status).toBe(200);
    expect(granted.body.deadline).toMatchObject({ closesAt: until, extended: true, passed: false });
    expect(granted.body.version).toBe(2);

    const bobs = await api()
      .patch(`/api/applications/${bobApplication}`)
      .set(bearer(bob))
      .send({
        version: 2,
        profile: {
          ...COMPLETE_PROFILE,
          name: 'Bob',
          country: 'US',
          careerStage: 'early career',
          disciplines: ['bioinformatics'],
          primaryDiscipline: 'bioinformatics',
          orcid: null,
        },
        answers: { ...COMPLETE_ANSWERS, methods: undefined, team: 'Our lab' },
      });
    expect(bobs.body).toMatchObject({ version: 3 });
    const submitted = await api()
      .post(`/api/applications/${bobApplication}/submit`)
      .set(bearer(bob))
      .send({ version: 3 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', form: { version: 2 } });

    expect(
      (
        await api()
          .patch(`/api/applications/${adaApplication}`)
          .set(bearer(ada))
          .send({ version: 6 })
      ).body.code,
    ).toBe('APPLICATION_DEADLINE_PASSED');
  });

  it('lets the applicant withdraw, also after the deadline, and then nothing changes', async () => {
    const res = await api().post(`/api/applications/${adaApplication}/withdraw`).set(bearer(ada));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn' });
    expect(res.body.withdrawnAt).not.toBeNull();
    expect(
      (await api().post(`/api/applications/${adaApplication}/withdraw`).set(bearer(ada))).body.code,
    ).toBe('APPLICATION_WITHDRAWN');
    expect(
      (
        await api()
          .patch(`/api/applications/${adaApplication}`)
          .set(bearer(ada))
          .send({ version: 7 })
      ).body.code,
    ).toBe('APPLICATION_WITHDRAWN');

    const funnel = await api().get(`/api/labs/${labId}/applications/funnel`).set(bearer(organiser));
    expect(funnel.body.totals).toMatchObject({ started: 2, submitted: 1, withdrawn: 1 });
  });

  it('records every state change in the audit chain', async () => {
    const audit = await api().get(`/api/labs/${labId}/audit?limit=200`).set(bearer(organiser));
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    for (const action of [
      'form.published',
      'application.started',
      'application.submitted',
      'application.edited',
      'application.extension_granted',
      'application.withdrawn',
      'lab.role_granted',
    ]) {
      expect(actions).toContain(action);
    }
    expect(actions.filter((a: string) => a === 'form.published')).toHaveLength(2);
    expect(
      (await api().get(`/api/labs/${labId}/audit/verify`).set(bearer(organiser))).body.valid,
    ).toBe(true);
  });
});
