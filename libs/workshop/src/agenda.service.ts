import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { agendaCalendar, agendaTimeProblems, type Actor } from '@ideas-lab/domain';
import { LabsService, type LabView } from '@ideas-lab/labs';
import { AgendaSessionsRepository, type SessionChanges } from './agenda-sessions.repository.js';
import { toSessionView } from './agenda-view.js';
import { BreakoutRepository } from './breakout.repository.js';
import type { AgendaView, CreateSession, SessionView, UpdateSession } from './workshop.contract.js';
import type { AgendaSessionEntity } from './entities/agenda-session.entity.js';
import { WorkshopError } from './workshop.errors.js';

const date = (value: string | null) => (value ? new Date(value) : null);

function assertTimesFit(lab: LabView, startsAt: Date, endsAt: Date): void {
  const problems = agendaTimeProblems({
    startsAt,
    endsAt,
    workshopStartAt: date(lab.dates.workshopStartAt),
    workshopEndAt: date(lab.dates.workshopEndAt),
    timezone: lab.timezone,
  });
  if (problems.length > 0) {
    throw new WorkshopError(
      'SESSION_TIMES_INVALID',
      problems.length === 1
        ? `The session's times do not fit: ${problems[0].message}.`
        : `The session's times have ${problems.length} problems.`,
      problems,
    );
  }
}

/** The workshop's agenda: sessions organisers schedule and every member of the lab reads. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly sessions: AgendaSessionsRepository,
    private readonly breakout: BreakoutRepository,
    private readonly labs: LabsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /** `LabsService.get` answers 404 to anyone who may not see the lab. */
  async agenda(actor: Actor, labId: string): Promise<AgendaView> {
    const lab = await this.labs.get(actor, labId);
    const sessions = await this.sessions.findAllOfLab(labId);
    return {
      labId,
      timezone: lab.timezone,
      sessions: sessions.map((s) => toSessionView(s, lab.timezone)),
    };
  }

  async calendar(actor: Actor, labId: string): Promise<string> {
    const lab = await this.labs.get(actor, labId);
    const sessions = await this.sessions.findAllOfLab(labId);
    return agendaCalendar({
      lab: { id: lab.id, title: lab.title, timezone: lab.timezone },
      sessions,
    });
  }

  async create(actor: Actor, labId: string, dto: CreateSession): Promise<SessionView> {
    const lab = await this.labs.get(actor, labId);
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    assertTimesFit(lab, startsAt, endsAt);
    return this.tx.run(async () => {
      const session = await this.sessions.insert({
        labId,
        kind: dto.kind,
        title: dto.title.trim(),
        startsAt,
        endsAt,
        materials: (dto.materials ?? []).map((m) => ({ title: m.title.trim(), url: m.url })),
        meetingUrl: dto.meetingUrl ?? null,
        createdBy: actor.userId,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'agenda.session_created',
        entityType: 'agenda_session',
        entityId: session.id,
        data: {
          kind: session.kind,
          title: session.title,
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
        },
      });
      return toSessionView(session, lab.timezone);
    });
  }

  async update(
    actor: Actor,
    labId: string,
    sessionId: string,
    dto: UpdateSession,
  ): Promise<SessionView> {
    const lab = await this.labs.get(actor, labId);
    return this.tx.run(async () => {
      const current = await this.requireSession(labId, sessionId);
      const changes: SessionChanges = {};
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.startsAt !== undefined) changes.startsAt = new Date(dto.startsAt);
      if (dto.endsAt !== undefined) changes.endsAt = new Date(dto.endsAt);
      if (dto.materials !== undefined)
        changes.materials = dto.materials.map((m) => ({ title: m.title.trim(), url: m.url }));
      if (dto.meetingUrl !== undefined) changes.meetingUrl = dto.meetingUrl;
      if (dto.state !== undefined) changes.state = dto.state;
      if (changes.startsAt || changes.endsAt)
        assertTimesFit(lab, changes.startsAt ?? current.startsAt, changes.endsAt ?? current.endsAt);
      if (
        current.kind === 'breakout' &&
        changes.kind !== undefined &&
        changes.kind !== 'breakout' &&
        (await this.breakout.countRoundsOfSession(sessionId)) > 0
      ) {
        throw new WorkshopError(
          'SESSION_HAS_ROUNDS',
          'This breakout session has rounds; delete them (or the session) before making it another kind.',
          [{ field: 'kind', message: 'a session with breakout rounds stays a breakout' }],
        );
      }
      if (!(await this.sessions.updateIfVersion(sessionId, dto.version, changes))) {
        throw new WorkshopError(
          'SESSION_VERSION_CONFLICT',
          `Someone else changed this session since you opened it (you edited version ${dto.version}, it is now version ${current.version}). Reload it and apply your changes again.`,
          { currentVersion: current.version, yourVersion: dto.version },
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'agenda.session_updated',
        entityType: 'agenda_session',
        entityId: sessionId,
        data: { fields: Object.keys(changes), version: dto.version + 1 },
      });
      const updated = await this.requireSession(labId, sessionId);
      return toSessionView(updated, lab.timezone);
    });
  }

  async remove(actor: Actor, labId: string, sessionId: string): Promise<void> {
    await this.tx.run(async () => {
      const session = await this.requireSession(labId, sessionId);
      if (session.state === 'live') {
        throw new WorkshopError('SESSION_LIVE', 'This session is live; end it before deleting it.');
      }
      await this.sessions.delete(sessionId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'agenda.session_deleted',
        entityType: 'agenda_session',
        entityId: sessionId,
        data: { kind: session.kind, title: session.title },
      });
    });
  }

  private async requireSession(labId: string, sessionId: string): Promise<AgendaSessionEntity> {
    const session = await this.sessions.findOfLab(labId, sessionId);
    if (!session) throw WorkshopError.sessionNotFound();
    return session;
  }
}
