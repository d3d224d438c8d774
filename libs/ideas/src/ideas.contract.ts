import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { isoDateTime, operations } from '@ideas-lab/platform';

/** The ideas lib's HTTP contract: every request and response shape, once. */

const Person = z.object({ userId: z.uuid(), displayName: z.string() }).meta({ id: 'IdeaPerson' });
export type IdeaPerson = z.output<typeof Person>;

const label = (max: number) => z.string().trim().min(1).max(max);
const Labels = (what: string, example: string[]) =>
  z
    .array(label(60))
    .max(20)
    .meta({ example, description: `${what}; at most 20, each up to 60 characters.` });

// ---- the board: settings and themes -------------------------------------------------------

export const IdeaTheme = z
  .object({ id: z.uuid(), name: z.string(), ideas: z.int() })
  .meta({ id: 'IdeaTheme' });
export type IdeaTheme = z.output<typeof IdeaTheme>;

export const IdeaBoardView = z
  .object({
    labId: z.uuid(),
    challengeAreas: z.array(z.string()).meta({
      description: 'The parts of the challenge ideas address; empty: ideas name their own.',
    }),
    summaryWordLimit: z.int(),
    version: z.int().meta({ description: 'Send it back when changing the settings.' }),
    themes: z.array(IdeaTheme),
    disciplines: z.array(z.string()).meta({
      description: "The lab's disciplines: what an idea may say it needs.",
    }),
  })
  .meta({ id: 'IdeaBoard' });
export type IdeaBoardView = z.output<typeof IdeaBoardView>;

export const PutIdeaBoard = z
  .strictObject({
    challengeAreas: z
      .array(label(120))
      .max(30)
      .optional()
      .meta({
        example: ['Data integration', 'Mechanistic models', 'Clinical decisions'],
      }),
    summaryWordLimit: z.int().min(10).max(2000).optional().meta({ example: 250 }),
    version: z.int().min(1).meta({ description: 'The version you edited (optimistic locking).' }),
  })
  .meta({ id: 'PutIdeaBoard' });
export type PutIdeaBoard = z.output<typeof PutIdeaBoard>;
export class PutIdeaBoardDto extends createZodDto(PutIdeaBoard) {}

export const CreateIdeaTheme = z
  .strictObject({ name: label(80).meta({ example: 'Data and models' }) })
  .meta({ id: 'CreateIdeaTheme' });
export type CreateIdeaTheme = z.output<typeof CreateIdeaTheme>;
export class CreateIdeaThemeDto extends createZodDto(CreateIdeaTheme) {}

export const IdeaPeopleQuery = z
  .strictObject({
    q: z.string().trim().max(100).optional().meta({ description: 'Part of a name.' }),
  })
  .meta({ id: 'IdeaPeopleQuery' });
export class IdeaPeopleQueryDto extends createZodDto(IdeaPeopleQuery) {}

// ---- ideas --------------------------------------------------------------------------------

const IdeaStatus = z.enum(['active', 'archived', 'merged']);

const IdeaRef = z.object({ id: z.uuid(), title: z.string() }).meta({ id: 'IdeaRef' });

export const IdeaView = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    title: z.string(),
    summary: z.string(),
    challengeArea: z.string(),
    tags: z.array(z.string()),
    disciplinesNeeded: z.array(z.string()),
    status: IdeaStatus,
    mergedInto: IdeaRef.nullable().meta({
      description: 'The idea this one was merged into (it stays readable).',
    }),
    mergedFrom: z.array(IdeaRef).meta({ description: 'Ideas merged into this one.' }),
    theme: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    version: z.int().meta({
      description: 'The number of its latest revision; an edit sends it back.',
    }),
    champions: z.array(Person),
    createdBy: Person,
    supporters: z.int(),
    iSupport: z.boolean(),
    iChampion: z.boolean(),
    comments: z.int(),
    shortlistPosition: z.int().nullable(),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  })
  .meta({ id: 'Idea' });
export type IdeaView = z.output<typeof IdeaView>;

export const IdeasQuery = z
  .strictObject({
    theme: z.uuid().optional().meta({ description: 'Only ideas under this theme.' }),
    tag: z.string().max(60).optional(),
    discipline: z.string().max(60).optional().meta({ description: 'Only ideas needing it.' }),
    mine: z.enum(['true', 'false']).optional().meta({
      description: 'Only ideas I champion or support.',
    }),
    status: z.enum(['active', 'archived', 'merged', 'all']).optional().meta({
      default: 'active',
    }),
  })
  .meta({ id: 'IdeasQuery' });
