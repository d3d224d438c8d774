import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, labWithStaff, login, type Session } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Rule =
  | 'public'
  | 'authenticated'
  | 'admin'
  | 'lab-member'
  | 'lab-workshop'
  | 'lab-participant'
  | 'lab-staff'
  | 'lab-mentor'
  | 'lab-contributor'
  | 'lab-organiser'
  | 'lab-team';
type Persona =
  | 'anonymous'
  | 'stranger'
  | 'applicant'
  | 'participant'
  | 'mentor'
  | 'organiser of another lab'
  | 'organiser'
  | 'admin';

/**
 * Who may call each route. The table is checked against the router: a route added without
 * a rule here fails the suite, so nobody ships an endpoint whose access was never decided.
 */
const RULES: Record<string, Rule> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'POST /api/auth/register': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': 'authenticated',
  'POST /api/me/password': 'authenticated',
  'DELETE /api/me/sessions': 'authenticated',
  'GET /api/labs': 'authenticated',
  'POST /api/labs': 'admin',
  'GET /api/labs/{labId}': 'lab-member',
  'PATCH /api/labs/{labId}': 'lab-organiser',
  'POST /api/labs/{labId}/phase': 'lab-organiser',
  'GET /api/labs/{labId}/phase-options': 'lab-organiser',
  'GET /api/calls': 'public',
  'GET /api/calls/{slug}': 'public',
  'GET /api/labs/{labId}/members': 'lab-organiser',
  'POST /api/labs/{labId}/members': 'lab-organiser',
  'DELETE /api/labs/{labId}/members/{userId}/{role}': 'lab-organiser',
  'POST /api/labs/{labId}/invitations': 'lab-organiser',
  'GET /api/labs/{labId}/invitations': 'lab-organiser',
  'DELETE /api/labs/{labId}/invitations/{invitationId}': 'lab-organiser',
  'GET /api/invitations/{token}': 'public',
  // The token is the proof: whoever holds it may read the invited address and sign up with it.
  'GET /api/invitations/{token}/sign-up': 'public',
  'POST /api/invitations/{token}/sign-up': 'public',
  'POST /api/invitations/{token}/accept': 'authenticated',
  'GET /api/labs/{labId}/audit': 'lab-organiser',
  'GET /api/labs/{labId}/audit/verify': 'lab-organiser',
  // The form: members read it (and anyone signed in while the call is open); organisers publish.
  'PUT /api/labs/{labId}/application-form': 'lab-organiser',
  'GET /api/labs/{labId}/application-form': 'lab-member',
  // Starting needs the lab to be visible (any signed-in person while the call is open; this lab is a draft).
  'POST /api/labs/{labId}/applications': 'lab-member',
  'GET /api/labs/{labId}/applications': 'lab-organiser',
  'GET /api/labs/{labId}/applications.csv': 'lab-organiser',
  'GET /api/labs/{labId}/applications/funnel': 'lab-organiser',
  'POST /api/labs/{labId}/applications/{applicationId}/extension': 'lab-organiser',
  // One's own application (record-level: the applicant, and the organisers of its lab to read).
  'GET /api/applications/{applicationId}': 'authenticated',
  'PATCH /api/applications/{applicationId}': 'authenticated',
  'POST /api/applications/{applicationId}/submit': 'authenticated',
  'POST /api/applications/{applicationId}/withdraw': 'authenticated',
  'GET /api/me/applications': 'authenticated',
  // The workshop: every member reads the agenda; the rounds are for the people of the workshop
  // (record-level: participants see their own rooms, mentors the rooms they visit); organisers run it.
  'GET /api/labs/{labId}/agenda': 'lab-member',
  // Live chat history: the lab's chat for the people of the workshop (record-level: a room's
  // chat for those who were in it, and the organisers).
  'GET /api/labs/{labId}/chat': 'lab-workshop',
  // Teams: organisers set them up; the people of the workshop list them (record-level: one's own teams).
  'GET /api/labs/{labId}/teams': 'lab-workshop',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/rooms/recreate': 'lab-organiser',
  'POST /api/labs/{labId}/teams': 'lab-organiser',
  // Team formation: participants state their (private) interests and join forming teams; the
  // people of the workshop read the board; organisers set the rules, run, adopt, edit, confirm.
  'GET /api/labs/{labId}/formation/interests/me': 'lab-participant',
  'PUT /api/labs/{labId}/formation/interests/me': 'lab-participant',
  'GET /api/labs/{labId}/formation/people': 'lab-workshop',
  'GET /api/labs/{labId}/formation/board': 'lab-workshop',
  'POST /api/labs/{labId}/formation/ideas/{ideaId}/join': 'lab-participant',
  'POST /api/labs/{labId}/formation/leave': 'lab-participant',
  'GET /api/labs/{labId}/formation/my-team': 'lab-participant',
  'GET /api/labs/{labId}/formation': 'lab-organiser',
  'GET /api/labs/{labId}/formation/settings': 'lab-organiser',
  'PUT /api/labs/{labId}/formation/settings': 'lab-organiser',
  'POST /api/labs/{labId}/formation/runs': 'lab-organiser',
  'GET /api/labs/{labId}/formation/runs': 'lab-organiser',
  'GET /api/labs/{labId}/formation/runs/{runId}': 'lab-organiser',
  'POST /api/labs/{labId}/formation/runs/{runId}/adopt': 'lab-organiser',
  'POST /api/labs/{labId}/formation/moves': 'lab-organiser',
  'POST /api/labs/{labId}/formation/teams/{teamId}/lock': 'lab-organiser',
  'POST /api/labs/{labId}/formation/teams/{teamId}/unlock': 'lab-organiser',
  'POST /api/labs/{labId}/formation/teams/{teamId}/confirm': 'lab-organiser',
  'GET /api/labs/{labId}/agenda.ics': 'lab-member',
  'POST /api/labs/{labId}/sessions': 'lab-organiser',
  'PATCH /api/labs/{labId}/sessions/{sessionId}': 'lab-organiser',
  'DELETE /api/labs/{labId}/sessions/{sessionId}': 'lab-organiser',
  'GET /api/labs/{labId}/sessions/{sessionId}/rounds': 'lab-workshop',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/state': 'lab-organiser',
  'PATCH /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/rooms/{roomId}': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/moves': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/swaps': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/rounds/{roundId}/choice': 'lab-participant',
  'GET /api/labs/{labId}/sessions/{sessionId}/plans': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/plans': 'lab-organiser',
  'POST /api/labs/{labId}/sessions/{sessionId}/plans/{planId}/adopt': 'lab-organiser',
  'GET /api/labs/{labId}/sessions/{sessionId}/met-matrix': 'lab-organiser',
  'GET /api/labs/{labId}/participants': 'lab-organiser',
  'PUT /api/labs/{labId}/participants/{userId}/profile': 'lab-organiser',
  'GET /api/labs/{labId}/workshop-settings': 'lab-organiser',
  'PUT /api/labs/{labId}/workshop-settings': 'lab-organiser',
  // Application review: the reviewers (mentors and organisers) read the rubric, keep their
  // conflicts and write reviews (record-level: their own assignments; others' reviews after
  // their own); organisers set the rubric, assign, follow progress and see the scores.
  // Applicants and participants never reach a review route.
  'GET /api/labs/{labId}/rubric': 'lab-staff',
  'PUT /api/labs/{labId}/rubric': 'lab-organiser',
  'POST /api/labs/{labId}/rubric/close': 'lab-organiser',
  'GET /api/labs/{labId}/reviewers/me': 'lab-staff',
  'PUT /api/labs/{labId}/reviewers/me': 'lab-staff',
  'POST /api/labs/{labId}/review-assignments/run': 'lab-organiser',
  'GET /api/labs/{labId}/review-assignments': 'lab-organiser',
  'POST /api/labs/{labId}/review-assignments': 'lab-organiser',
  'DELETE /api/labs/{labId}/review-assignments/{assignmentId}': 'lab-organiser',
  'GET /api/labs/{labId}/my-reviews': 'lab-staff',
  'GET /api/labs/{labId}/my-reviews/{applicationId}': 'lab-staff',
  'PUT /api/labs/{labId}/my-reviews/{applicationId}': 'lab-staff',
  'POST /api/labs/{labId}/my-reviews/{applicationId}/submit': 'lab-staff',
  'GET /api/labs/{labId}/applications/{applicationId}/reviews': 'lab-staff',
  'GET /api/labs/{labId}/review-progress': 'lab-organiser',
  'GET /api/labs/{labId}/scores': 'lab-organiser',
  // Cohort selection: organisers run, compare, re-run and adopt runs and follow the decisions.
  'POST /api/labs/{labId}/selection-runs': 'lab-organiser',
  'GET /api/labs/{labId}/selection-runs': 'lab-organiser',
  'GET /api/labs/{labId}/selection-runs/{runId}': 'lab-organiser',
  'POST /api/labs/{labId}/selection-runs/{runId}/rerun': 'lab-organiser',
  'POST /api/labs/{labId}/selection-runs/{runId}/adopt': 'lab-organiser',
  'GET /api/labs/{labId}/decisions': 'lab-organiser',
  'POST /api/labs/{labId}/decisions/expire': 'lab-organiser',
  // One's own decision (record-level: only the applicant it concerns answers it).
  'GET /api/me/decisions': 'authenticated',
  'POST /api/decisions/{decisionId}/confirm': 'authenticated',
  'POST /api/decisions/{decisionId}/decline': 'authenticated',
  // Decision letters: the organisers' outbox.
  'GET /api/labs/{labId}/letters': 'lab-organiser',
  'POST /api/labs/{labId}/letters/compose': 'lab-organiser',
  'PATCH /api/labs/{labId}/letters/{letterId}': 'lab-organiser',
  'POST /api/labs/{labId}/letters/release': 'lab-organiser',
  // The ideas board: the people of the workshop read it; participants and mentors post ideas
  // (record-level: champions revise theirs); organisers set the board and the shortlist.
  'GET /api/labs/{labId}/idea-board': 'lab-workshop',
  'GET /api/labs/{labId}/idea-board/people': 'lab-workshop',
  'PUT /api/labs/{labId}/idea-board': 'lab-organiser',
  'POST /api/labs/{labId}/idea-board/themes': 'lab-organiser',
  'DELETE /api/labs/{labId}/idea-board/themes/{themeId}': 'lab-organiser',
  'GET /api/labs/{labId}/ideas': 'lab-workshop',
  'POST /api/labs/{labId}/ideas': 'lab-contributor',
  'GET /api/labs/{labId}/ideas/{ideaId}': 'lab-workshop',
  'PATCH /api/labs/{labId}/ideas/{ideaId}': 'lab-workshop',
  'GET /api/labs/{labId}/shortlist': 'lab-workshop',
  'PUT /api/labs/{labId}/shortlist': 'lab-organiser',
  // Funding rounds and proposals: organisers set rounds up and give extensions; the people of
  // the workshop read rounds (record-level: participants their teams' rounds); team members
  // write their team's proposal, organisers read every one, mentors the submitted ones, other
  // teams nothing (404).
  'POST /api/labs/{labId}/funding-rounds': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds': 'lab-workshop',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}': 'lab-workshop',
  'PATCH /api/labs/{labId}/funding-rounds/{fundingRoundId}': 'lab-organiser',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/extension': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/proposals': 'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal': 'lab-workshop',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/versions':
    'lab-workshop',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/versions':
    'lab-workshop',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/versions/{version}':
    'lab-workshop',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/compare':
    'lab-workshop',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/proposal/submit':
    'lab-workshop',
  // Proposal review: the ranking is the organisers' (the funding decision builds on it).
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/ranking': 'lab-organiser',
  // The funding decision is the organisers'; funded teams (and the lab's people) read and file progress reports.
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/merit': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}/replay':
    'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/portfolio-runs/{runId}/adopt':
    'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/decisions': 'lab-organiser',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/decisions/{proposalId}': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/letters': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/letters': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/letters/release': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports': 'lab-workshop',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports/{reportId}':
    'lab-workshop',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/progress-reports/remind': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/export.json': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/export.csv': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review': 'lab-organiser',
  'PATCH /api/labs/{labId}/funding-rounds/{fundingRoundId}/review': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/close': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/release-comments': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/assignment-runs': 'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/assignments': 'lab-organiser',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/assignments': 'lab-organiser',
  'DELETE /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/assignments/{assignmentId}':
    'lab-organiser',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/mine': 'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/my-conflicts': 'lab-staff',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/my-conflicts/{proposalId}':
    'lab-staff',
  'DELETE /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/my-conflicts/{proposalId}':
    'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}':
    'lab-staff',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/my-review':
    'lab-staff',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/my-review/submit':
    'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/reviews':
    'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/thread':
    'lab-staff',
  'POST /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/thread':
    'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/consensus':
    'lab-staff',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/consensus/lead':
    'lab-organiser',
  'PUT /api/labs/{labId}/funding-rounds/{fundingRoundId}/review/proposals/{proposalId}/consensus':
    'lab-staff',
  'GET /api/labs/{labId}/funding-rounds/{fundingRoundId}/teams/{teamId}/review-feedback':
    'lab-team',
  'GET /api/labs/{labId}/ideas/{ideaId}/revisions': 'lab-workshop',
  'GET /api/labs/{labId}/ideas/{ideaId}/revisions/compare': 'lab-workshop',
  'GET /api/labs/{labId}/ideas/{ideaId}/comments': 'lab-workshop',
  'POST /api/labs/{labId}/ideas/{ideaId}/comments': 'lab-workshop',
  'PUT /api/labs/{labId}/ideas/{ideaId}/comments/{commentId}/addressed': 'lab-workshop',
  'GET /api/labs/{labId}/ideas/{ideaId}/supporters': 'lab-workshop',
  // Supporters are the people who would work on it: participants.
  'PUT /api/labs/{labId}/ideas/{ideaId}/support': 'lab-participant',
  'DELETE /api/labs/{labId}/ideas/{ideaId}/support': 'lab-participant',
  'PUT /api/labs/{labId}/ideas/{ideaId}/theme': 'lab-organiser',
  'POST /api/labs/{labId}/ideas/{ideaId}/archive': 'lab-organiser',
  'POST /api/labs/{labId}/ideas/{ideaId}/restore': 'lab-organiser',
  // Merges: organisers merge; champions propose and answer (record-level: champions involved).
  'GET /api/labs/{labId}/idea-merges': 'lab-workshop',
  'POST /api/labs/{labId}/idea-merges': 'lab-workshop',
  'POST /api/labs/{labId}/idea-merges/{mergeId}/accept': 'lab-workshop',
  'POST /api/labs/{labId}/idea-merges/{mergeId}/decline': 'lab-workshop',
  // Voting: organisers run sessions; participants and mentors place dots.
  // Pitch sessions: the workshop's people read the running order and their teams' released
  // feedback; organisers edit and run it and read the scores; mentors score (organisers who are
  // not mentors are refused).
  'GET /api/labs/{labId}/pitch-sessions': 'lab-workshop',
  'GET /api/labs/{labId}/pitch-sessions/{sessionId}': 'lab-workshop',
  'PUT /api/labs/{labId}/pitch-sessions/{sessionId}': 'lab-organiser',
  'POST /api/labs/{labId}/pitch-sessions/{sessionId}/start': 'lab-organiser',
  'POST /api/labs/{labId}/pitch-sessions/{sessionId}/advance': 'lab-organiser',
  'POST /api/labs/{labId}/pitch-sessions/{sessionId}/next': 'lab-organiser',
  'POST /api/labs/{labId}/pitch-sessions/{sessionId}/clock': 'lab-organiser',
  'POST /api/labs/{labId}/pitch-sessions/{sessionId}/end': 'lab-organiser',
  'GET /api/labs/{labId}/pitch-sessions/{sessionId}/my-scores': 'lab-mentor',
  'PUT /api/labs/{labId}/pitch-sessions/{sessionId}/slots/{slotId}/my-score': 'lab-mentor',
  'GET /api/labs/{labId}/pitch-sessions/{sessionId}/scores': 'lab-organiser',
  'PUT /api/labs/{labId}/pitch-sessions/{sessionId}/scores/{scoreId}/release': 'lab-organiser',
  'GET /api/labs/{labId}/pitch-sessions/{sessionId}/feedback': 'lab-workshop',
  'GET /api/labs/{labId}/pitch-scores': 'lab-organiser',
  'GET /api/labs/{labId}/voting-sessions': 'lab-workshop',
  'POST /api/labs/{labId}/voting-sessions': 'lab-organiser',
  'GET /api/labs/{labId}/voting-sessions/{sessionId}': 'lab-workshop',
  'POST /api/labs/{labId}/voting-sessions/{sessionId}/close': 'lab-organiser',
  'POST /api/labs/{labId}/voting-sessions/{sessionId}/dots': 'lab-contributor',
};

