import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { jwtSecretKey } from '../jwt-key.js';
import { TokensService, type AccessTokenClaims } from '../tokens.service.js';

/** passport-jwt: a bearer access token, of its user's current token epoch (cached, see TokenEpochs). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly tokens: TokensService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtSecretKey(config),
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor | false> {
    return (await this.tokens.actorFor(claims)) ?? false;
  }
}
