import { createHash } from 'node:crypto';
import { canonicalize } from '../security/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  chain: string;
  labId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  at: Date;
  prevHash: string;
}

/** sha-256 over the canonical JSON (RFC 8785) of an event's fields and its predecessor's hash. */
export function auditEventHash(event: ChainedFields): string {
  const canonical = canonicalize({
    chain: event.chain,
    labId: event.labId,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data,
    at: event.at.toISOString(),
    prevHash: event.prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}
