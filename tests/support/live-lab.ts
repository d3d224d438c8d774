import pg from 'pg';
import request from 'supertest';
import { bearer, labWithStaff, login, type Session } from './api-client.js';
import type { TestApp } from './test-app.js';

export interface LiveLab {
  labId: string;
  organiser: Session;
  mentor: Session;
  admin: Session;
  participants: Session[];
  sessionId: string;
  db: pg.Client;
  /** A planned round with rooms A (mentored) and B, participants split between them. */
  createRound(
    title: string,
    seating?: 'split' | 'none',
  ): Promise<{ roundId: string; roomA: string; roomB: string }>;
}

const year = new Date().getUTCFullYear() + 1;

/** A lab with staff, `participantCount` participants and one breakout session, ready for live tests. */
export async function liveLab(app: TestApp, tag: string, participantCount = 4): Promise<LiveLab> {
  const { labId, organiser, mentor, admin } = await labWithStaff(app, tag);
  const db = new pg.Client({ connectionString: app.database.url });
  await db.connect();
  const participants: Session[] = [];
  for (let i = 0; i < participantCount; i++) {
    const email = `p${i}-${tag}@example.test`;
    await app.createUser({ email, displayName: `Participant ${i} ${tag}` });
    const session = await login(app, email);
    await db.query(
      `INSERT INTO lab_memberships (lab_id, user_id, role) VALUES ($1, $2, 'participant')`,
      [labId, session.userId],
    );
    participants.push(session);
  }
  const created = await request(app.baseUrl)
    .post(`/api/labs/${labId}/sessions`)
    .set(bearer(organiser))
    .send({
      kind: 'breakout',
      title: 'Breakouts',
      startsAt: `${year}-07-14T15:00:00Z`,
      endsAt: `${year}-07-14T17:00:00Z`,
      materials: [],
      meetingUrl: null,
    });
  if (created.status !== 201) throw new Error(`session: ${JSON.stringify(created.body)}`);
  const sessionId: string = created.body.id;
  // Rounds open on their session's day (lab time) only: the session runs around now, whatever
  // the day, so the live tests open rounds as organisers do on the day. (Moved in the
  // database: the API keeps sessions within the lab's workshop dates, a year ahead here.)
  await db.query(
    `UPDATE agenda_sessions SET starts_at = now() - interval '1 hour', ends_at = now() + interval '3 hours' WHERE id = $1`,
    [sessionId],
  );
  return {
    labId,
    organiser,
    mentor,
    admin,
    participants,
    sessionId,
    db,
    async createRound(title, seating = 'split') {
      const base = `/api/labs/${labId}/sessions/${sessionId}/rounds`;
      const res = await request(app.baseUrl)
        .post(base)
        .set(bearer(organiser))
        .send({
          title,
          durationMinutes: 20,
          mode: 'assigned',
          rooms: [{ name: 'Room A', mentorId: mentor.userId }, { name: 'Room B' }],
        });
      if (res.status !== 201) throw new Error(`round: ${JSON.stringify(res.body)}`);
      const round = (
        res.body.rounds as { id: string; title: string; rooms: { id: string; name: string }[] }[]
      ).find((r) => r.title === title)!;
      const [roomA, roomB] = [
        round.rooms.find((r) => r.name === 'Room A')!.id,
        round.rooms.find((r) => r.name === 'Room B')!.id,
      ];
      if (seating === 'split') {
        for (const [i, p] of participants.entries()) {
          const move = await request(app.baseUrl)
            .post(`${base}/${round.id}/moves`)
            .set(bearer(organiser))
            .send({ userId: p.userId, roomId: i < participants.length / 2 ? roomA : roomB });
          if (move.status !== 200 && move.status !== 201)
            throw new Error(`move: ${JSON.stringify(move.body)}`);
        }
      }
      return { roundId: round.id, roomA, roomB };
    },
  };
}
