import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ADMIN_ONLY, IS_PUBLIC } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { IdentityError } from '../identity.errors.js';

interface RouteAccess {
  isPublic: boolean;
  adminOnly: boolean;
}

/**
 * The global guard: every route needs a valid access token unless it is marked @Public();
 * @AdminOnly() routes need a platform admin.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  /** Route metadata is fixed once the app is built: read it once per handler, not per request. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.routeAccess(context);
    if (access.isPublic) return true;
    await super.canActivate(context);
    if (access.adminOnly) {
      const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
      if (!actor.isAdmin)
        throw new IdentityError('ADMIN_REQUIRED', 'Only platform admins can do this.');
    }
    return true;
  }

  override handleRequest<T = Actor>(error: unknown, user: T | false): T {
    if (error || !user) {
      throw new IdentityError(
        'UNAUTHENTICATED',
        'Sign in to do this (the access token is missing, invalid or expired).',
      );
    }
    return user;
  }

  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = this.routes.get(handler);
    let access = byController?.get(controller);
    if (access === undefined) {
      const targets = [handler, controller];
      access = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)),
        adminOnly: Boolean(this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets)),
      };
      if (byController === undefined) this.routes.set(handler, (byController = new WeakMap()));
      byController.set(controller, access);
    }
    return access;
  }
}
