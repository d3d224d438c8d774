import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { isoDateTime, operations } from '@ideas-lab/platform';

/** The formation lib's HTTP contract: every request and response shape, once. */

export const FormationPerson = z
  .object({ userId: z.uuid(), displayName: z.string() })
  .meta({ id: 'FormationPerson' });
export type FormationPerson = z.output<typeof FormationPerson>;
const Person = FormationPerson;

export const ShortlistedIdeaView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    challengeArea: z.string().nullable(),
    disciplinesNeeded: z.array(z.string()),
  })
  .meta({ id: 'FormationShortlistedIdea' });
export type ShortlistedIdeaView = z.output<typeof ShortlistedIdeaView>;

// ---- interests ------------------------------------------------------------------------------

const Rating = z.int().min(0).max(3);

export const PutMyInterests = z
  .strictObject({
    ratings: z.record(z.uuid(), Rating).meta({
      description: 'Interest per shortlisted idea id: 0 none, 1 some, 2 keen, 3 very keen.',
      example: { '0b7c2f7e-3c8e-4a43-9b8c-1f0d2a3b4c5d': 3 },
    }),
    wants: z.array(z.uuid()).max(10).meta({ description: 'Participants you want to work with.' }),
    avoids: z.array(z.uuid()).max(10).meta({
      description: 'Participants you would rather not work with. Nobody else ever sees them.',
    }),
    skills: z
      .array(z.string().trim().min(1).max(60))
      .max(20)
      .meta({ example: ['statistics'] }),
    version: z.int().min(0).meta({
      description: 'The version you edited (0 for your first answer): a stale one gets 409.',
    }),
  })
  .meta({ id: 'PutMyInterests' });
export type PutMyInterests = z.output<typeof PutMyInterests>;
export class PutMyInterestsDto extends createZodDto(PutMyInterests) {}

export const MyInterests = z
  .object({
    labId: z.uuid(),
    version: z.int().meta({ description: '0 when you have not answered yet.' }),
    ratings: z.record(z.string(), z.int()),
    wants: z.array(Person),
    avoids: z.array(Person).meta({ description: 'Only ever shown to you.' }),
    skills: z.array(z.string()),
    updatedAt: isoDateTime().nullable(),
    shortlist: z.array(ShortlistedIdeaView),
    open: z.boolean().meta({ description: 'Team formation is open: interests may change.' }),
  })
  .meta({ id: 'MyInterests' });
export type MyInterests = z.output<typeof MyInterests>;

export const FormationPeopleQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional().meta({ description: 'Part of a name.' }),
  })
  .meta({ id: 'FormationPeopleQuery' });
export class FormationPeopleQueryDto extends createZodDto(FormationPeopleQuery) {}

// ---- rules and settings --------------------------------------------------------------------

const Range = z.strictObject({ min: z.int().min(0).max(10_000), max: z.int().min(0).max(10_000) });

const Group = z
  .strictObject({
    category: z.enum(['discipline', 'careerStage', 'skill']),
    value: z.string().trim().min(1).max(120),
  })
  .meta({ id: 'FormationGroup' });

/** The organiser's rules editor: every rule switchable. */
export const FormationRules = z
  .strictObject({
    teamCount: Range.meta({ description: 'How many shortlisted ideas become teams (a to b).' }),
    teamSize: Range.nullable().meta({ description: 'Members per team; null: no bounds.' }),
    minDisciplines: z.int().min(1).max(50).nullable().meta({
      description: 'At least this many distinct disciplines per team; null: off.',
    }),
    mixedCareerStages: z.boolean().meta({ description: 'No team all of one career stage.' }),
    notIsolated: z.array(Group).max(20).meta({
      description: 'Nobody the only member of one of these groups in a team.',
    }),
    inEveryTeam: z.array(Group).max(20).meta({
      description: 'At least one member of each group per team, where the cohort allows.',
    }),
    separateAvoidedPairs: z.boolean(),
    rewardWantedPairs: z.boolean(),
    fairness: z.boolean().meta({ description: 'Count the least-satisfied participant (max–min).' }),
    fairnessWeight: z.number().min(0).max(100_000).nullable().meta({
      description:
        'Weight per point of the least-satisfied person; null: the number of people placed.',
    }),
  })
  .meta({ id: 'FormationRules' });
