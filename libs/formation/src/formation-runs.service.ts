import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  checkTeamMove,
  TeamFormationError,
  type Actor,
  type TeamFormationInput,
} from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, SolverPool, TransactionRunner } from '@ideas-lab/platform';
import { TeamRosterService } from '@ideas-lab/workshop';
import type {
  ConfirmTeam,
  FormationRun,
  FormationRunSummary,
  FormationSettings,
  MoveChecked,
  MoveMember,
  PutFormationSettings,
} from './formation.contract.js';
import type { FormationRunEntity, FormationRunInputs } from './entities/formation-run.entity.js';
import { FormationError } from './formation.errors.js';
import { FormationRepository } from './formation.repository.js';
import {
  domainRules,
  fingerprintOf,
  FormationContextReader,
  formationTeams,
  locksFingerprintOf,
  locksOf,
  namesOf,
  type FormationContext,
} from './formation-context.js';
import { FormationLive } from './formation-live.js';
import { warningOf } from './formation.service.js';

const MAX_SOLVE_ATTEMPTS = 3;

function summaryOf(run: FormationRunEntity): FormationRunSummary {
  const { result } = run;
  return {
    id: run.id,
    createdAt: run.createdAt.toISOString(),
    adopted: run.adoptedAt !== null,
    seed: run.seed,
    status: run.status,
    solverStatus: run.solverStatus,
    objective: result.objective,
    gap: result.gap,
    interest: result.score?.interest ?? null,
    wantedPairsHonoured: result.score?.wantedPairsHonoured ?? null,
    minSatisfaction: result.score?.minSatisfaction ?? null,
    baselineObjective: result.baseline?.objective ?? null,
    teams: result.teams.length,
    unassigned: result.unassignedIds.length,
    rules: run.inputs.rules,
  };
}

function runView(run: FormationRunEntity): FormationRun {
  const { names, ideaTitles } = run.inputs;
  const person = (id: string) => ({
    userId: id,
    displayName: names[id] ?? 'someone who left the lab',
  });
  const { infeasibility } = run.result;
  return {
    ...summaryOf(run),
    proposedTeams: run.result.teams.map((team) => ({
      ideaId: team.ideaId,
      ideaTitle: ideaTitles[team.ideaId] ?? 'an idea no longer shortlisted',
      members: team.memberIds.map(person),
      locked: team.locked,
      composition: {
        size: team.composition.size,
        disciplines: team.composition.disciplines,
        careerStages: team.composition.careerStages,
        interestCounts: team.composition.interestCounts,
        meanInterest: team.composition.meanInterest,
      },
    })),
    unassignedPeople: run.result.unassignedIds.map(person),
    infeasibility: infeasibility
      ? {
          messages: [
            ...infeasibility.conflicts.map((c) => c.message),
            ...infeasibility.messages.filter(
              (m) => !infeasibility.relaxation.some((r) => r.message === m),
            ),
          ].filter((m, i, all) => all.indexOf(m) === i),
          relaxation: infeasibility.relaxation.map((r) => r.message),
        }
      : null,
    warnings: run.result.warnings
      .filter((w) => w.code !== 'WANTED_AND_AVOIDED')
      .map((w) => w.message),
  };
}

/**
 * The organisers' side of team formation: the rules, optimiser runs (solved in the solver pool,
 * stored with inputs, seed and result), adopting one, hand edits checked against the rules, and
 * locking and confirming teams.
 */
@Injectable()
export class FormationRunsService {
  constructor(
    private readonly store: FormationRepository,
    private readonly reader: FormationContextReader,
    private readonly roster: TeamRosterService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
    private readonly live: FormationLive,
  ) {}

  // ---- settings ----------------------------------------------------------------------------

