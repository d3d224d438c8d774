import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import {
  reviewConflictOf,
  type Actor,
  type ConflictReason,
  type DeclaredConflict,
} from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { LabAccessService, MembershipsService } from '@ideas-lab/labs';
import { SubmittedApplicationsService, type SubmittedApplication } from '@ideas-lab/applications';
import type { DeclareConflicts, MyReviewerProfile } from './review.contract.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { ReviewError } from './review.errors.js';
import { ReviewersRepository, type ConflictInput } from './reviewers.repository.js';

export interface LabReviewer {
  userId: string;
  email: string;
  displayName: string;
  roles: ('organiser' | 'mentor')[];
}

/** Everything needed to decide conflicts of interest in a lab. */
export interface ConflictFacts {
  institutionOf: Map<string, string>;
  /** Reviewers' expertise tags (proposal review's coverage and affinity). */
  expertiseOf: Map<string, string[]>;
  declaredBy: Map<string, DeclaredConflict[]>;
}

/** The reviewers of a lab (its mentors and organisers), their institutions and declared conflicts. */
@Injectable()
export class ReviewersService {
  constructor(
    private readonly reviewers: ReviewersRepository,
    private readonly assignments: ReviewAssignmentsRepository,
    private readonly memberships: MembershipsService,
    private readonly access: LabAccessService,
    private readonly identity: IdentityService,
    private readonly submitted: SubmittedApplicationsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async ofLab(labId: string): Promise<LabReviewer[]> {
    const byId = new Map<string, LabReviewer>();
    for (const member of await this.memberships.members(labId)) {
      if (member.role !== 'organiser' && member.role !== 'mentor') continue;
      const reviewer = byId.get(member.userId) ?? {
        userId: member.userId,
        email: member.email,
        displayName: member.displayName,
        roles: [],
      };
      reviewer.roles.push(member.role);
      byId.set(member.userId, reviewer);
    }
    return [...byId.values()];
  }

  async conflictFacts(labId: string): Promise<ConflictFacts> {
    // One query at a time: assignment asks for these inside its transaction, on one connection.
    const profiles = await this.reviewers.findProfilesOfLab(labId);
    const conflicts = await this.reviewers.findConflictsOfLab(labId);
    const declaredBy = new Map<string, DeclaredConflict[]>();
    for (const c of conflicts) {
      const list = declaredBy.get(c.reviewerId) ?? [];
      list.push(
        c.applicantId !== null
          ? { applicantId: c.applicantId }
          : { institution: c.institution ?? '' },
      );
      declaredBy.set(c.reviewerId, list);
    }
    return {
      institutionOf: new Map(profiles.map((p) => [p.userId, p.institution])),
      expertiseOf: new Map(profiles.map((p) => [p.userId, p.expertise])),
      declaredBy,
    };
  }

  conflictOf(
    facts: ConflictFacts,
    reviewerId: string,
    application: Pick<SubmittedApplication, 'applicantId' | 'profile'>,
  ): ConflictReason | null {
    return reviewConflictOf({
      reviewerId,
      reviewerInstitution: facts.institutionOf.get(reviewerId),
      declared: facts.declaredBy.get(reviewerId) ?? [],
      application: {
        applicantId: application.applicantId,
        institution: application.profile.affiliation,
      },
    });
  }

  async mine(actor: Actor, labId: string): Promise<MyReviewerProfile> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    return this.view(labId, actor.userId, 0);
  }

  /**
   * Set my institution and replace my declared conflicts. Assignments of mine that become
   * conflicts are removed, unless their review was submitted (it stays, and counts).
   */
  async declare(actor: Actor, labId: string, dto: DeclareConflicts): Promise<MyReviewerProfile> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const conflicts: ConflictInput[] = [];
    const problems: { field: string; message: string }[] = [];
    for (const [i, c] of (dto.conflicts ?? []).entries()) {
      const email = c.applicantEmail?.trim();
      const institution = c.institution?.trim();
      if ((email ? 1 : 0) + (institution ? 1 : 0) !== 1) {
        problems.push({
          field: `conflicts[${i}]`,
          message: 'name either an applicant (applicantEmail) or an institution, not both',
        });
        continue;
      }
      if (institution) {
        conflicts.push({ institution });
        continue;
      }
      const person = await this.identity.findProfileByEmail(email as string);
      if (!person)
        problems.push({
          field: `conflicts[${i}].applicantEmail`,
          message: 'no account uses this address',
        });
      else conflicts.push({ applicantId: person.id });
    }
    if (problems.length > 0) {
      throw new ReviewError(
        'CONFLICT_DECLARATION_INVALID',
        `The declaration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.`,
        problems,
      );
    }
    return this.tx.run(async () => {
      await this.assignments.lockLab(labId);
      const current = await this.reviewers.findProfile(labId, actor.userId);
      const institution =
        dto.institution === undefined ? (current?.institution ?? '') : dto.institution.trim();
      const expertise =
        dto.expertise === undefined
          ? (current?.expertise ?? [])
          : [...new Set(dto.expertise.map((e) => e.trim()))];
      await this.reviewers.upsertProfile(labId, actor.userId, institution, expertise);
      // Conflicts are replaced only when sent: setting one's institution keeps them.
      if (dto.conflicts !== undefined)
        await this.reviewers.replaceConflictsOfReviewer(labId, actor.userId, conflicts);
      const facts = await this.conflictFacts(labId);
      const applications = new Map((await this.submitted.ofLab(labId)).map((a) => [a.id, a]));
      let removed = 0;
      for (const assignment of await this.assignments.findOfReviewer(labId, actor.userId)) {
        const application = applications.get(assignment.applicationId);
        if (
          !application ||
          assignment.status === 'submitted' ||
          !this.conflictOf(facts, actor.userId, application)
        )
          continue;
        await this.assignments.deleteById(assignment.id);
        removed++;
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'review.assignment_removed',
          entityType: 'review_assignment',
          entityId: assignment.id,
          data: {
            applicationId: assignment.applicationId,
            reviewerId: actor.userId,
            reason: 'conflict_of_interest',
            hadDraft: assignment.status === 'draft',
          },
        });
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'review.conflicts_declared',
        entityType: 'reviewer',
        entityId: actor.userId,
        data: {
          institution,
          ...(dto.expertise !== undefined ? { expertise } : {}),
          ...(dto.conflicts !== undefined
            ? {
                people: conflicts.filter((c) => c.applicantId).length,
                institutions: conflicts.filter((c) => c.institution).map((c) => c.institution),
              }
            : {}),
          removedAssignments: removed,
        },
      });
      return this.view(labId, actor.userId, removed);
    });
  }

  private async view(
    labId: string,
    userId: string,
    removedAssignments: number,
  ): Promise<MyReviewerProfile> {
    // One query at a time: this view is also read inside the transaction that saved it.
    const profile = await this.reviewers.findProfile(labId, userId);
    const conflicts = await this.reviewers.findConflictsOfReviewer(labId, userId);
    const people = await this.identity.profilesByIds(
      conflicts.flatMap((c) => (c.applicantId ? [c.applicantId] : [])),
    );
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    return {
      labId,
      institution: profile?.institution ?? '',
      expertise: profile?.expertise ?? [],
      conflicts: conflicts.map((c) =>
        c.applicantId
          ? { applicantId: c.applicantId, applicantEmail: emailOf.get(c.applicantId) }
          : { institution: c.institution ?? '' },
      ),
      removedAssignments,
    };
  }
}