export type FormationRules = z.output<typeof FormationRules>;

export const PutFormationSettings = z
  .strictObject({
    open: z
      .boolean()
      .meta({ description: 'Participants may state interests and join forming teams.' }),
    rules: FormationRules,
    version: z.int().min(0),
  })
  .meta({ id: 'PutFormationSettings' });
export type PutFormationSettings = z.output<typeof PutFormationSettings>;
export class PutFormationSettingsDto extends createZodDto(PutFormationSettings) {}

export const FormationSettings = z
  .object({
    labId: z.uuid(),
    open: z.boolean(),
    rules: FormationRules,
    version: z.int(),
  })
  .meta({ id: 'FormationSettings' });
export type FormationSettings = z.output<typeof FormationSettings>;

// ---- teams (self-organised board, participants) --------------------------------------------

const TeamStatus = z.enum(['forming', 'locked', 'confirmed']);

export const BoardTeam = z
  .object({
    id: z.uuid(),
    ideaId: z.uuid().nullable(),
    name: z.string(),
    status: TeamStatus,
    members: z.array(Person),
    memberCount: z.int(),
    maxSize: z.int().nullable(),
    version: z.int(),
  })
  .meta({ id: 'FormationBoardTeam' });
export type BoardTeam = z.output<typeof BoardTeam>;

export const FormationBoard = z
  .object({
    labId: z.uuid(),
    open: z.boolean(),
    shortlist: z.array(ShortlistedIdeaView),
    teams: z.array(BoardTeam),
    myTeamId: z.uuid().nullable(),
    teamSize: Range.nullable(),
  })
  .meta({ id: 'FormationBoard' });
export type FormationBoard = z.output<typeof FormationBoard>;

export const MyTeam = z
  .object({
    team: z
      .object({
        id: z.uuid(),
        name: z.string(),
        status: TeamStatus,
        idea: ShortlistedIdeaView.nullable(),
        members: z.array(Person),
        lead: Person.nullable(),
        mentor: Person.nullable(),
        chatChannel: z.string().meta({ example: 'team:…', description: 'The team chat on /live.' }),
      })
      .nullable(),
    why: z.array(z.string()).meta({
      description:
        'Why you are on this team, in words (your interest, who asked for you, the rules).',
    }),
  })
  .meta({ id: 'MyTeam' });
export type MyTeam = z.output<typeof MyTeam>;

// ---- organiser overview --------------------------------------------------------------------

const Counts = z.record(z.string(), z.int());

export const TeamCompositionView = z
  .object({
    size: z.int(),
    disciplines: Counts,
    careerStages: Counts,
    interestCounts: z
      .array(z.int())
      .meta({ description: 'Members by their interest 0–3 in the idea.' }),
    meanInterest: z.number(),
  })
  .meta({ id: 'TeamComposition' });

const Warning = z
  .object({ rule: z.string(), message: z.string(), participantIds: z.array(z.uuid()) })
  .meta({ id: 'FormationRuleWarning' });

export const OrganiserTeam = BoardTeam.extend({
  lead: Person.nullable(),
  mentor: Person.nullable(),
  composition: TeamCompositionView,
  lacks: z.array(z.string()).meta({
    description: 'What the team lacks under the rules, in words (a discipline, a career stage …).',
  }),
}).meta({ id: 'FormationOrganiserTeam' });

export const FormationOverview = z
  .object({
    labId: z.uuid(),
    settings: FormationSettings,
    shortlist: z.array(ShortlistedIdeaView),
    teams: z.array(OrganiserTeam),
    unassigned: z.array(Person),
    participants: z.int(),
    interestsStated: z.int(),
    mentors: z.array(Person),
    warnings: z.array(Warning),
  })
  .meta({ id: 'FormationOverview' });
