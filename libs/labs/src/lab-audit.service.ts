import { Injectable } from '@nestjs/common';
import { describeAuditEvent } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { AuditService, type AuditPage } from '@ideas-lab/platform';

/** A lab's audit log as organisers read it: who did what, in words, with the raw event kept. */
@Injectable()
export class LabAuditService {
  constructor(
    private readonly audit: AuditService,
    private readonly identity: IdentityService,
  ) {}

  async page(labId: string, limit: number, before: number | null): Promise<AuditPage> {
    const page = await this.audit.pageOfLab(labId, limit, before);
    const actorIds = [
      ...new Set(page.items.map((e) => e.actorId).filter((id): id is string => id !== null)),
    ];
    const names = new Map(
      (await this.identity.profilesByIds(actorIds)).map((p) => [p.id, p.displayName]),
    );
    return {
      ...page,
      items: page.items.map((event) => ({
        ...event,
        actorName:
          event.actorId === null ? null : (names.get(event.actorId) ?? 'A deleted account'),
        summary: describeAuditEvent(event),
      })),
    };
  }
}
