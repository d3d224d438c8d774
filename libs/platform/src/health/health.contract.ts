import { z } from 'zod';
import { operations } from '../contract/endpoint.decorator.js';

/** The health routes' answers. */
export const Liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });
export const Readiness = z
  .object({ status: z.literal('ok'), database: z.literal('up') })
  .meta({ id: 'Readiness' });

export const healthOps = operations('health', {
  live: { summary: 'Liveness: the process answers', response: Liveness },
  ready: {
    summary: 'Readiness: the database answers',
    response: Readiness,
    errors: ['SERVICE_UNAVAILABLE'],
  },
});