export type IdeasQuery = z.output<typeof IdeasQuery>;
export class IdeasQueryDto extends createZodDto(IdeasQuery) {}

export const CreateIdea = z
  .strictObject({
    title: label(160).meta({ example: 'A digital twin of the tumour micro-environment' }),
    summary: label(20_000).meta({
      example: 'Couple agent-based tumour models with spatial transcriptomics so that …',
      description: "At most the board's word limit.",
    }),
    challengeArea: label(120).meta({ example: 'Mechanistic models' }),
    tags: Labels('Free tags', ['spatial omics', 'agent-based']).optional(),
    disciplinesNeeded: Labels('Disciplines the idea needs (the lab’s own)', [
      'bioinformatics',
    ]).optional(),
    coChampions: z.array(z.guid('must be user ids')).max(5).optional().meta({
      description: 'Other participants or mentors who champion it with you.',
    }),
  })
  .meta({ id: 'CreateIdea' });
export type CreateIdea = z.output<typeof CreateIdea>;
export class CreateIdeaDto extends createZodDto(CreateIdea) {}

export const EditIdea = z
  .strictObject({
    version: z.int().min(1).meta({ description: 'The revision you edited (optimistic locking).' }),
    title: label(160).optional(),
    summary: label(20_000).optional(),
    challengeArea: label(120).optional(),
    tags: Labels('Free tags', ['spatial omics']).optional(),
    disciplinesNeeded: Labels('Disciplines the idea needs', ['AI']).optional(),
    note: z.string().trim().max(500).optional().meta({
      example: 'Narrowed to breast cancer after the mentors’ comments',
      description: 'What changed and why, kept with the revision.',
    }),
  })
  .meta({ id: 'EditIdea' });
export type EditIdea = z.output<typeof EditIdea>;
export class EditIdeaDto extends createZodDto(EditIdea) {}

// ---- shortlist ----------------------------------------------------------------------------

export const ShortlistedIdea = z
  .object({
    position: z.int(),
    id: z.uuid(),
    title: z.string(),
    challengeArea: z.string(),
    disciplinesNeeded: z.array(z.string()),
  })
  .meta({ id: 'ShortlistedIdea' });
export type ShortlistedIdea = z.output<typeof ShortlistedIdea>;

export const ShortlistView = z
  .object({
    labId: z.uuid(),
    version: z.int().meta({ description: 'Send it back when changing the shortlist.' }),
    ideas: z.array(ShortlistedIdea),
  })
  .meta({ id: 'Shortlist' });
export type ShortlistView = z.output<typeof ShortlistView>;

export const PutShortlist = z
  .strictObject({
    ideaIds: z.array(z.guid('must be idea ids')).max(100).meta({
      description: 'The shortlist in order, first place first (replaces it).',
    }),
    version: z.int().min(0).meta({ description: 'The version you edited (optimistic locking).' }),
  })
  .meta({ id: 'PutShortlist' });
export type PutShortlist = z.output<typeof PutShortlist>;
export class PutShortlistDto extends createZodDto(PutShortlist) {}

// ---- revisions ----------------------------------------------------------------------------

export const IdeaRevisionView = z
  .object({
    id: z.uuid(),
    number: z.int().meta({ description: 'Its number in the idea it was written for.' }),
    writtenFor: IdeaRef.meta({
      description: 'The idea it was written for (another one when it came in by a merge).',
    }),
    title: z.string(),
    summary: z.string(),
    challengeArea: z.string(),
    tags: z.array(z.string()),
    disciplinesNeeded: z.array(z.string()),
    note: z.string(),
    author: Person,
    createdAt: isoDateTime(),
  })
  .meta({ id: 'IdeaRevision' });
export type IdeaRevisionView = z.output<typeof IdeaRevisionView>;

export const CompareRevisionsQuery = z
  .strictObject({
    from: z.uuid().meta({ description: 'The older revision (left).' }),
    to: z.uuid().meta({ description: 'The newer revision (right).' }),
  })
  .meta({ id: 'CompareRevisionsQuery' });
export class CompareRevisionsQueryDto extends createZodDto(CompareRevisionsQuery) {}

const DiffPart = z
  .object({
    value: z.string(),
    change: z.enum(['same', 'added', 'removed']),
  })
  .meta({ id: 'DiffPart' });