const ALLOWED: Record<Rule, Persona[]> = {
  public: [
    'anonymous',
    'stranger',
    'applicant',
    'participant',
    'mentor',
    'organiser of another lab',
    'organiser',
    'admin',
  ],
  authenticated: [
    'stranger',
    'applicant',
    'participant',
    'mentor',
    'organiser of another lab',
    'organiser',
    'admin',
  ],
  admin: ['admin'],
  'lab-member': ['applicant', 'participant', 'mentor', 'organiser', 'admin'],
  // The people of the live workshop: participants, mentors and organisers (applicants are not).
  'lab-workshop': ['participant', 'mentor', 'organiser', 'admin'],
  'lab-participant': ['participant', 'admin'],
  // The reviewers of applications: mentors and organisers.
  'lab-staff': ['mentor', 'organiser', 'admin'],
  // Who scores pitches: mentors.
  'lab-mentor': ['mentor', 'admin'],
  // Who posts ideas: participants and mentors.
  'lab-contributor': ['participant', 'mentor', 'admin'],
  'lab-organiser': ['organiser', 'admin'],
  // A team's own reading of its review (participants) and the organisers: mentors never.
  'lab-team': ['participant', 'organiser', 'admin'],
};
const PERSONAS: Persona[] = ALLOWED.public;

