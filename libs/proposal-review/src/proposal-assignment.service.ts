import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditService,
  inputsFingerprint,
  SolverPool,
  TransactionRunner,
} from '@ideas-lab/platform';
import {
  PROPOSAL_CONFLICT_REASON_LABELS,
  type Actor,
  type ExpertiseRequirement,
  type ReviewerAssignment,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import type { LabReviewer } from '@ideas-lab/review';
import type {
  AddProposalAssignment,
  ProposalAssignment,
  ProposalAssignmentRunView,
  ProposalAssignmentsView,
  RunProposalAssignment,
} from './proposal-review.contract.js';
import type { ProposalReviewEntity } from './entities/proposal-review.entity.js';
import type { ProposalReviewRunEntity } from './entities/proposal-review-run.entity.js';
import {
  assertProposalReviewPhase,
  ProposalReviewFacts,
  type RoundFacts,
} from './proposal-review-facts.js';
import { ProposalReviewNotices } from './proposal-review-notices.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { ProposalReviewError } from './proposal-review.errors.js';

/** A solve whose inputs moved before its result was written is solved again, this often in all. */
const MAX_SOLVE_ATTEMPTS = 3;

/** Where a round asks for nothing else: a clinical and a computational reviewer per proposal, where available. */
export const DEFAULT_PROPOSAL_COVERAGE: ExpertiseRequirement[] = [
  { id: 'clinical', expertise: ['clinical'] },
  { id: 'computational', expertise: ['computational'] },
];

/** How a conflict reads to the organiser adjusting assignments. */
const ORGANISER_LABELS: Record<keyof typeof PROPOSAL_CONFLICT_REASON_LABELS, string> = {
  'team-member': 'they are a member of this team',
  'declared-proposal': 'they declared a conflict with this proposal',
  'declared-person': 'they declared a conflict with a member of this team',
  'declared-institution': "they declared a conflict with a team member's institution",
  'same-institution': 'they work at the institution of a member of this team',
};

/**
 * Mentors assigned to a round's proposals: automatically (HiGHS in the solver pool, k reviews
 * each, load range, conflicts excluded, expertise coverage, affinity, fairness) and by hand.
 */
@Injectable()
export class ProposalAssignmentService {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
    private readonly notices: ProposalReviewNotices,
  ) {}

  /**
   * Assign k mentors to every submitted proposal. Started and submitted reviews and hand-made
   * assignments are kept; unstarted automatic ones are replaced. Solved with no lock held, then
   * written under the round's lock only if the inputs read again there are the ones solved
   * (else solved again, at most three times, then 409 PROPOSAL_ASSIGNMENT_INPUTS_CHANGED).
   */
  async run(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: RunProposalAssignment,
  ): Promise<ProposalAssignmentRunView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.assertOpen(actor, labId, roundId);
    const seed = dto.seed ?? randomUUID();
    for (let attempt = 1; ; attempt++) {
      const read = await this.inputs(labId, roundId, dto, seed);
      if (read.facts.proposals.length === 0)
        throw new ProposalReviewError(
          'PROPOSAL_REVIEW_NO_PROPOSALS',
          'No proposal of this round has been submitted yet: there is nothing to assign.',
        );
      const solved = inputsFingerprint(read.inputs);
      const result = await this.solvers.run('assignReviewers', read.inputs);
      const view = await this.tx.run(async () => {
        await this.repository.lockRound(roundId);
        await this.assertOpen(actor, labId, roundId);
        const now = await this.inputs(labId, roundId, dto, seed);
        if (inputsFingerprint(now.inputs) !== solved) return null;
        return this.writeRun(actor, labId, roundId, dto, seed, now, result);
      });
      if (view) return view;
      if (attempt === MAX_SOLVE_ATTEMPTS)
        throw new ProposalReviewError(
          'PROPOSAL_ASSIGNMENT_INPUTS_CHANGED',
          'Proposals, teams, mentors or assignments kept changing while the assignment was solved; run it again.',
          { attempts: attempt },
        );
    }
  }

  async list(actor: Actor, labId: string, roundId: string): Promise<ProposalAssignmentsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const facts = await this.facts.read(labId, roundId);
    const rows = await this.repository.findOfRound(roundId);
    const latest = await this.repository.findLatestRun(roundId);
    return {
      roundId,
      reviewers: facts.mentors.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        institution: facts.facts.institutionOf.get(m.userId) ?? '',
        expertise: facts.facts.expertiseOf.get(m.userId) ?? [],
      })),
      proposals: facts.proposals.map((p) => ({
        proposalId: p.proposalId,
        teamName: p.team.name,
        title: p.title,
      })),
      assignments: rows
        .filter((r) => facts.proposals.some((p) => p.proposalId === r.proposalId))
        .map((r) => this.assignmentView(facts, r)),
      conflicts: facts.conflicts,
      latestRun: latest ? this.storedRunView(facts, latest) : null,
    };
  }

  /** An organiser assigns one mentor by hand; a conflict of interest is refused. */
  async add(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: AddProposalAssignment,
  ): Promise<ProposalAssignment> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.assertOpen(actor, labId, roundId);
    return this.tx.run(async () => {
      await this.repository.lockRound(roundId);
      const facts = await this.facts.read(labId, roundId);
      const proposal = this.facts.proposal(facts, dto.proposalId);
      const reviewer = this.mentor(facts, dto.reviewerId);
      const conflict = this.facts.conflictOf(facts, reviewer.userId, proposal.proposalId);
      if (conflict) {
        throw new ProposalReviewError(
          'PROPOSAL_ASSIGNMENT_CONFLICT_OF_INTEREST',
          `${reviewer.displayName} has a conflict of interest with this proposal (${ORGANISER_LABELS[conflict]}).`,
          { reason: conflict },
        );
      }
      const added = await this.repository.insertMany(
        labId,
        roundId,
        [{ proposalId: proposal.proposalId, reviewerId: reviewer.userId }],
        'manual',
        actor.userId,
      );
      if (added === 0)
        throw new ProposalReviewError(
          'PROPOSAL_ASSIGNMENT_EXISTS',
          `${reviewer.displayName} is already assigned to this proposal.`,
        );
      const created = (await this.repository.findOne(proposal.proposalId, reviewer.userId))!;
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.assignment_added',
        entityType: 'proposal_review',
        entityId: created.id,
        data: { roundId, proposalId: proposal.proposalId, reviewerId: reviewer.userId },
      });
      this.notices.assignmentsChanged(
        labId,
        facts,
        'added',
        [proposal.proposalId],
        [reviewer.userId],
      );
      return this.assignmentView(facts, created);
    });
  }

  /** An organiser removes an assignment; a submitted review is never thrown away. */
  async remove(actor: Actor, labId: string, roundId: string, assignmentId: string): Promise<void> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.facts.requireRound(labId, roundId);
    await this.tx.run(async () => {
      await this.repository.lockRound(roundId);
      const assignment = await this.repository.findById(assignmentId);
      if (!assignment || assignment.labId !== labId || assignment.roundId !== roundId)
        throw new ProposalReviewError(
          'PROPOSAL_REVIEW_ASSIGNMENT_NOT_FOUND',
          'There is no such assignment in this funding round.',
        );
      if (assignment.status === 'submitted')
        throw new ProposalReviewError(
          'PROPOSAL_ASSIGNMENT_HAS_REVIEW',
          'This mentor has submitted their review; the assignment stays so the review keeps counting.',
        );
      await this.repository.deleteById(assignment.id);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.assignment_removed',
        entityType: 'proposal_review',
        entityId: assignment.id,
        data: {
          roundId,
          proposalId: assignment.proposalId,
          reviewerId: assignment.reviewerId,
          hadDraft: assignment.status === 'draft',
        },
      });
      this.notices.assignmentsChanged(
        labId,
        await this.facts.read(labId, roundId),
        'removed',
        [assignment.proposalId],
        [assignment.reviewerId],
      );
    });
  }

  private async assertOpen(actor: Actor, labId: string, roundId: string): Promise<void> {
    assertProposalReviewPhase((await this.labs.get(actor, labId)).phase);
    await this.facts.requireRound(labId, roundId);
    const settings = await this.repository.findRound(roundId);
    if (settings?.closedAt)
      throw new ProposalReviewError(
        'PROPOSAL_REVIEW_CLOSED',
        'The organisers closed review of this round: assignments and reviews no longer change.',
      );
  }

  /** What `assignReviewers` is given, read one query at a time. */
  private async inputs(labId: string, roundId: string, dto: RunProposalAssignment, seed: string) {
    const facts = await this.facts.read(labId, roundId);
    const existing = (await this.repository.findOfRound(roundId)).filter((r) =>
      facts.proposals.some((p) => p.proposalId === r.proposalId),
    );
    const chosen =
      dto.reviewerIds === undefined
        ? facts.mentors
        : [...new Set(dto.reviewerIds)].map((id) => this.mentor(facts, id));
    // The seed orders the reviewers, which settles ties between equally good assignments.
    const order = (id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex');
    const reviewers = [...chosen].sort((a, b) => order(a.userId).localeCompare(order(b.userId)));
    const inputs = {
      subject: 'proposal' as const,
      applications: facts.proposals.map((p) => ({
        id: p.proposalId,
        disciplines: facts.disciplinesOf.get(p.proposalId) ?? [],
      })),
      reviewers: reviewers.map((r) => ({
        id: r.userId,
        expertise: facts.facts.expertiseOf.get(r.userId) ?? [],
      })),
      reviewsPerApplication: dto.reviewsPerProposal,
      load: {
        ...(dto.load?.min !== undefined ? { min: dto.load.min } : {}),
        ...(dto.load?.max !== undefined ? { max: dto.load.max } : {}),
      },
      conflicts: facts.conflicts.map((c) => ({
        reviewerId: c.reviewerId,
        applicationId: c.proposalId,
      })),
      fixed: existing
        .filter((a) => a.status !== 'assigned' || a.source === 'manual')
        .map((a) => ({ reviewerId: a.reviewerId, applicationId: a.proposalId })),
      coverage: (dto.coverage ?? DEFAULT_PROPOSAL_COVERAGE).map((c) => ({
        id: c.id,
        expertise: c.expertise,
        ...(c.min !== undefined ? { min: c.min } : {}),
      })),
    };
    return { inputs, facts };
  }

  private async writeRun(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: RunProposalAssignment,
    seed: string,
    read: Awaited<ReturnType<ProposalAssignmentService['inputs']>>,
    result: ReviewerAssignment,
  ): Promise<ProposalAssignmentRunView> {
    const { inputs, facts } = read;
    const pair = (r: ProposalReviewEntity) => `${r.proposalId}:${r.reviewerId}`;
    const before = await this.repository.findOfRound(roundId);
    await this.repository.deleteUnstartedAutomatic(roundId);
    const added = await this.repository.insertMany(
      labId,
      roundId,
      result.assignments
        .filter((a) => !a.fixed)
        .map((a) => ({ proposalId: a.applicationId, reviewerId: a.reviewerId })),
      'auto',
      actor.userId,
    );
    const kept = result.assignments.filter((a) => a.fixed).length;
    const summary = {
      complete: result.complete,
      optimal: result.optimal,
      solverStatus: result.solverStatus,
      loads: result.loads,
      loadSpread: result.loadSpread,
      unfilled: result.unfilled,
      uncovered: result.uncovered,
      unavailableCoverage: result.unavailableCoverage,
      problems: result.problems,
      warnings: result.warnings,
      kept,
      added,
    };
    const run = await this.repository.insertRun({
      labId,
      roundId,
      inputs: { ...inputs },
      seed,
      status: result.solverStatus,
      result: summary,
      createdBy: actor.userId,
    });
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'proposal_review.assignment_run',
      entityType: 'proposal_review_run',
      entityId: run.id,
      data: {
        roundId,
        reviewsPerProposal: dto.reviewsPerProposal,
        load: inputs.load,
        proposals: inputs.applications.length,
        reviewers: inputs.reviewers.length,
        kept,
        added,
        complete: result.complete,
        seed,
      },
    });
    // Who gained or lost a proposal: organisers read the table again, those reviewers their queue.
    const after = await this.repository.findOfRound(roundId);
    const had = new Set(before.map(pair));
    const has = new Set(after.map(pair));
    const moved = [
      ...after.filter((r) => !had.has(pair(r))),
      ...before.filter((r) => !has.has(pair(r))),
    ];
    this.notices.assignmentsChanged(
      labId,
      facts,
      'run',
      moved.map((r) => r.proposalId),
      moved.map((r) => r.reviewerId),
    );
    return this.storedRunView(facts, run);
  }

  private storedRunView(
    facts: RoundFacts,
    run: ProposalReviewRunEntity,
  ): ProposalAssignmentRunView {
    const r = run.result as unknown as ReviewerAssignment & { kept: number; added: number };
    const inputs = run.inputs as { reviewsPerApplication: number; applications: unknown[] };
    const name = new Map(facts.staff.map((s) => [s.userId, s.displayName]));
    const title = new Map(facts.proposals.map((p) => [p.proposalId, p.title]));
    return {
      runId: run.id,
      seed: run.seed,
      solverStatus: run.status,
      complete: r.complete,
      optimal: r.optimal,
      reviewsPerProposal: inputs.reviewsPerApplication,
      proposals: inputs.applications.length,
      kept: r.kept,
      added: r.added,
      loads: r.loads.map((l) => ({ ...l, name: name.get(l.reviewerId) ?? 'A former mentor' })),
      loadSpread: r.loadSpread,
      unfilled: r.unfilled.map((u) => ({
        proposalId: u.applicationId,
        title: title.get(u.applicationId) ?? '',
        assigned: u.assigned,
        missing: u.missing,
      })),
      uncovered: (r.uncovered ?? []).map((u) => ({
        proposalId: u.applicationId,
        requirementId: u.requirementId,
        needed: u.needed,
        assigned: u.assigned,
      })),
      unavailableCoverage: (r.unavailableCoverage ?? []).map((u) => ({
        requirementId: u.requirementId,
        proposalIds: u.applicationIds,
      })),
      problems: r.problems,
      warnings: r.warnings,
      createdAt: run.createdAt.toISOString(),
    };
  }

  private mentor(facts: RoundFacts, userId: string): LabReviewer {
    const mentor = facts.mentors.find((m) => m.userId === userId);
    if (!mentor)
      throw new ProposalReviewError(
        'PROPOSAL_REVIEWER_NOT_MENTOR',
        'Proposals are reviewed by the mentors of the lab; this person is not one.',
        [{ field: 'reviewerId', message: `${userId} is not a mentor of this lab` }],
      );
    return mentor;
  }

  private assignmentView(facts: RoundFacts, row: ProposalReviewEntity): ProposalAssignment {
    const proposal = facts.proposals.find((p) => p.proposalId === row.proposalId);
    return {
      id: row.id,
      proposalId: row.proposalId,
      teamName: proposal?.team.name ?? '',
      title: proposal?.title ?? '',
      reviewerId: row.reviewerId,
      reviewerName:
        facts.staff.find((s) => s.userId === row.reviewerId)?.displayName ?? 'A former mentor',
      source: row.source,
      status: row.status,
      conflict: proposal ? this.facts.conflictOfAnyone(facts, row.reviewerId, proposal) : null,
    };
  }
}
