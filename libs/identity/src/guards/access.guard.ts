import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ADMIN_ONLY, IS_PUBLIC } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { IdentityError } from '../identity.errors.js';

/**
 * The global guard: every route needs a valid access token unless it is marked @Public();
 * @AdminOnly() routes need a platform admin.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets)) {
      const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
      if (!actor.isAdmin) throw new IdentityError('ADMIN_REQUIRED', 'Only platform admins can do this.');
    }
    return true;
  }

  override handleRequest<T = Actor>(error: unknown, user: T | false): T {
    if (error || !user) {
      throw new IdentityError('UNAUTHENTICATED', 'Sign in to do this (the access token is missing, invalid or expired).');
    }
    return user;
  }
}
