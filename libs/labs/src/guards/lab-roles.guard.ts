import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LAB_ROLES_REQUIRED, PlatformError } from '@ideas-lab/platform';
import type { Actor, LabRole } from '@ideas-lab/domain';
import { LabAccessService } from '../lab-access.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Enforces @LabRoles(...) on routes with a `:labId` parameter (runs after the access guard). */
@Injectable()
export class LabRolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: LabAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<LabRole[] | undefined>(LAB_ROLES_REQUIRED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ user?: Actor; params: Record<string, string | undefined> }>();
    const labId = request.params.labId;
    if (!labId || !UUID.test(labId)) {
      throw new PlatformError('VALIDATION_FAILED', 'labId must be a lab id (a UUID).', [
        { field: 'labId', message: 'labId must be a UUID' },
      ]);
    }
    if (!request.user) return false;
    await this.access.requireRole(request.user, labId, roles);
    return true;
  }
}