export type FormationOverview = z.output<typeof FormationOverview>;

// ---- runs ----------------------------------------------------------------------------------

export const CreateFormationRun = z
  .strictObject({
    seed: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: 'Default: a random seed.' }),
  })
  .meta({ id: 'CreateFormationRun' });
export class CreateFormationRunDto extends createZodDto(CreateFormationRun) {}

const RunStatus = z.enum(['optimal', 'feasible', 'infeasible', 'no-solution']);

export const FormationRunSummary = z
  .object({
    id: z.uuid(),
    createdAt: isoDateTime(),
    adopted: z.boolean(),
    seed: z.string(),
    status: RunStatus,
    solverStatus: z.string(),
    objective: z.number().nullable(),
    gap: z.number().nullable(),
    interest: z.number().nullable(),
    wantedPairsHonoured: z.int().nullable(),
    minSatisfaction: z.number().nullable(),
    baselineObjective: z.number().nullable(),
    teams: z.int(),
    unassigned: z.int(),
    rules: FormationRules,
  })
  .meta({ id: 'FormationRunSummary' });
export type FormationRunSummary = z.output<typeof FormationRunSummary>;

export const FormationRun = FormationRunSummary.extend({
  proposedTeams: z.array(
    z.object({
      ideaId: z.uuid(),
      ideaTitle: z.string(),
      members: z.array(Person),
      locked: z.boolean(),
      composition: TeamCompositionView,
    }),
  ),
  unassignedPeople: z.array(Person),
  infeasibility: z
    .object({
      messages: z.array(z.string()).meta({ description: 'Which rules conflict, in words.' }),
      relaxation: z.array(z.string()).meta({ description: 'The smallest change that would help.' }),
    })
    .nullable(),
  warnings: z.array(z.string()),
}).meta({ id: 'FormationRun' });
export type FormationRun = z.output<typeof FormationRun>;

// ---- organiser edits -----------------------------------------------------------------------

export const MoveMember = z
  .strictObject({
    userId: z.uuid(),
    fromTeamId: z
      .uuid()
      .nullable()
      .meta({ description: 'Where the person is now (null: on no team).' }),
    toTeamId: z.uuid(),
    dryRun: z
      .boolean()
      .optional()
      .meta({ description: 'Only check: say what the move would break.' }),
  })
  .meta({ id: 'MoveMember' });
export type MoveMember = z.output<typeof MoveMember>;
export class MoveMemberDto extends createZodDto(MoveMember) {}

export const MoveChecked = z
  .object({
    applied: z.boolean(),
    warnings: z
      .array(Warning)
      .meta({ description: 'Rules the move breaks (warnings, not blocks).' }),
    resolved: z.array(Warning).meta({ description: 'Rules broken before that the move mends.' }),
  })
  .meta({ id: 'MoveChecked' });
export type MoveChecked = z.output<typeof MoveChecked>;

export const TeamVersion = z.strictObject({ version: z.int().min(1) }).meta({ id: 'TeamVersion' });
export class TeamVersionDto extends createZodDto(TeamVersion) {}

export const ConfirmTeam = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    leadId: z.uuid().meta({ description: 'A member of the team.' }),
    mentorId: z.uuid().nullable().meta({ description: 'A mentor of the lab.' }),
    version: z.int().min(1),
  })
  .meta({ id: 'ConfirmTeam' });
export type ConfirmTeam = z.output<typeof ConfirmTeam>;
export class ConfirmTeamDto extends createZodDto(ConfirmTeam) {}

/** A team's state after an organiser locks, unlocks or confirms it. */
export const FormationTeamState = z
  .object({ id: z.uuid(), status: z.enum(['forming', 'locked', 'confirmed']), version: z.int() })
  .meta({ id: 'FormationTeamState' });

