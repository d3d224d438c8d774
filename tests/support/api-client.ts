import request from 'supertest';
import type { TestApp } from './test-app.js';
import { TEST_PASSWORD } from './test-app.js';

export interface Session {
  userId: string;
  email: string;
  accessToken: string;
  /** The refresh token the server set in its HttpOnly cookie. */
  refreshToken: string;
}

const REFRESH_COOKIE = 'ideas_lab_refresh';

/** The refresh cookie a response set (`Set-Cookie`), or null when it set none. */
export function refreshCookieOf(res: { headers: Record<string, unknown> }): string | null {
  const header = res.headers['set-cookie'];
  const cookies = Array.isArray(header) ? (header as string[]) : header ? [String(header)] : [];
  for (const cookie of cookies) {
    const [pair] = cookie.split(';');
    if (pair.startsWith(`${REFRESH_COOKIE}=`)) return pair.slice(REFRESH_COOKIE.length + 1);
  }
  return null;
}

/** Headers of a browser sending its refresh cookie to /api/auth/refresh or /api/auth/logout. */
export const withRefreshCookie = (refreshToken: string) => ({
  cookie: `${REFRESH_COOKIE}=${refreshToken}`,
  'x-ideas-lab-refresh': '1',
});

/** Log in through the API, as a client would. */
export async function login(
  app: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await request(app.baseUrl).post('/api/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    userId: res.body.user.id,
    email,
    accessToken: res.body.accessToken,
    refreshToken: refreshCookieOf(res) ?? '',
  };
}

export const bearer = (session: Session) => ({ authorization: `Bearer ${session.accessToken}` });

/** A complete, valid lab body for creation. */
export function labBody(overrides: Record<string, unknown> = {}) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    title: 'Toward Building a Cancer Patient Digital Twin',
    slug: `digital-twin-${Math.random().toString(36).slice(2, 8)}`,
    theme: 'Patient-specific models',
    timezone: 'America/New_York',
    capacity: 30,
    dates: {
      applicationsOpenAt: `${year}-03-01T13:00:00Z`,
      applicationsCloseAt: `${year}-04-01T21:00:00Z`,
      workshopStartAt: `${year}-07-13T15:00:00Z`,
      workshopEndAt: `${year}-07-17T21:00:00Z`,
      proposalsDueAt: `${year}-08-15T21:00:00Z`,
    },
    taxonomy: {
      disciplines: ['AI', 'bioinformatics', 'cancer research'],
      careerStages: ['early career', 'senior'],
      organisationTypes: ['university', 'national laboratory'],
    },
    teamSize: { min: 3, max: 6 },
    funding: { pool: 1_000_000, currency: 'USD' },
    ...overrides,
  };
}

/**
 * A complete applicant profile for a lab made from `labBody`: a senior AI researcher at a
 * university, free every day of the workshop week.
 */
export function applicantProfile(name: string, affiliation = `${name} Institute`) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    name,
    affiliation,
    organisationType: 'university',
    careerStage: 'senior',
    disciplines: ['AI'],
    primaryDiscipline: 'AI',
    expertiseKeywords: ['models'],
    country: 'GB',
    orcid: '0000-0002-1825-0097',
    links: ['https://example.org/me'],
    availability: Object.fromEntries([13, 14, 15, 16, 17].map((d) => [`${year}-07-${d}`, true])),
  };
}

/** An admin, a lab, its organiser and a mentor, ready to use. */
export async function labWithStaff(app: TestApp, tag = Math.random().toString(36).slice(2, 8)) {
  await app.createUser({ email: `admin-${tag}@example.test`, isAdmin: true });
  await app.createUser({ email: `organiser-${tag}@example.test` });
  await app.createUser({ email: `mentor-${tag}@example.test` });
  const admin = await login(app, `admin-${tag}@example.test`);
  const created = await request(app.baseUrl)
    .post('/api/labs')
    .set(bearer(admin))
    .send(labBody({ slug: `lab-${tag}` }));
  if (created.status !== 201)
    throw new Error(`lab creation failed: ${JSON.stringify(created.body)}`);
  const labId: string = created.body.id;
  for (const [email, role] of [
    [`organiser-${tag}@example.test`, 'organiser'],
    [`mentor-${tag}@example.test`, 'mentor'],
  ]) {
    const res = await request(app.baseUrl)
      .post(`/api/labs/${labId}/members`)
      .set(bearer(admin))
      .send({ email, role });
    if (res.status !== 204)
      throw new Error(`appointing ${email} failed: ${JSON.stringify(res.body)}`);
  }
  return {
    labId,
    admin,
    organiser: await login(app, `organiser-${tag}@example.test`),
    mentor: await login(app, `mentor-${tag}@example.test`),
  };
}