export const RevisionComparison = z
  .object({
    from: IdeaRevisionView,
    to: IdeaRevisionView,
    fields: z.array(
      z.object({
        field: z.enum(['title', 'summary', 'challengeArea', 'tags', 'disciplinesNeeded']),
        changed: z.boolean(),
        parts: z.array(DiffPart).meta({
          description:
            'The text as a sequence of parts: the left side shows same + removed, the right side same + added.',
        }),
      }),
    ),
  })
  .meta({ id: 'RevisionComparison' });
export type RevisionComparison = z.output<typeof RevisionComparison>;

// ---- comments and supporters --------------------------------------------------------------

export const IdeaCommentView = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    author: Person,
    byMentor: z.boolean().meta({ description: "A mentor's comment (shown marked)." }),
    body: z.string(),
    writtenFor: IdeaRef,
    addressed: z.boolean(),
    addressedBy: Person.nullable(),
    addressedAt: isoDateTime().nullable(),
    createdAt: isoDateTime(),
  })
  .meta({ id: 'IdeaComment' });
export type IdeaCommentView = z.output<typeof IdeaCommentView>;

export const PostIdeaComment = z
  .strictObject({
    body: label(4000).meta({ example: 'Which patient data would this need first?' }),
    parentId: z
      .guid('must be a comment id')
      .optional()
      .meta({ description: 'Reply to this comment.' }),
  })
  .meta({ id: 'PostIdeaComment' });
export type PostIdeaComment = z.output<typeof PostIdeaComment>;
export class PostIdeaCommentDto extends createZodDto(PostIdeaComment) {}

export const MarkCommentAddressed = z
  .strictObject({ addressed: z.boolean() })
  .meta({ id: 'MarkCommentAddressed' });
export class MarkCommentAddressedDto extends createZodDto(MarkCommentAddressed) {}

export const IdeaSupporters = z
  .object({ ideaId: z.uuid(), supporters: z.array(Person), iSupport: z.boolean() })
  .meta({ id: 'IdeaSupporters' });
export type IdeaSupporters = z.output<typeof IdeaSupporters>;

// ---- organisers: theme, archive, restore --------------------------------------------------

export const SetIdeaTheme = z
  .strictObject({ themeId: z.guid('must be a theme id').nullable() })
  .meta({ id: 'SetIdeaTheme' });
export class SetIdeaThemeDto extends createZodDto(SetIdeaTheme) {}

// ---- merges -------------------------------------------------------------------------------

export const ProposeIdeaMerge = z
  .strictObject({
    targetIdeaId: z.guid('must be an idea id').meta({ description: 'The idea that carries on.' }),
    sourceIdeaIds: z.array(z.guid('must be idea ids')).min(1).max(10).meta({
      description: 'Ideas merged into it: they stay readable and point to it.',
    }),
  })
  .meta({ id: 'ProposeIdeaMerge' });
export type ProposeIdeaMerge = z.output<typeof ProposeIdeaMerge>;
export class ProposeIdeaMergeDto extends createZodDto(ProposeIdeaMerge) {}

export const IdeaMergeView = z
  .object({
    id: z.uuid(),
    target: IdeaRef,
    sources: z.array(IdeaRef),
    state: z.enum(['open', 'merged', 'declined', 'withdrawn']),
    proposedBy: Person,
    accepted: z.array(Person),
    waitingFor: z.array(Person).meta({ description: 'Champions who have not answered yet.' }),
    declinedBy: Person.nullable(),
    createdAt: isoDateTime(),
    decidedAt: isoDateTime().nullable(),
  })
  .meta({ id: 'IdeaMerge' });
export type IdeaMergeView = z.output<typeof IdeaMergeView>;

// ---- voting -------------------------------------------------------------------------------

const Ballot = z.enum(['participants', 'mentors']);

export const OpenVotingSession = z
  .strictObject({
    title: z.string().trim().max(120).optional().meta({ example: 'First round of dots' }),
    dotBudget: z.int().min(1).max(100).meta({ example: 5, description: 'Dots per person.' }),
    perIdeaCap: z
      .int()
      .min(1)
      .max(100)
      .meta({ example: 2, description: 'Most dots one person puts on one idea.' }),
    blind: z.boolean().meta({ description: 'Tallies hidden from everyone until it closes.' }),
    durationSeconds: z
      .int()
      .min(30)
      .max(7 * 24 * 3600)
      .meta({ example: 600 }),
    ballots: z.array(Ballot).min(1).max(2).optional().meta({
      description: 'Who votes, on separate ballots (default both).',
    }),
  })
  .meta({ id: 'OpenVotingSession' });
export type OpenVotingSession = z.output<typeof OpenVotingSession>;
export class OpenVotingSessionDto extends createZodDto(OpenVotingSession) {}

