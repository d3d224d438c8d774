import pg from 'pg';
import request from 'supertest';
import { bearer, labWithStaff, login, type Session } from './api-client.js';
import type { TestApp } from './test-app.js';

export interface IdeasLab {
  labId: string;
  organiser: Session;
  mentor: Session;
  admin: Session;
  participants: Session[];
  db: pg.Client;
  /** Post an idea as `by` (a participant or the mentor); returns its view. */
  post(by: Session, overrides?: Record<string, unknown>): Promise<IdeaBody>;
}

export interface IdeaBody {
  id: string;
  title: string;
  version: number;
  status: string;
  [key: string]: unknown;
}

/** A lab with staff and `participantCount` participants, for the ideas board. */
export async function ideasLab(app: TestApp, tag: string, participantCount = 3): Promise<IdeasLab> {
  const { labId, organiser, mentor, admin } = await labWithStaff(app, tag);
  const db = new pg.Client({ connectionString: app.database.url });
  await db.connect();
  const emails = Array.from({ length: participantCount }, (_, i) => `p${i}-${tag}@example.test`);
  for (const [i, email] of emails.entries()) {
    await app.createUser({ email, displayName: `Participant ${i} ${tag}` });
  }
  const participants = await Promise.all(emails.map((email) => login(app, email)));
  await db.query(
    `INSERT INTO lab_memberships (lab_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'participant'`,
    [labId, participants.map((p) => p.userId)],
  );
  let n = 0;
  return {
    labId,
    organiser,
    mentor,
    admin,
    participants,
    db,
    async post(by, overrides = {}) {
      n += 1;
      const res = await request(app.baseUrl)
        .post(`/api/labs/${labId}/ideas`)
        .set(bearer(by))
        .send({
          title: `Idea ${n}`,
          summary: `A short summary of idea ${n}.`,
          challengeArea: 'Mechanistic models',
          tags: ['models'],
          disciplinesNeeded: ['AI'],
          ...overrides,
        });
      if (res.status !== 201) throw new Error(`posting an idea: ${JSON.stringify(res.body)}`);
      return res.body as IdeaBody;
    },
  };
}
