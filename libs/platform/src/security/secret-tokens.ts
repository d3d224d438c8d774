import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret to hand out once (refresh tokens, invitation links). */
export function newSecretToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** How a handed-out secret is stored: its sha-256, hex. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