/** Every route Nest mapped, read from the controllers' metadata (`GET /api/labs/{labId}`). */
function routesOfTheRouter(app: TestApp): string[] {
  const routes = new Set<string>();
  for (const module of app.app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = (metatype.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || path === undefined) continue;
        const full = `/${[base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`.replace(/:(\w+)/g, '{$1}');
        const prefixed = full.startsWith('/health') ? full : `/api${full}`;
        routes.add(`${RequestMethod[method]} ${prefixed}`);
      }
    }
  }
  return [...routes];
}

describe('permission matrix over every route', () => {
  let app: TestApp;
  let labId: string;
  const sessions = new Map<Persona, Session>();
  let routes: string[];

  beforeAll(async () => {
    app = await startTestApp();
    const lab = await labWithStaff(app, 'a');
    const other = await labWithStaff(app, 'b');
    labId = lab.labId;
    await app.createUser({ email: 'stranger@example.test' });
    await app.createUser({ email: 'applicant@example.test' });
    const applicant = await login(app, 'applicant@example.test');
    // Applications come with a later issue; grant the role directly for now.
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    await client.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'applicant')`,
      [labId, applicant.userId],
    );
    // Selection grants the participant role in a later flow; grant it directly here.
    await app.createUser({ email: 'participant@example.test' });
    const participant = await login(app, 'participant@example.test');
    await client.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
      [labId, participant.userId],
    );
    await client.end();
    sessions.set('stranger', await login(app, 'stranger@example.test'));
    sessions.set('applicant', applicant);
    sessions.set('participant', participant);
    sessions.set('mentor', lab.mentor);
    sessions.set('organiser of another lab', other.organiser);
    sessions.set('organiser', lab.organiser);
    sessions.set('admin', lab.admin);
    routes = routesOfTheRouter(app);
  });
  afterAll(() => app?.close());

  it('has a rule for every route the router serves, and no rule for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(20);
    // The OpenAPI document lists the same routes (none is hidden from the docs).
    const documented = Object.entries(app.document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect([...documented].sort()).toEqual([...routes].sort());
    expect(
      routes.filter((r) => !(r in RULES)),
      'routes without a permission rule',
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((r) => !routes.includes(r)),
      'rules for routes that no longer exist',
    ).toEqual([]);
  });

  it('lets exactly the allowed people through each route', async () => {
    const failures: string[] = [];
    // Signing out everywhere ends the caller's tokens: it goes last.
    const endsSessions = (route: string) => route === 'DELETE /api/me/sessions';
    const ordered = [...routes.filter((r) => !endsSessions(r)), ...routes.filter(endsSessions)];
    for (const route of ordered) {
      const [method, template] = route.split(' ');
      const path = template
        .replace('{labId}', labId)
        .replace('{slug}', 'lab-a')
        .replace('{token}', 'no-such-token')
        .replace('{userId}', randomUUID())
        .replace('{invitationId}', randomUUID())
        .replace('{applicationId}', randomUUID())
        .replace('{sessionId}', randomUUID())
        .replace('{roundId}', randomUUID())
        .replace('{roomId}', randomUUID())
        .replace('{planId}', randomUUID())
        .replace('{assignmentId}', randomUUID())
        .replace('{runId}', randomUUID())
        .replace('{decisionId}', randomUUID())
        .replace('{letterId}', randomUUID())
        .replace('{ideaId}', randomUUID())
        .replace('{themeId}', randomUUID())
        .replace('{commentId}', randomUUID())
        .replace('{mergeId}', randomUUID())
        .replace('{fundingRoundId}', randomUUID())
        .replace('{teamId}', randomUUID())
        .replace('{slotId}', randomUUID())
        .replace('{scoreId}', randomUUID())
        .replace('{version}', '1')
        .replace('{role}', 'mentor');
      const allowed = ALLOWED[RULES[route]];
      // Denied callers first, so an allowed call can never change what a denied one sees.
      const personas = [
        ...PERSONAS.filter((p) => !allowed.includes(p)),
        ...PERSONAS.filter((p) => allowed.includes(p)),
      ];
      for (const persona of personas) {
        const session = sessions.get(persona);
        let call = request(app.baseUrl)[
          method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
        ](path);
        if (session) call = call.set(bearer(session));
        // As the web client sends it to the routes that read the refresh cookie (harmless elsewhere).
        call = call.set('x-ideas-lab-refresh', '1');
        const res = method === 'GET' || method === 'DELETE' ? await call : await call.send({});
        const denied =
          (res.status === 401 && res.body.code === 'UNAUTHENTICATED') ||
          res.status === 403 ||
          (res.status === 404 && res.body.code === 'LAB_NOT_FOUND' && RULES[route] !== 'public');
        if (allowed.includes(persona) && denied)
          failures.push(
            `${route} as ${persona}: expected through, got ${res.status} ${res.body.code}`,
          );
        if (!allowed.includes(persona)) {
          const expected = persona === 'anonymous' ? [401] : [403, 404];
          if (!expected.includes(res.status))
            failures.push(
              `${route} as ${persona}: expected ${expected.join('/')}, got ${res.status} ${res.body.code}`,
            );
        }
        if (res.status >= 500) failures.push(`${route} as ${persona}: server error ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route as every persona (hundreds of requests, growing with the product): well
    // within a minute alone, but the default 30 s ran out on a machine shared with other work.
  }, 180_000);
});
