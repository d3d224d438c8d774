import { z } from 'zod';

/**
 * An applicant as cohort selection sees them: the one declaration of the shape. The selection
 * contract documents a run's inputs with this schema, and the web client's type is generated
 * from that document. Kept apart from `cohort-quotas.ts`, which the web client imports, so the
 * client does not load zod.
 */
export const CohortApplicant = z.object({
  id: z.uuid(),
  /** Normalised merit (e.g. `aggregateScores(...).applications[i].merit`); higher is better. */
  merit: z.number().meta({ description: 'Normalised merit (mean per-reviewer z-score).' }),
  /** Primary discipline. */
  discipline: z.string(),
  careerStage: z.string(),
  organisationType: z.string(),
  institution: z.string(),
  country: z.string(),
  /** The applicant can attend every day of the workshop. */
  availableForWholeWorkshop: z.boolean(),
  /** The organiser lets this applicant be selected despite partial availability. */
  availabilityOverride: z.boolean().optional(),
});
export type CohortApplicant = z.output<typeof CohortApplicant>;
