import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { isoDateTime } from '@ideas-lab/platform';

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

export const CreateTheme = z
  .strictObject({ name: label(80).meta({ example: 'Data and models' }) })
  .meta({ id: 'CreateIdeaTheme' });
export type CreateTheme = z.output<typeof CreateTheme>;
export class CreateThemeDto extends createZodDto(CreateTheme) {}

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
