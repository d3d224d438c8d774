import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import type { AccessTokenClaims } from '../tokens.service.js';

/** passport-jwt: a bearer access token, verified without a database round trip. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // The key is made once. Given the secret as a string, jsonwebtoken first tries (and
      // fails) to parse it as a PEM public key on every request, which cost ~40 % of the CPU
      // of an authenticated GET. It accepts a KeyObject (its documented third form); the
      // passport-jwt typings only list string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Actor | false {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return false;
    return { userId: claims.sub, isAdmin: claims.adm === true };
  }
}
