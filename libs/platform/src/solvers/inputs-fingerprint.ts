import { createHash } from 'node:crypto';
import { canonicalize } from '../security/canonical-json.js';

/**
 * A short, stable digest of what a solve was given (RFC 8785 canonical JSON, so key order
 * does not matter). Read the inputs again under the lock before writing a result: a
 * different fingerprint means the solve answered a question that no longer stands.
 */
export function inputsFingerprint(value: unknown): string {
  return createHash('sha256')
    .update(canonicalize(value) ?? 'undefined')
    .digest('base64url');
}
