import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { jwtSecretKey } from '../jwt-key.js';
import type { AccessTokenClaims } from '../tokens.service.js';

/** passport-jwt: a bearer access token, verified without a database round trip. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtSecretKey(config),
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Actor | false {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') return false;
    return { userId: claims.sub, isAdmin: claims.adm === true };
  }
}
