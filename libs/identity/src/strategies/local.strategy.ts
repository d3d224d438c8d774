import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { FastifyRequest } from 'fastify';
import type { UserProfile } from '../identity.contract.js';
import { IdentityService } from '../identity.service.js';

/** passport-local: e-mail and password, checked with throttling per account and address. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly identity: IdentityService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<UserProfile> {
    return this.identity.verifyCredentials({ email, password, address: request.ip });
  }
}
