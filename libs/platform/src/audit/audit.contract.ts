import { z } from 'zod';
import { isoDateTime } from '../contract/contract-schemas.js';

/** The audit log's HTTP shapes (served by the labs lib's audit routes). */

export const AuditEvent = z
  .object({
    seq: z.int(),
    at: isoDateTime(),
    actorId: z.uuid().nullable(),
    actorName: z
      .string()
      .nullable()
      .meta({ description: 'Who did it (their display name); null for the system itself.' }),
    summary: z.string().meta({
      description: 'What happened, in words (without the actor)',
      example: 'moved the lab from Selection to Workshop',
    }),
    action: z.string().meta({ example: 'lab.phase_changed' }),
    entityType: z.string().meta({ example: 'lab' }),
    entityId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).meta({
      example: { from: 'draft', to: 'applications_open' },
    }),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.output<typeof AuditEvent>;

export const AuditPage = z
  .object({
    items: z.array(AuditEvent),
    nextBefore: z.int().nullable().meta({
      description: 'Pass as `before` to get the next (older) page; null at the start of the chain.',
    }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.output<typeof AuditPage>;

export const AuditVerification = z
  .object({
    valid: z.boolean(),
    checked: z.int(),
    firstBrokenSeq: z.int().optional(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.output<typeof AuditVerification>;
