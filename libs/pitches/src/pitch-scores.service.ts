import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import {
  PROPOSAL_CONFLICT_REASON_LABELS,
  proposalConflictMatrix,
  reviewProblems,
  summarisePitchScores,
  type Actor,
  type ReviewCriterion,
} from '@ideas-lab/domain';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import { LabAccessService } from '@ideas-lab/labs';
import { ReviewersService } from '@ideas-lab/review';
import { TeamsService } from '@ideas-lab/workshop';
import type {
  MentorPitchScoring,
  MyPitchScore,
  PitchScoreRow,
  PitchScoreTable,
  PitchTeamScoreSummary,
  SavePitchScore,
  TeamPitchFeedback,
} from './pitches.contract.js';
import { PitchesError } from './pitches.errors.js';
import { PitchesLive } from './pitches-live.js';
import { PitchesRepository, type PitchScoreRowData } from './pitches.repository.js';
import { PitchSessionsService, toPitchSlotView } from './pitch-sessions.service.js';

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

function toMyScore(score: PitchScoreRowData): MyPitchScore {
  return {
    id: score.id,
    slotId: score.slotId,
    teamId: score.teamId,
    scores: score.scores,
    commentToTeam: score.commentToTeam,
    privateNote: score.privateNote,
    version: score.version,
    locked: score.phase === 'closed',
    releasedAt: iso(score.releasedAt),
    updatedAt: new Date(score.updatedAt).toISOString(),
  };
}

function toScoreRow(score: PitchScoreRowData): PitchScoreRow {
  return {
    id: score.id,
    mentor: { userId: score.mentorId, displayName: score.mentorName },
    scores: score.scores,
    commentToTeam: score.commentToTeam,
    privateNote: score.privateNote,
    locked: score.phase === 'closed',
    releasedAt: iso(score.releasedAt),
    updatedAt: new Date(score.updatedAt).toISOString(),
  };
}

/**
 * Mentors' pitch scores: scored from a phone while a team pitches (drafts until its slot
 * closes, then locked), never for a team a mentor has a conflict of interest with (the rules of
 * proposal review); the organisers' table, live; comments released to teams one by one; and the
 * per-team summaries the funding decision reads (`summariesOfLab`).
 */
@Injectable()
export class PitchScoresService {
  constructor(
    private readonly pitches: PitchesRepository,
    private readonly sessions: PitchSessionsService,
    private readonly access: LabAccessService,
    private readonly teams: TeamsService,
    private readonly reviewers: ReviewersService,
    private readonly applications: SubmittedApplicationsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: PitchesLive,
  ) {}

  /** A mentor's scoring page: every team in order, the conflicts, their own scores. */
  async mine(actor: Actor, labId: string, sessionId: string): Promise<MentorPitchScoring> {
    const session = await this.sessions.requireSession(labId, sessionId);
    await this.requireMentor(actor, labId);
    const slots = session.version > 0 ? await this.pitches.findSlots(sessionId) : [];
    const conflicts = await this.conflictsOf(
      labId,
      actor.userId,
      slots.map((s) => s.teamId),
    );
    const mine = new Map(
      (await this.pitches.findScoresOfMentor(sessionId, actor.userId)).map((s) => [s.slotId, s]),
    );
    return {
      sessionId,
      title: session.title,
      state: session.state,
      criteria: session.criteria ?? (await this.sessions.defaultCriteria(labId)),
      currentSlotId: session.currentSlotId,
      slots: slots.map((slot) => {
        const score = mine.get(slot.id);
        return {
          slot: toPitchSlotView(slot),
          conflict: conflicts.get(slot.teamId) ?? null,
          myScore: score ? toMyScore(score) : null,
        };
      }),
      serverNow: new Date().toISOString(),
    };
  }