export const PlaceDot = z
  .strictObject({
    ideaId: z.guid('must be an idea id'),
    delta: z
      .union([z.literal(1), z.literal(-1)])
      .meta({ description: '1 places a dot, -1 takes one back.' }),
  })
  .meta({ id: 'PlaceDot' });
export type PlaceDot = z.output<typeof PlaceDot>;
export class PlaceDotDto extends createZodDto(PlaceDot) {}

export const MyBallot = z
  .object({
    sessionId: z.uuid(),
    ballot: Ballot.nullable().meta({ description: 'null: you do not vote in this session.' }),
    dotsLeft: z.int(),
    dots: z.array(z.object({ ideaId: z.uuid(), dots: z.int() })),
  })
  .meta({ id: 'MyBallot' });
export type MyBallot = z.output<typeof MyBallot>;

export const VotingResult = z
  .object({
    ideaId: z.uuid(),
    title: z.string(),
    status: IdeaStatus,
    participants: z.int(),
    mentors: z.int(),
    total: z.int(),
  })
  .meta({ id: 'VotingResult' });

export const VotingSessionView = z
  .object({
    id: z.uuid(),
    labId: z.uuid(),
    title: z.string(),
    dotBudget: z.int(),
    perIdeaCap: z.int(),
    blind: z.boolean(),
    ballots: z.array(Ballot),
    state: z.enum(['open', 'closed']),
    openedAt: isoDateTime(),
    endsAt: isoDateTime(),
    closedAt: isoDateTime().nullable(),
    closedBy: z.enum(['organiser', 'timer']).nullable(),
    serverNow: isoDateTime().meta({
      description: 'To correct the countdown for the client clock.',
    }),
    voters: z.object({ participants: z.int(), mentors: z.int() }),
    results: z.array(VotingResult).nullable().meta({
      description: 'Dots per idea, most first; null while the session is blind and open.',
    }),
    myBallot: MyBallot,
  })
  .meta({ id: 'VotingSession' });
export type VotingSessionView = z.output<typeof VotingSessionView>;

const IDEA_404 = ['IDEA_NOT_FOUND'];

export const ideaBoardOps = operations('ideas', {
  get: {
    summary: "The ideas board's settings: challenge areas, summary word limit, themes",
    response: IdeaBoardView,
  },
  put: {
    summary: 'Set the challenge areas ideas address and the summary word limit (organisers)',
    response: IdeaBoardView,
    errors: ['IDEA_BOARD_VERSION_CONFLICT'],
  },
  createTheme: {
    summary: 'Add a theme to group ideas under (organisers)',
    response: IdeaTheme,
    errors: ['IDEA_THEME_NAME_TAKEN'],
  },
  deleteTheme: {
    summary: 'Remove a theme; its ideas stay, under no theme (organisers)',
    response: null,
    errors: ['IDEA_THEME_NOT_FOUND'],
  },
  people: {
    summary:
      "Find the lab's participants and mentors by name, to name an idea's co-champions (at most 20, not oneself)",
    response: [Person],
  },
});

export const ideasOps = operations('ideas', {
  list: {
    summary: 'Ideas of the board, newest first, filtered by theme, tag, discipline needed or mine',
    response: [IdeaView],
  },
  create: {
    summary: 'Post an idea (participants and mentors); you and any co-champions named champion it',
    response: IdeaView,
    errors: ['IDEA_INVALID', 'IDEA_SUMMARY_TOO_LONG', 'IDEA_CHAMPION_INVALID'],
  },
  get: {
    summary: 'One idea; a merged idea stays readable and names the idea it became part of',
    response: IdeaView,
    errors: ['IDEA_NOT_FOUND'],
  },
  edit: {
    summary:
      'Revise an idea (its champions): a new revision is kept; a stale `version` is refused with the idea as it is now',
    response: IdeaView,
    errors: [
      'IDEA_NOT_FOUND',
      'IDEA_NOT_CHAMPION',
      'IDEA_NOT_ACTIVE',
      'IDEA_VERSION_CONFLICT',
      'IDEA_INVALID',
      'IDEA_SUMMARY_TOO_LONG',
    ],
  },
});

