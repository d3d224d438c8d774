import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, LabRole } from '@ideas-lab/domain';

export const IS_PUBLIC = 'ideas-lab:public';
export const LAB_ROLES_REQUIRED = 'ideas-lab:lab-roles';
export const ADMIN_ONLY = 'ideas-lab:admin-only';

/** Open a route to anonymous callers. Every other route needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The caller must hold one of these roles in the lab named by the route's `:labId`
 * (platform admins pass too). Record-level checks still happen in services.
 */
export const LabRoles = (...roles: LabRole[]) => SetMetadata(LAB_ROLES_REQUIRED, roles);

/** Only platform admins. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/** The authenticated caller, as the access token says. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});

/** The caller's network address (behind a trusted proxy, the forwarded one). */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<{ ip?: string }>();
  return request.ip ?? 'unknown';
});