export const formationOps = operations('formation', {
  myInterests: {
    summary:
      'My interests: ratings of the shortlisted ideas, people I want (or would rather not) work with, skills',
    response: MyInterests,
  },
  putMyInterests: {
    summary:
      'State my interests while formation is open (private: nobody else sees my ratings or "rather not" names)',
    response: MyInterests,
    errors: [
      'FORMATION_NOT_OPEN',
      'FORMATION_INTERESTS_INVALID',
      'FORMATION_INTERESTS_VERSION_CONFLICT',
    ],
  },
  people: {
    summary: "Find the lab's participants by name (at most 20)",
    response: [FormationPerson],
  },
  board: {
    summary:
      'The self-organised board: shortlisted ideas and the teams forming around them, with their counts',
    response: FormationBoard,
  },
  join: {
    summary: 'Join the team forming around a shortlisted idea (leaving any other forming team)',
    response: FormationBoard,
    status: 200,
    errors: [
      'FORMATION_NOT_OPEN',
      'FORMATION_IDEA_NOT_SHORTLISTED',
      'FORMATION_TEAM_FULL',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_MOVE_INVALID',
    ],
  },
  leave: {
    summary: 'Leave the forming team I am on',
    response: FormationBoard,
    status: 200,
    errors: ['FORMATION_NOT_OPEN'],
  },
  myTeam: {
    summary: 'My team: its idea, members, lead, mentor, chat, and why I am on it',
    response: MyTeam,
  },
  overview: {
    summary:
      'Team formation for organisers: rules, teams and their make-up, who has no team, what teams lack',
    response: FormationOverview,
  },
  settings: {
    summary: 'Formation open or not, and the rules of the optimiser',
    response: FormationSettings,
  },
  putSettings: {
    summary: 'Open or close formation and edit the rules (each switchable)',
    response: FormationSettings,
    errors: ['FORMATION_RULES_INVALID', 'FORMATION_SETTINGS_VERSION_CONFLICT'],
  },
  createRun: {
    summary:
      'Run the team optimiser (HiGHS, in the solver pool) over the interests and rules; stored with inputs, seed and result',
    description: 'Infeasible rules come back in words with the smallest change that would help.',
    response: FormationRun,
    errors: ['FORMATION_NO_SHORTLIST', 'FORMATION_RULES_INVALID', 'FORMATION_INPUTS_CHANGED'],
  },
  listRuns: {
    summary: 'Formation runs, newest first, with the figures that tell them apart',
    response: [FormationRunSummary],
  },
  getRun: {
    summary: 'One formation run: proposed teams, their make-up, who is left out, infeasibility',
    response: FormationRun,
    errors: ['FORMATION_RUN_NOT_FOUND'],
  },
  adopt: {
    summary: 'Adopt a run: its teams replace the forming teams (locked and confirmed teams stay)',
    response: FormationRun,
    status: 200,
    errors: ['FORMATION_RUN_NOT_FOUND', 'FORMATION_RUN_INFEASIBLE', 'FORMATION_RUN_STALE'],
  },
  move: {
    summary:
      'Move someone to another team (or only check the move): the rules it breaks come back as warnings',
    response: MoveChecked,
    status: 200,
    errors: [
      'FORMATION_MOVE_INVALID',
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_MOVE_STALE',
      'FORMATION_TEAM_NOT_FORMING',
    ],
  },
  lock: {
    summary: 'Lock a team as formed: later runs keep it, nobody joins or leaves it by themselves',
    response: FormationTeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
    ],
  },
  unlock: {
    summary: 'Unlock a team: it forms again',
    response: FormationTeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
    ],
  },
  confirm: {
    summary: 'Confirm a team: its name, lead and mentor; its members join its chat (team:joined)',
    response: FormationTeamState,
    status: 200,
    errors: [
      'FORMATION_TEAM_NOT_FOUND',
      'FORMATION_TEAM_NOT_FORMING',
      'FORMATION_TEAM_VERSION_CONFLICT',
      'FORMATION_CONFIRM_INVALID',
      'FORMATION_TEAM_NAME_TAKEN',
    ],
  },
});