  async settings(actor: Actor, labId: string): Promise<FormationSettings> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.reader.settingsOf(actor, labId);
  }

  async putSettings(
    actor: Actor,
    labId: string,
    body: PutFormationSettings,
  ): Promise<FormationSettings> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const { rules } = body;
    const problems = [
      ...(rules.teamCount.min > rules.teamCount.max
        ? [
            {
              field: 'rules.teamCount.min',
              message: `the least number of teams (${rules.teamCount.min}) is above the most (${rules.teamCount.max})`,
            },
          ]
        : []),
      ...(rules.teamSize && rules.teamSize.min > rules.teamSize.max
        ? [
            {
              field: 'rules.teamSize.min',
              message: `the smallest team (${rules.teamSize.min}) is above the largest (${rules.teamSize.max})`,
            },
          ]
        : []),
      ...(rules.teamSize && rules.teamSize.max < 1
        ? [{ field: 'rules.teamSize.max', message: 'a team needs room for at least one person' }]
        : []),
    ];
    if (problems.length > 0)
      throw new FormationError(
        'FORMATION_RULES_INVALID',
        'These rules cannot be used as they are.',
        problems,
      );
    return this.tx.run(async () => {
      if (!(await this.store.saveSettings({ labId, ...body }))) {
        throw new FormationError(
          'FORMATION_SETTINGS_VERSION_CONFLICT',
          'Someone else changed the formation rules meanwhile: here they are as saved.',
          { current: await this.reader.settingsOf(actor, labId) },
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'formation.settings_changed',
        entityType: 'lab',
        entityId: labId,
        data: { open: body.open, rules: body.rules },
      });
      return this.reader.settingsOf(actor, labId);
    });
  }

  // ---- runs --------------------------------------------------------------------------------

  /**
   * Solve in the solver pool (no transaction open), then write the run in a short transaction
   * that reads the inputs again: when people, interests, locks or rules moved meanwhile, solve
   * again (at most 3 times, then 409 FORMATION_INPUTS_CHANGED).
   */
  async createRun(actor: Actor, labId: string, body: { seed?: string }): Promise<FormationRun> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const seed = body.seed ?? randomUUID().slice(0, 8);
    for (let attempt = 0; attempt < MAX_SOLVE_ATTEMPTS; attempt++) {
      const context = await this.reader.read(actor, labId);
      if (context.shortlist.length === 0)
        throw new FormationError(
          'FORMATION_NO_SHORTLIST',
          'There is no shortlist yet: teams form around shortlisted ideas.',
        );
      const inputs = this.inputsOf(context, seed);
      const names = namesOf(context);
      const result = await this.solve({ ...inputs.formation, names });
      const run = await this.tx.run(async () => {
        await this.roster.underRosterLock(labId, async () => undefined);
        if (fingerprintOf(await this.reader.read(actor, labId)) !== fingerprintOf(context))
          return null;
        const saved = await this.store.insertRun({
          labId,
          inputs,
          seed,
          status: result.status,
          solverStatus: result.solverStatus,
          result,
          createdBy: actor.userId,
        });
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'formation.run_created',
          entityType: 'formation_run',
          entityId: saved.id,
          data: { seed, status: result.status, teams: result.teams.length },
        });
        return saved;
      });
      if (run) return runView(run);
    }
    throw new FormationError(
      'FORMATION_INPUTS_CHANGED',
      'Interests, people or locked teams kept changing while the teams were being formed: run it again.',
    );
  }

  async runs(actor: Actor, labId: string): Promise<FormationRunSummary[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return (await this.store.findRunsOfLab(labId)).map(summaryOf);
  }

  async run(actor: Actor, labId: string, runId: string): Promise<FormationRun> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const run = await this.store.findRun(labId, runId);
    if (!run) throw FormationError.runNotFound();
    return runView(run);
  }

  /**
   * The run's teams replace the forming teams (locked and confirmed teams stay). Refused when the
   * locked or confirmed teams changed since the run, since its teams were built around them.
   */
  async adopt(actor: Actor, labId: string, runId: string): Promise<FormationRun> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const run = await this.store.findRun(labId, runId);
    if (!run) throw FormationError.runNotFound();
    if (run.result.teams.length === 0)
      throw new FormationError(
        'FORMATION_RUN_INFEASIBLE',
        'This run formed no teams (its rules could not all hold): change the rules and run again.',
      );
    const before = await this.reader.read(actor, labId);
    await this.tx.run(async () => {
      await this.roster.underRosterLock(labId, async () => {
        const now = await this.reader.read(actor, labId);
        if (locksFingerprintOf(now) !== run.inputs.locksFingerprint)
          throw new FormationError(
            'FORMATION_RUN_STALE',
            'Teams were locked, unlocked or confirmed since this run: run again so it keeps them.',
          );
        const current = new Set(now.participants.map((p) => p.id));
        const after = await this.roster.replaceFormingTeams({
          labId,
          plan: run.result.teams
            .filter((team) => !team.locked)
            .map((team) => ({
              ideaId: team.ideaId,
              name: run.inputs.ideaTitles[team.ideaId] ?? 'Team',
              memberIds: team.memberIds.filter((id) => current.has(id)),
            })),
          minSize: run.inputs.rules.teamSize?.min ?? null,
          maxSize: run.inputs.rules.teamSize?.max ?? null,
          createdBy: actor.userId,
        });
        await this.store.markAdopted(labId, runId);
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'formation.run_adopted',
          entityType: 'formation_run',
          entityId: runId,
          data: { teams: run.result.teams.length },
        });
        this.announceAdoption(labId, runId, before, after);
      });
    });
    return runView((await this.store.findRun(labId, runId))!);
  }

  private announceAdoption(
    labId: string,
    runId: string,
    before: FormationContext,
    after: Awaited<ReturnType<TeamRosterService['teamsOf']>>,
  ): void {
    const names = new Map(before.participants.map((p) => [p.id, p.displayName]));
    for (const team of formationTeams(before).filter((t) => t.status === 'forming'))
      for (const userId of team.memberIds) this.live.leftChat(labId, userId, team.id);
    for (const team of after.filter((t) => t.ideaId !== null && t.status === 'forming')) {
      const members = team.memberIds.map((id) => ({
        userId: id,
        displayName: names.get(id) ?? '',
      }));
      for (const userId of team.memberIds)
        this.live.joinedChat(labId, userId, { id: team.id, name: team.name, members });
    }
    this.live.adopted(labId, runId);
  }

  // ---- hand edits, locks, confirmation -----------------------------------------------------

  /** Move someone to another team: checked against the rules (warnings, not blocks). */
  async move(actor: Actor, labId: string, body: MoveMember): Promise<MoveChecked> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(() =>
      this.roster.underRosterLock(labId, async () => {
        const context = await this.reader.read(actor, labId);
        if (!context.participants.some((p) => p.id === body.userId))
          throw new FormationError(
            'FORMATION_MOVE_INVALID',
            'Only participants are team members; mentors accompany teams.',
            [{ field: 'userId', message: 'not a participant of this lab' }],
          );
        const teams = formationTeams(context);
        const to = teams.find((team) => team.id === body.toTeamId);
        if (!to) throw FormationError.teamNotFound();
        const from = teams.find((team) => team.memberIds.includes(body.userId)) ?? null;
        if ((from?.id ?? null) !== body.fromTeamId)
          throw new FormationError(
            'FORMATION_MOVE_STALE',
            'This person was moved meanwhile: look at the teams again.',
            { currentTeamId: from?.id ?? null },
          );
        for (const team of [to, from]) {
          if (team && team.status === 'confirmed')
            throw new FormationError(
              'FORMATION_TEAM_NOT_FORMING',
              `"${team.name}" is confirmed: its members are fixed.`,
            );
        }
        const { rules, weights } = domainRules(context.settings.rules);
        const check = checkTeamMove({
          participants: context.participants,
          ideas: context.shortlist.map((idea) => ({ id: idea.id })),
          teams: teams.map((team) => ({ ideaId: team.ideaId!, memberIds: team.memberIds })),
          rules,
          weights,
          mentorIds: context.mentors.map((m) => m.userId),
          names: namesOf(context),
          edit: { kind: 'move', participantId: body.userId, toIdeaId: to.ideaId! },
        });
        const result = {
          applied: !body.dryRun && from?.id !== to.id,
          warnings: check.warnings.map(warningOf),
          resolved: check.resolved.map(warningOf),
        };
        if (!result.applied) return result;
        if (from)
          await this.roster.move({ fromTeamId: from.id, toTeamId: to.id, userId: body.userId });
        else await this.roster.addMember(to.id, body.userId);
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'formation.member_moved',
          entityType: 'team',
          entityId: to.id,
          data: {
            userId: body.userId,
            fromTeamId: from?.id ?? null,
            toTeamId: to.id,
            warnings: result.warnings.length,
          },
        });
        const names = new Map(context.participants.map((p) => [p.id, p.displayName]));
        for (const team of [from, to]) {
          if (!team) continue;
          const now = (await this.roster.teamOf(labId, team.id))!;
          this.live.teamChanged(labId, now);
          if (team === to)
            this.live.joinedChat(labId, body.userId, {
              id: now.id,
              name: now.name,
              members: now.memberIds.map((id) => ({
                userId: id,
                displayName: names.get(id) ?? '',
              })),
            });
        }
        if (from) this.live.leftChat(labId, body.userId, from.id);
        return result;
      }),
    );
  }

  /** The team is formed as it is: later runs keep it, nobody joins or leaves by themselves. */
  lock(actor: Actor, labId: string, teamId: string, version: number) {
    return this.changeStatus(actor, labId, teamId, version, 'forming', 'locked');
  }

  unlock(actor: Actor, labId: string, teamId: string, version: number) {
    return this.changeStatus(actor, labId, teamId, version, 'locked', 'forming');
  }

  private async changeStatus(
    actor: Actor,
    labId: string,
    teamId: string,
    version: number,
    from: 'forming' | 'locked',
    to: 'forming' | 'locked',
  ): Promise<{ id: string; status: 'forming' | 'locked'; version: number }> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(() =>
      this.roster.underRosterLock(labId, async () => {
        const team = await this.roster.teamOf(labId, teamId);
        if (!team || team.ideaId === null) throw FormationError.teamNotFound();
        this.requireVersion(team, version);
        if (team.status !== from)
          throw new FormationError(
            'FORMATION_TEAM_NOT_FORMING',
            `"${team.name}" is ${team.status}.`,
          );
        await this.roster.setStatus(teamId, to);
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: to === 'locked' ? 'formation.team_locked' : 'formation.team_unlocked',
          entityType: 'team',
          entityId: teamId,
          data: { name: team.name },
        });
        const now = (await this.roster.teamOf(labId, teamId))!;
        this.live.teamChanged(labId, now);
        return { id: now.id, status: to, version: now.version };
      }),
    );
  }

  /** A confirmed team has a name, a lead among its members, the idea it carries and a mentor. */
  async confirm(actor: Actor, labId: string, teamId: string, body: ConfirmTeam) {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(() =>
      this.roster.underRosterLock(labId, async () => {
        const context = await this.reader.read(actor, labId);
        const team = context.teams.find((t) => t.id === teamId && t.ideaId !== null);
        if (!team) throw FormationError.teamNotFound();
        this.requireVersion(team, body.version);
        if (team.status === 'confirmed')
          throw new FormationError(
            'FORMATION_TEAM_NOT_FORMING',
            `"${team.name}" is already confirmed.`,
          );
        const problems = [
          ...(team.memberIds.includes(body.leadId)
            ? []
            : [{ field: 'leadId', message: 'must be a member of the team' }]),
          ...(body.mentorId === null || context.mentors.some((m) => m.userId === body.mentorId)
            ? []
            : [{ field: 'mentorId', message: 'must be a mentor of this lab' }]),
        ];
        if (problems.length > 0)
          throw new FormationError(
            'FORMATION_CONFIRM_INVALID',
            'The team cannot be confirmed like this.',
            problems,
          );
        const name = body.name.trim();
        if (
          !(await this.roster.confirm(labId, teamId, {
            name,
            leadId: body.leadId,
            mentorId: body.mentorId,
          }))
        )
          throw new FormationError(
            'FORMATION_TEAM_NAME_TAKEN',
            `The lab already has a team called "${name}".`,
            [{ field: 'name', message: 'taken in this lab' }],
          );
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'formation.team_confirmed',
          entityType: 'team',
          entityId: teamId,
          data: { name, leadId: body.leadId, mentorId: body.mentorId, memberIds: team.memberIds },
        });
        const now = (await this.roster.teamOf(labId, teamId))!;
        this.live.teamChanged(labId, now);
        return { id: now.id, status: now.status, version: now.version };
      }),
    );
  }

  private requireVersion(team: { version: number; name: string }, version: number): void {
    if (team.version !== version)
      throw new FormationError(
        'FORMATION_TEAM_VERSION_CONFLICT',
        `"${team.name}" changed meanwhile: look at it again.`,
        { currentVersion: team.version },
      );
  }

  // ---- inputs and solving ------------------------------------------------------------------

  private inputsOf(context: FormationContext, seed: string): FormationRunInputs {
    const { rules, weights } = domainRules(context.settings.rules);
    const locks = locksOf(context);
    const ideaIds = new Set([
      ...context.shortlist.map((idea) => idea.id),
      ...locks.map((l) => l.ideaId),
    ]);
    return {
      formation: {
        participants: context.participants.map(({ displayName: _name, ...person }) => person),
        ideas: [...ideaIds].map((id) => ({ id })),
        rules,
        weights,
        mentorIds: context.mentors.map((m) => m.userId),
        locks,
        seed,
      },
      rules: context.settings.rules,
      ideaTitles: namesOf(context).ideas,
      names: Object.fromEntries(context.participants.map((p) => [p.id, p.displayName])),
      locksFingerprint: locksFingerprintOf(context),
    };
  }

  private async solve(input: Omit<TeamFormationInput, 'timeLimit' | 'solver'>) {
    try {
      return await this.solvers.run('formTeams', input);
    } catch (error) {
      if (error instanceof TeamFormationError)
        throw new FormationError('FORMATION_RULES_INVALID', error.message);
      throw error;
    }
  }
}
