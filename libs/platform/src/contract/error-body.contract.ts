import { z } from 'zod';

/** One problem with one field of a request, by its dotted path. */
export const FieldProblemSchema = z.object({
  field: z.string().meta({ example: 'dates.applicationsCloseAt' }),
  message: z.string().meta({
    example: 'dates.applicationsCloseAt must be an ISO 8601 date-time, e.g. 2026-05-01T09:00:00Z',
  }),
});

/** The body of every error response. */
export const ErrorBodySchema = z.object({
  statusCode: z.int().meta({ example: 409 }),
  code: z.string().meta({
    example: 'LAB_VERSION_CONFLICT',
    description: 'Stable, machine-readable error code.',
  }),
  message: z.string().meta({ description: 'What went wrong, for a person.' }),
  details: z
    .union([z.array(FieldProblemSchema), z.record(z.string(), z.unknown())])
    .optional()
    .meta({ description: 'Field problems (validation) or structured facts.' }),
  requestId: z.string().meta({
    description: 'Quote it when reporting a problem; also in the x-request-id header.',
  }),
});
