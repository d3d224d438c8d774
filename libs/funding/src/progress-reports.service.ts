import { Injectable } from '@nestjs/common';
import { composeProgressReminder, formatInTimezone, type Actor } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { AppConfig, AuditService, TransactionRunner } from '@ideas-lab/platform';
import { LabOutboxService, type NewOutboxLetter } from '@ideas-lab/selection';
import { TeamsService } from '@ideas-lab/workshop';
import type { ProgressReportEntity } from './entities/progress-report.entity.js';
import type {
  FileProgressReport,
  ProgressReports,
  ProgressReportView,
  RemindersSent,
  RemindLateTeams,
  ScheduleProgressReports,
} from './funding.contract.js';
import { FundingError } from './funding.errors.js';
import { FundingRepository } from './funding.repository.js';
import { FundingContextReader, type FundingContext } from './funding-context.js';

const isLate = (r: ProgressReportEntity, now: Date) =>
  r.filedAt === null && r.dueAt.getTime() < now.getTime();

/**
 * Follow-up of a funding round: organisers set the dates by which funded teams report, teams
 * file a short form with links, organisers see who is late and remind them through the outbox.
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    private readonly store: FundingRepository,
    private readonly reader: FundingContextReader,
    private readonly teams: TeamsService,
    private readonly identity: IdentityService,
    private readonly outbox: LabOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  async schedule(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: ScheduleProgressReports,
  ): Promise<ProgressReports> {
    const context = await this.reader.read(actor, labId, roundId);
    const funded = new Set(
      (await this.store.findDecisionsOfRound(roundId))
        .filter((d) => d.outcome === 'funded')
        .map((d) => d.teamId),
    );
    if (funded.size === 0)
      throw new FundingError(
        'FUNDING_NOT_FUNDED',
        'No team is funded in this round yet: progress reports are for funded teams.',
      );
    const teamIds = dto.teamIds ? [...new Set(dto.teamIds)] : [...funded];
    const problems = teamIds.flatMap((id, i) =>
      funded.has(id) ? [] : [{ field: `teamIds.${i}`, message: 'not a funded team of this round' }],
    );
    if (problems.length > 0)
      throw new FundingError(
        'PROGRESS_REPORT_INVALID',
        'Progress reports can be asked only of teams funded in this round.',
        problems,
      );
    const dueAt = new Date(dto.dueAt);
    await this.tx.run(async () => {
      await this.store.insertReports(
        teamIds.map((teamId) => ({
          labId,
          roundId,
          teamId,
          title: dto.title,
          dueAt,
          createdBy: actor.userId,
        })),
      );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.progress_reports_scheduled',
        entityType: 'funding_round',
        entityId: roundId,
        data: { title: dto.title, dueAt: dueAt.toISOString(), teams: teamIds.length },
      });
    });
    return this.listOf(context, actor, true);
  }

  /** Organisers: every report of the round; team members: their team's. */
  async list(actor: Actor, labId: string, roundId: string): Promise<ProgressReports> {
    const context = await this.reader.read(actor, labId, roundId, [
      'organiser',
      'participant',
      'mentor',
    ]);
    const organiser = actor.isAdmin || context.roles.includes('organiser');
    return this.listOf(context, actor, organiser);
  }

  /** A team member files (or refiles) the report; a report moved on meanwhile is a 409. */
  async file(
    actor: Actor,
    labId: string,
    roundId: string,
    reportId: string,
    dto: FileProgressReport,
  ): Promise<ProgressReportView> {
    const context = await this.reader.read(actor, labId, roundId, [
      'organiser',
      'participant',
      'mentor',
    ]);
    const report = await this.store.findReportOfLab(labId, reportId);
    const organiser = actor.isAdmin || context.roles.includes('organiser');
    const member =
      report !== null && (await this.teams.membership(labId, report.teamId, actor.userId)).member;
    if (!report || report.roundId !== roundId || (!member && !organiser))
      throw FundingError.reportNotFound();
    if (!member)
      throw new FundingError(
        'PROGRESS_REPORT_TEAM_ONLY',
        'Only a member of the team files its progress report.',
      );
    const now = new Date();
    await this.tx.run(async () => {
      const filed = await this.store.fileReportIfVersion(
        reportId,
        dto.version,
        {
          summary: dto.summary,
          outcomes: dto.outcomes ?? '',
          nextSteps: dto.nextSteps ?? '',
          links: dto.links ?? [],
          filedBy: actor.userId,
        },
        now,
      );
      if (!filed)
        throw new FundingError(
          'PROGRESS_REPORT_VERSION_CONFLICT',
          `A teammate filed this report meanwhile (you read version ${dto.version}, it is now version ${report.version}): read it again and file on top of it.`,
          { currentVersion: report.version, yourVersion: dto.version },
        );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.progress_report_filed',
        entityType: 'progress_report',
        entityId: reportId,
        data: { roundId, teamId: report.teamId, late: report.dueAt.getTime() < now.getTime() },
      });
    });
    const view = await this.listOf(context, actor, false);
    return view.reports.find((r) => r.id === reportId)!;
  }

  /** Reminders to every member of the late teams (or of the reports named), sent at once. */
  async remind(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: RemindLateTeams,
  ): Promise<RemindersSent> {
    const context = await this.reader.read(actor, labId, roundId);
    const now = new Date();
    const reports = await this.store.findReportsOfRound(roundId);
    const late = reports.filter((r) => isLate(r, now));
    const chosen = dto.reportIds ? reports.filter((r) => dto.reportIds!.includes(r.id)) : late;
    const notLate = (dto.reportIds ?? []).filter((id) => !late.some((r) => r.id === id));
    if (notLate.length > 0)
      throw new FundingError(
        'PROGRESS_REPORT_INVALID',
        'Only reports past their date and not filed can be reminded of.',
        notLate.map((id) => ({ field: 'reportIds', message: `${id} is not late` })),
      );
    if (chosen.length === 0)
      throw new FundingError('FUNDING_NOTHING_LATE', 'No team is late with a progress report.');
    const teamOf = new Map(context.proposals.map((p) => [p.team.id, p.team]));
    const members = chosen.flatMap((r) => teamOf.get(r.teamId)?.members ?? []);
    const people = new Map(
      (await this.identity.profilesByIds([...new Set(members.map((m) => m.userId))])).map((u) => [
        u.id,
        u,
      ]),
    );
    const letters: NewOutboxLetter[] = [];
    for (const report of chosen) {
      const team = teamOf.get(report.teamId);
      for (const member of team?.members ?? []) {
        const person = people.get(member.userId);
        if (!person) continue;
        const { subject, body } = composeProgressReminder({
          recipientName: person.displayName,
          teamName: team!.name,
          reportTitle: report.title,
          due: formatInTimezone(report.dueAt, context.timezone),
          labTitle: context.labTitle,
          reportUrl: new URL(
            `/labs/${labId}/funding/${roundId}/progress`,
            this.config.publicUrl,
          ).toString(),
        });
        letters.push({
          labId,
          kind: 'reminder',
          referenceId: report.id,
          outcome: 'reminder',
          recipient: person.email,
          subject,
          body,
        });
      }
    }
    await this.tx.run(async () => {
      await this.outbox.send(letters, now);
      await this.store.markReminded(
        chosen.map((r) => r.id),
        now,
      );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.reminders_sent',
        entityType: 'funding_round',
        entityId: roundId,
        data: { reports: chosen.length, letters: letters.length },
      });
    });
    return { reminded: chosen.map((r) => r.id), letters: letters.length };
  }

  private async listOf(
    context: FundingContext,
    actor: Actor,
    everyTeam: boolean,
  ): Promise<ProgressReports> {
    const mine = new Set(
      (await this.teams.viewsOf(context.labId, actor.userId, false)).map((t) => t.id),
    );
    const reports = (await this.store.findReportsOfRound(context.round.id)).filter(
      (r) => everyTeam || mine.has(r.teamId),
    );
    const teamName = new Map(context.proposals.map((p) => [p.team.id, p.team.name]));
    const filers = new Map(
      (
        await this.identity.profilesByIds(reports.flatMap((r) => (r.filedBy ? [r.filedBy] : [])))
      ).map((u) => [u.id, u.displayName]),
    );
    const now = new Date();
    const views: ProgressReportView[] = reports.map((r) => ({
      id: r.id,
      roundId: r.roundId,
      roundName: context.round.name,
      team: { id: r.teamId, name: teamName.get(r.teamId) ?? '' },
      title: r.title,
      dueAt: r.dueAt.toISOString(),
      dueInLabTimezone: formatInTimezone(r.dueAt, context.timezone),
      status:
        r.filedAt === null
          ? isLate(r, now)
            ? 'late'
            : 'due'
          : r.filedAt.getTime() > r.dueAt.getTime()
            ? 'filed-late'
            : 'filed',
      summary: r.summary,
      outcomes: r.outcomes,
      nextSteps: r.nextSteps,
      links: r.links,
      filedAt: r.filedAt?.toISOString() ?? null,
      filedBy: r.filedBy ? (filers.get(r.filedBy) ?? null) : null,
      reminders: r.reminders,
      remindedAt: r.remindedAt?.toISOString() ?? null,
      version: r.version,
      canFile: mine.has(r.teamId),
    }));
    return { reports: views, late: views.filter((v) => v.status === 'late').map((v) => v.id) };
  }
}