  /** Save my score of one pitch: a draft until the pitch closes; refused once it has. */
  async save(
    actor: Actor,
    labId: string,
    sessionId: string,
    slotId: string,
    dto: SavePitchScore,
  ): Promise<MyPitchScore> {
    const session = await this.sessions.requireSession(labId, sessionId);
    await this.requireMentor(actor, labId);
    const criteria = session.criteria ?? [];
    return this.tx.run(async () => {
      const slot = await this.pitches.findSlotForScoring(sessionId, slotId);
      if (!slot) throw PitchesError.slotNotFound();
      const conflict = (await this.conflictsOf(labId, actor.userId, [slot.teamId])).get(
        slot.teamId,
      );
      if (conflict)
        throw new PitchesError(
          'PITCH_CONFLICT_OF_INTEREST',
          `You cannot score ${slot.teamName}: ${conflict}.`,
          { teamId: slot.teamId, reason: conflict },
        );
      if (slot.phase === 'closed' || session.state === 'ended')
        throw new PitchesError(
          'PITCH_SCORING_CLOSED',
          `${slot.teamName}'s pitch has closed: its scores are locked.`,
          { slotId, closedAt: iso(slot.closedAt) },
        );
      const problems = reviewProblems({
        criteria,
        scores: dto.scores,
        comment: dto.commentToTeam,
        complete: false,
      });
      if (problems.length > 0)
        throw new PitchesError(
          'PITCH_SCORE_INVALID',
          problems.length === 1
            ? `The score has a problem: ${problems[0].message}.`
            : `The score has ${problems.length} problems.`,
          problems,
        );
      const input = {
        slotId,
        mentorId: actor.userId,
        scores: dto.scores,
        commentToTeam: dto.commentToTeam.trim(),
        privateNote: dto.privateNote.trim(),
      };
      const saved =
        dto.version === 0
          ? await this.pitches.insertScore(input)
          : await this.pitches.updateScore({ ...input, version: dto.version });
      if (!saved) {
        const current = await this.pitches.findScoreOfMentor(slotId, actor.userId);
        throw new PitchesError(
          'PITCH_SCORE_VERSION_CONFLICT',
          `Your score of ${slot.teamName} was saved from elsewhere meanwhile (you edited version ${dto.version}, it is now version ${current?.version ?? 0}). Reload it and apply your changes again.`,
          { currentVersion: current?.version ?? 0, yourVersion: dto.version },
        );
      }
      const score = (await this.pitches.findScoreOfMentor(slotId, actor.userId))!;
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'pitch.score_saved',
        entityType: 'pitch_score',
        entityId: score.id,
        data: { sessionId, slotId, teamId: slot.teamId, version: score.version },
      });
      this.live.scored(labId, sessionId, score);
      return toMyScore(score);
    });
  }

  /** The organisers' table: every team, every mentor's score with comments and notes, summaries. */
  async table(actor: Actor, labId: string, sessionId: string): Promise<PitchScoreTable> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const session = await this.sessions.requireSession(labId, sessionId);
    const slots = session.version > 0 ? await this.pitches.findSlots(sessionId) : [];
    const scores = await this.pitches.findScoresOfSession(sessionId);
    const criteria = session.criteria ?? (await this.sessions.defaultCriteria(labId));
    const summaries = summarisePitchScores({
      criteria,
      teamIds: slots.map((s) => s.teamId),
      scores: scores.map((s) => ({ teamId: s.teamId, mentorId: s.mentorId, scores: s.scores })),
    });
    return {
      sessionId,
      title: session.title,
      state: session.state,
      criteria,
      teams: slots.map((slot, i) => ({
        slot: toPitchSlotView(slot),
        n: summaries[i].n,
        mean: summaries[i].mean,
        criteria: summaries[i].criteria,
        scores: scores.filter((s) => s.slotId === slot.id).map(toScoreRow),
      })),
      serverNow: new Date().toISOString(),
    };
  }

  /** Show (or hide again) one mentor's comment to the team; only once the pitch closed. */
  async release(
    actor: Actor,
    labId: string,
    sessionId: string,
    scoreId: string,
    released: boolean,
  ): Promise<PitchScoreRow> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.sessions.requireSession(labId, sessionId);
    return this.tx.run(async () => {
      const score = await this.pitches.findScore(sessionId, scoreId);
      if (!score)
        throw new PitchesError('PITCH_SCORE_NOT_FOUND', 'There is no such score in this session.');
      if (released && score.phase !== 'closed')
        throw new PitchesError(
          'PITCH_RELEASE_NOT_READY',
          'This pitch is still running: comments can be released once it has closed and they are final.',
        );
      if (released && score.commentToTeam.trim() === '')
        throw new PitchesError(
          'PITCH_RELEASE_NOT_READY',
          'This score has no comment to the team to release.',
        );
      await this.pitches.setReleased(scoreId, released);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: released ? 'pitch.comment_released' : 'pitch.comment_withdrawn',
        entityType: 'pitch_score',
        entityId: scoreId,
        data: { sessionId, teamId: score.teamId },
      });
      this.live.feedbackChanged(labId, sessionId, score.teamId);
      return toScoreRow((await this.pitches.findScore(sessionId, scoreId))!);
    });
  }

  /**
   * What a team sees: the comments released to it, without who wrote them; never scores, never
   * private notes. Participants see their own teams; organisers every team.
   */
  async feedback(actor: Actor, labId: string, sessionId: string): Promise<TeamPitchFeedback> {
    const roles = await this.access.requireRole(actor, labId, [
      'participant',
      'mentor',
      'organiser',
    ]);
    const session = await this.sessions.requireSession(labId, sessionId);
    const everyTeam = actor.isAdmin || roles.includes('organiser');
    const myTeams = new Set(
      (await this.teams.viewsOf(labId, actor.userId, everyTeam)).map((t) => t.id),
    );
    const slots = (session.version > 0 ? await this.pitches.findSlots(sessionId) : []).filter((s) =>
      myTeams.has(s.teamId),
    );
    const comments = await this.pitches.findReleasedComments(
      sessionId,
      slots.map((s) => s.teamId),
    );
    return {
      sessionId,
      title: session.title,
      teams: slots.map((slot) => ({
        teamId: slot.teamId,
        teamName: slot.teamName,
        phase: slot.phase,
        comments: comments
          .filter((c) => c.teamId === slot.teamId)
          .map((c) => ({
            id: c.id,
            comment: c.comment,
            releasedAt: new Date(c.releasedAt).toISOString(),
          })),
      })),
    };
  }

  /**
   * Per-team pitch score summaries of a lab, for the funding decision: every closed pitch
   * (locked scores) of every pitch session, in agenda and running order. No access check: for
   * other services (the HTTP route checks organisers).
   */
  async summariesOfLab(labId: string): Promise<PitchTeamScoreSummary[]> {
    const rows = await this.pitches.findClosedScoresOfLab(labId);
    const summaries: PitchTeamScoreSummary[] = [];
    for (const slotId of [...new Set(rows.map((r) => r.slotId))]) {
      const ofSlot = rows.filter((r) => r.slotId === slotId);
      const first = ofSlot[0];
      const criteria: ReviewCriterion[] = first.criteria;
      const scores = ofSlot
        .filter((r) => r.mentorId !== null && r.scores !== null)
        .map((r) => ({ mentorId: r.mentorId!, scores: r.scores! }));
      const [summary] = summarisePitchScores({
        criteria,
        teamIds: [first.teamId],
        scores: scores.map((s) => ({ ...s, teamId: first.teamId })),
      });
      summaries.push({
        sessionId: first.sessionId,
        sessionTitle: first.sessionTitle,
        teamId: first.teamId,
        teamName: first.teamName,
        rubric: criteria,
        n: summary.n,
        mean: summary.mean,
        criteria: summary.criteria,
        scores: scores.filter((s) => Object.keys(s.scores).length > 0),
        closedAt: new Date(first.closedAt).toISOString(),
      });
    }
    return summaries;
  }

  async summaries(actor: Actor, labId: string): Promise<PitchTeamScoreSummary[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.summariesOfLab(labId);
  }

  private async requireMentor(actor: Actor, labId: string): Promise<void> {
    const roles = await this.access.requireRole(actor, labId, ['mentor']);
    if (!roles.includes('mentor'))
      throw new PitchesError(
        'PITCH_MENTORS_ONLY',
        "Pitches are scored by the lab's mentors; organisers read the scores in the score table.",
      );
  }

  /**
   * The teams a mentor may not score, with the reason in words: the rules of proposal review
   * (on the team; a declared person or institution; an institution shared with any member,
   * from the members' applications).
   */
  private async conflictsOf(
    labId: string,
    mentorId: string,
    teamIds: string[],
  ): Promise<Map<string, string>> {
    if (teamIds.length === 0) return new Map();
    const facts = await this.reviewers.conflictFacts(labId);
    const affiliation = new Map(
      (await this.applications.ofLab(labId)).map((a) => [a.applicantId, a.profile.affiliation]),
    );
    const wanted = new Set(teamIds);
    const teams = (await this.teams.viewsOf(labId, null, true)).filter((t) => wanted.has(t.id));
    const conflicts = proposalConflictMatrix({
      proposals: teams.map((t) => ({
        proposalId: t.id,
        members: t.members.map((m) => ({
          personId: m.userId,
          institution: affiliation.get(m.userId) ?? null,
        })),
      })),
      reviewers: [
        {
          id: mentorId,
          institution: facts.institutionOf.get(mentorId) ?? null,
          declared: facts.declaredBy.get(mentorId) ?? [],
        },
      ],
    });
    return new Map(
      conflicts.map((c) => [c.proposalId, PROPOSAL_CONFLICT_REASON_LABELS[c.reason]] as const),
    );
  }
}