export const ideaDetailsOps = operations('ideas', {
  revisions: {
    summary: 'Every revision of an idea, oldest first (with those of ideas merged into it)',
    response: [IdeaRevisionView],
    errors: IDEA_404,
  },
  compare: {
    summary: 'Two revisions side by side, with the words that changed marked',
    response: RevisionComparison,
    errors: ['IDEA_NOT_FOUND', 'IDEA_REVISION_NOT_FOUND'],
  },
  comments: {
    summary: "An idea's discussion, oldest first; replies name their parent",
    response: [IdeaCommentView],
    errors: IDEA_404,
  },
  comment: {
    summary: "Comment on an idea or reply to a comment (mentors' comments are marked)",
    response: IdeaCommentView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE', 'IDEA_COMMENT_NOT_FOUND'],
  },
  addressed: {
    summary: 'Mark a comment addressed, or not (the idea’s champions)',
    response: IdeaCommentView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_COMMENT_NOT_FOUND', 'IDEA_NOT_CHAMPION'],
  },
  supporters: {
    summary: 'The people who would work on an idea ("I\'d work on this")',
    response: IdeaSupporters,
    errors: IDEA_404,
  },
  support: {
    summary: "Say you'd work on this idea (participants)",
    response: IdeaSupporters,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  },
  unsupport: {
    summary: 'Take back your support of an idea (participants)',
    response: IdeaSupporters,
    status: 200,
    errors: IDEA_404,
  },
  theme: {
    summary: 'Put an idea under a theme, or under none (organisers)',
    response: IdeaView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_THEME_NOT_FOUND'],
  },
  archive: {
    summary: 'Archive an idea: off the board and the shortlist, still readable (organisers)',
    response: IdeaView,
    status: 200,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  },
  restore: {
    summary: 'Restore an archived idea to the board (organisers)',
    response: IdeaView,
    status: 200,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  },
});

export const ideaMergesOps = operations('ideas', {
  list: {
    summary: 'Merges of the board: open proposals first, with who has yet to answer',
    response: [IdeaMergeView],
  },
  propose: {
    summary:
      'Merge ideas into one: organisers merge at once; a champion proposes, and it happens when every champion involved accepts',
    description:
      'Revisions, comments, supporters and champions of the merged ideas are carried over; the merged ideas stay readable and point to the result.',
    response: IdeaMergeView,
    errors: ['IDEA_MERGE_INVALID', 'IDEA_MERGE_NOT_ALLOWED'],
  },
  accept: {
    summary: 'Accept a merge proposal (a champion involved); the last acceptance merges',
    response: IdeaMergeView,
    status: 200,
    errors: ['IDEA_MERGE_NOT_FOUND', 'IDEA_MERGE_NOT_ALLOWED', 'IDEA_MERGE_CLOSED'],
  },
  decline: {
    summary: 'Decline a merge proposal (a champion involved): it ends',
    response: IdeaMergeView,
    status: 200,
    errors: ['IDEA_MERGE_NOT_FOUND', 'IDEA_MERGE_NOT_ALLOWED', 'IDEA_MERGE_CLOSED'],
  },
});

export const votingOps = operations('ideas', {
  list: {
    summary: 'Voting sessions of the lab, newest first, with results unless blind and open',
    response: [VotingSessionView],
  },
  open: {
    summary:
      'Open a voting session (organisers): dots per person, cap per idea, blind or not, duration, ballots',
    response: VotingSessionView,
    errors: ['VOTING_SESSION_INVALID', 'VOTING_SESSION_ALREADY_OPEN'],
  },
  get: {
    summary: 'One voting session: countdown, my dots, and results unless blind and open',
    response: VotingSessionView,
    errors: ['VOTING_SESSION_NOT_FOUND'],
  },
  close: {
    summary: 'Close a voting session now (organisers)',
    response: VotingSessionView,
    status: 200,
    errors: ['VOTING_SESSION_NOT_FOUND', 'VOTING_SESSION_CLOSED'],
  },
  dot: {
    summary: 'Place a dot on an idea (delta 1) or take one back (delta -1)',
    response: MyBallot,
    status: 200,
    errors: [
      'VOTING_SESSION_NOT_FOUND',
      'VOTING_SESSION_CLOSED',
      'VOTE_NOT_ELIGIBLE',
      'IDEA_NOT_FOUND',
      'IDEA_NOT_ACTIVE',
      'VOTE_BUDGET_EXCEEDED',
      'VOTE_IDEA_CAP_REACHED',
      'VOTE_NO_DOT_TO_TAKE_BACK',
    ],
  },
});

export const shortlistOps = operations('ideas', {
  get: {
    summary: 'The shortlisted ideas, in order (what teams form around)',
    response: ShortlistView,
  },
  put: {
    summary: 'Set the shortlist: active ideas in order (organisers)',
    response: ShortlistView,
    errors: ['SHORTLIST_INVALID', 'SHORTLIST_VERSION_CONFLICT'],
  },
});
