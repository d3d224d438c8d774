import { z } from 'zod';

/** The health routes' answers. */
export const Liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });
export const Readiness = z
  .object({ status: z.literal('ok'), database: z.literal('up') })
  .meta({ id: 'Readiness' });
