import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  TeamFormationNames,
  TeamFormationParticipant,
  TeamLock,
  TeamObjectiveWeights,
  TeamRules,
} from '@ideas-lab/domain';
import { LabsService, MembershipsService } from '@ideas-lab/labs';
import { TeamRosterService, type RosterTeamRow } from '@ideas-lab/workshop';
import type { Actor } from '@ideas-lab/domain';
import type { FormationRules, FormationSettings } from './formation.contract.js';
import { FormationRepository, type InterestRow } from './formation.repository.js';
import { FormationShortlist, type FormationIdea } from './formation-shortlist.js';

/** Said of someone whose profile does not name a discipline or a career stage. */
export const NOT_STATED = 'not stated';

/** Everything team formation reads about a lab at one moment. */
export interface FormationContext {
  labId: string;
  settings: FormationSettings;
  shortlist: FormationIdea[];
  /** Participants (role participant) with what the optimiser reads, by name. */
  participants: (TeamFormationParticipant & { displayName: string })[];
  mentors: { userId: string; displayName: string }[];
  interests: InterestRow[];
  /** Every team of the lab (formation teams carry an idea). */
  teams: RosterTeamRow[];
  /** The lab's team-size bounds (its settings), the default of the rules. */
  labTeamSize: { min: number; max: number } | null;
}

/** The rules an organiser starts from: the lab's team sizes, every ideas may become a team. */
export function defaultRules(
  shortlistSize: number,
  labTeamSize: { min: number; max: number } | null,
): FormationRules {
  return {
    teamCount: { min: 1, max: Math.max(1, shortlistSize) },
    teamSize: labTeamSize,
    minDisciplines: 2,
    mixedCareerStages: true,
    notIsolated: [],
    inEveryTeam: [],
    separateAvoidedPairs: true,
    rewardWantedPairs: true,
    fairness: true,
    fairnessWeight: null,
  };
}

/** The editor's rules as the optimiser reads them (a rule switched off is left out). */
export function domainRules(rules: FormationRules): {
  rules: TeamRules;
  weights: TeamObjectiveWeights;
} {
  return {
    rules: {
      teamCount: rules.teamCount,
      teamSize: rules.teamSize,
      minDisciplines: rules.minDisciplines,
      mixedCareerStages: rules.mixedCareerStages,
      notIsolated: rules.notIsolated,
      inEveryTeam: rules.inEveryTeam,
      separateAvoidedPairs: rules.separateAvoidedPairs,
      rewardWantedPairs: rules.rewardWantedPairs,
    },
    weights: rules.fairness
      ? rules.fairnessWeight === null
        ? {}
        : { fairness: rules.fairnessWeight }
      : { fairness: 0 },
  };
}

/** Teams of the formation: those around an idea. */
export const formationTeams = (context: FormationContext) =>
  context.teams.filter((team) => team.ideaId !== null);

/**
 * People's names and ideas' titles, so that what organisers read about the rules (conflicts, the
 * smallest change that would help, a move's warnings) names them instead of giving ids. A team
 * goes by its idea's title while on the shortlist, by its own name otherwise.
 */
export function namesOf(context: FormationContext): Required<TeamFormationNames> {
  return {
    people: Object.fromEntries([
      ...context.mentors.map((m) => [m.userId, m.displayName]),
      ...context.participants.map((p) => [p.id, p.displayName]),
    ]),
    ideas: Object.fromEntries([
      ...formationTeams(context).map((t) => [t.ideaId!, t.name]),
      ...context.shortlist.map((idea) => [idea.id, idea.title]),
    ]),
  };
}

/** Locked and confirmed teams: later runs keep them as they are. */
export function locksOf(context: FormationContext): TeamLock[] {
  return formationTeams(context)
    .filter((team) => team.status !== 'forming')
    .map((team) => ({ ideaId: team.ideaId!, memberIds: team.memberIds, closed: true }));
}

/** Changes when anything a run depends on changes (people, profiles, interests, locks, rules, shortlist). */
export function fingerprintOf(context: FormationContext): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        settings: context.settings.version,
        shortlist: context.shortlist.map((idea) => idea.id),
        participants: context.participants.map((p) => [p.id, p.discipline, p.careerStage]),
        interests: context.interests.map((row) => [row.userId, row.version]),
        locks: locksOf(context),
      }),
    )
    .digest('hex');
}

export function locksFingerprintOf(context: FormationContext): string {
  return createHash('sha256')
    .update(JSON.stringify(locksOf(context)))
    .digest('hex');
}

@Injectable()
export class FormationContextReader {
  constructor(
    private readonly store: FormationRepository,
    private readonly shortlist: FormationShortlist,
    private readonly roster: TeamRosterService,
    private readonly memberships: MembershipsService,
    private readonly labs: LabsService,
  ) {}

  async settingsOf(actor: Actor, labId: string): Promise<FormationSettings> {
    const [stored, shortlist, lab] = [
      await this.store.findSettings(labId),
      await this.shortlist.shortlistedIdeas(labId),
      await this.labs.get(actor, labId),
    ];
    return stored
      ? { labId, open: stored.open, rules: stored.rules, version: stored.version }
      : { labId, open: false, rules: defaultRules(shortlist.length, lab.teamSize), version: 0 };
  }

  /** Read afresh (no lock held: runs solve after this and re-check before writing). */
  async read(actor: Actor, labId: string): Promise<FormationContext> {
    const lab = await this.labs.get(actor, labId);
    const [stored, shortlist, participants, mentors, interests, teams] = [
      await this.store.findSettings(labId),
      await this.shortlist.shortlistedIdeas(labId),
      await this.roster.participantsOf(labId),
      await this.memberships.members(labId, { role: 'mentor' }),
      await this.store.findInterestsOfLab(labId),
      await this.roster.teamsOf(labId),
    ];
    const settings: FormationSettings = stored
      ? { labId, open: stored.open, rules: stored.rules, version: stored.version }
      : { labId, open: false, rules: defaultRules(shortlist.length, lab.teamSize), version: 0 };
    const interestOf = new Map(interests.map((row) => [row.userId, row]));
    const shortlisted = new Set(shortlist.map((idea) => idea.id));
    const participantIds = new Set(participants.map((p) => p.userId));
    const mentorIds = new Set(mentors.map((m) => m.userId));
    return {
      labId,
      settings,
      shortlist,
      participants: participants
        .filter((p) => !mentorIds.has(p.userId))
        .map((p) => {
          const row = interestOf.get(p.userId);
          const known = (ids: readonly string[] | undefined) =>
            (ids ?? []).filter((id) => participantIds.has(id) && id !== p.userId);
          return {
            id: p.userId,
            displayName: p.displayName,
            discipline: p.discipline ?? NOT_STATED,
            careerStage: p.careerStage ?? NOT_STATED,
            skills: row?.skills ?? [],
            interests: Object.fromEntries(
              Object.entries(row?.ratings ?? {}).filter(([ideaId]) => shortlisted.has(ideaId)),
            ),
            wants: known(row?.wants),
            avoids: known(row?.avoids),
          };
        }),
      mentors: mentors.map((m) => ({ userId: m.userId, displayName: m.displayName })),
      interests,
      teams,
      labTeamSize: lab.teamSize,
    };
  }
}
