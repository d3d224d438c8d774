import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '@ideas-lab/platform';

/**
 * The access-token key, made once. Given the secret as a string, jsonwebtoken first tries (and
 * fails) to parse it as a PEM public key on every sign and verify — ~40 % of the CPU of an
 * authenticated GET and 1.5 ms of every live handshake. It accepts a KeyObject (its documented
 * third form); the passport-jwt and @nestjs/jwt typings only list string | Buffer.
 */
export function jwtSecretKey(config: AppConfig): Buffer {
  return createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer;
}
