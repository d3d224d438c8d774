import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import type { ConsensusNotice } from '@ideas-lab/live';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import type {
  ConsensusReportView,
  PanelMessage,
  PanelThread,
  PostPanelMessage,
  SaveConsensusReport,
  SetConsensusLead,
} from './proposal-review.contract.js';
import type { ConsensusReportEntity } from './entities/consensus-report.entity.js';
import { ProposalReviewFacts, type RoundFacts } from './proposal-review-facts.js';
import { ProposalReviewNotices } from './proposal-review-notices.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { ProposalReviewError } from './proposal-review.errors.js';

interface PanelSeat {
  facts: RoundFacts;
  organiser: boolean;
}

/** Who reads a panel's names: organisers see them all; a reviewer, in a blind review, only their own. */
interface Reader {
  userId: string | null;
  organiser: boolean;
}
/** Organisers (and the people a notice names: its author, the lead) read every name. */
const NAMES: Reader = { userId: null, organiser: true };
/** Any other reviewer on the panel. */
const OTHER_REVIEWER: Reader = { userId: null, organiser: false };

/** A round's blind setting and the labels its reviews give a proposal's reviewers ("Reviewer n"). */
interface Naming {
  blind: boolean;
  labels: Map<string, string>;
}

/**
 * The panel of a proposal: its assigned reviewers (once they have submitted their own review,
 * so nobody is swayed before writing) and the organisers. They discuss it in a thread; the lead
 * reviewer the organisers pick writes the consensus report with a recommendation, versioned.
 */
@Injectable()
export class ProposalPanelService {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly access: LabAccessService,
    private readonly notices: ProposalReviewNotices,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async thread(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<PanelThread> {
    const { facts, organiser } = await this.seat(actor, labId, roundId, proposalId);
    const naming = await this.naming(facts, proposalId);
    const reader = { userId: actor.userId, organiser };
    const messages = await this.repository.findMessages(proposalId);
    return {
      proposalId,
      messages: messages.map((m) => this.messageView(facts, naming, reader, m)),
    };
  }

  async post(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: PostPanelMessage,
  ): Promise<PanelMessage> {
    const { facts, organiser } = await this.seat(actor, labId, roundId, proposalId);
    return this.tx.run(async () => {
      const saved = await this.repository.insertMessage({
        labId,
        proposalId,
        authorId: actor.userId,
        body: dto.body,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.panel_message',
        entityType: 'proposal',
        entityId: proposalId,
        data: { roundId, messageId: saved.id },
      });
      const naming = await this.naming(facts, proposalId);
      this.notices.panelMessage(
        labId,
        facts,
        this.facts.proposal(facts, proposalId),
        await this.repository.findOfProposal(proposalId),
        {
          named: this.messageView(facts, naming, NAMES, saved),
          hidden: this.messageView(facts, naming, OTHER_REVIEWER, saved),
          knownTo: [actor.userId],
        },
      );
      return this.messageView(facts, naming, { userId: actor.userId, organiser }, saved);
    });
  }

  async consensus(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<ConsensusReportView> {
    const { facts, organiser } = await this.seat(actor, labId, roundId, proposalId);
    return this.reportView(
      { userId: actor.userId, organiser },
      facts,
      await this.naming(facts, proposalId),
      proposalId,
      await this.repository.findReport(proposalId),
    );
  }

  /** The organisers pick the lead reviewer: one of the proposal's assigned reviewers. */
  async setLead(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: SetConsensusLead,
  ): Promise<ConsensusReportView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const facts = await this.facts.read(labId, roundId);
    this.facts.proposal(facts, proposalId);
    return this.tx.run(async () => {
      const assigned = await this.repository.findOne(proposalId, dto.leadReviewerId);
      if (!assigned)
        throw new ProposalReviewError(
          'PROPOSAL_REVIEW_INVALID',
          'The lead reviewer must be one of the reviewers assigned to this proposal.',
          [{ field: 'leadReviewerId', message: 'not assigned to review this proposal' }],
        );
      const previous = await this.repository.findReport(proposalId);
      await this.repository.setLead(labId, proposalId, dto.leadReviewerId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.lead_chosen',
        entityType: 'proposal',
        entityId: proposalId,
        data: { roundId, leadReviewerId: dto.leadReviewerId },
      });
      const view = await this.announceReport(
        { userId: actor.userId, organiser: true },
        labId,
        facts,
        proposalId,
        'lead',
      );
      // The old and the new lead read their queues again ("you lead the consensus").
      const leads = [previous?.leadReviewerId, dto.leadReviewerId].filter(
        (id): id is string => !!id,
      );
      this.notices.queueChanged(labId, roundId, leads, 'lead');
      return view;
    });
  }

  /** The lead saves the report over the version they read; another save meanwhile is a 409. */
  async saveReport(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: SaveConsensusReport,
  ): Promise<ConsensusReportView> {
    const { facts } = await this.seat(actor, labId, roundId, proposalId);
    return this.tx.run(async () => {
      const report = await this.repository.findReport(proposalId);
      if (!report)
        throw new ProposalReviewError(
          'PROPOSAL_CONSENSUS_NO_LEAD',
          'The organisers have not picked the lead reviewer of this proposal yet.',
        );
      if (report.leadReviewerId !== actor.userId)
        throw new ProposalReviewError(
          'PROPOSAL_CONSENSUS_LEAD_ONLY',
          'Only the lead reviewer writes the consensus report.',
        );
      const saved = await this.repository.saveReportIfVersion(proposalId, dto.version, {
        recommendation: dto.recommendation,
        summary: dto.summary,
        updatedBy: actor.userId,
      });
      if (!saved) {
        const current = this.reportView(
          { userId: actor.userId, organiser: false },
          facts,
          await this.naming(facts, proposalId),
          proposalId,
          report,
        );
        throw new ProposalReviewError(
          'PROPOSAL_CONSENSUS_VERSION_CONFLICT',
          `The report was saved by someone else meanwhile (version ${report.version}, you edited version ${dto.version}); nothing was overwritten. Read it again and redo your change.`,
          { currentVersion: report.version, yourVersion: dto.version, current },
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.consensus_saved',
        entityType: 'proposal',
        entityId: proposalId,
        data: { roundId, version: dto.version + 1, recommendation: dto.recommendation },
      });
      // The lead reads the report: the only name in it is their own.
      return this.announceReport(
        { userId: actor.userId, organiser: false },
        labId,
        facts,
        proposalId,
        'saved',
      );
    });
  }

  /** Organisers, or an assigned reviewer who has submitted their review (and is not conflicted). */
  private async seat(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<PanelSeat> {
    const roles = await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const organiser = actor.isAdmin || roles.includes('organiser');
    const facts = await this.facts.read(labId, roundId);
    const proposal = this.facts.proposal(facts, proposalId);
    const conflict = this.facts.conflictOfAnyone(facts, actor.userId, proposal);
    if (conflict === 'team-member')
      throw new ProposalReviewError(
        'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
        "You are on this proposal's team: its panel is closed to you.",
        { reason: conflict },
      );
    if (organiser) return { facts, organiser };
    const review = await this.repository.findOne(proposalId, actor.userId);
    const bar = this.facts.panelBar(facts, actor.userId, proposal, review);
    if (bar === 'not-assigned' || bar === 'conflict')
      throw new ProposalReviewError(
        'PROPOSAL_PANEL_MEMBERS_ONLY',
        "The panel discussion is for the proposal's assigned reviewers and the organisers.",
      );
    if (bar === 'not-submitted')
      throw new ProposalReviewError(
        'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
        'The panel discussion opens to you once you have submitted your own review.',
      );
    return { facts, organiser };
  }

  private person(facts: RoundFacts, userId: string | null) {
    if (!userId) return null;
    return {
      userId,
      displayName: facts.staff.find((s) => s.userId === userId)?.displayName ?? 'A former mentor',
    };
  }

  private async naming(facts: RoundFacts, proposalId: string): Promise<Naming> {
    const blind = (await this.repository.findRound(facts.round.id))?.blind ?? true;
    // Numbered as the reviews of the proposal are (ProposalReviewsService.ofProposal).
    const submitted = await this.repository.findSubmittedOfProposal(proposalId);
    return {
      blind,
      labels: new Map(submitted.map((r, i) => [r.reviewerId, `Reviewer ${i + 1}`])),
    };
  }

  /** A person of the panel as the reader sees them: named, or a reviewer's label in a blind review. */
  private named(facts: RoundFacts, naming: Naming, reader: Reader, userId: string | null) {
    const person = this.person(facts, userId);
    if (!person) return { person: null, label: null };
    const label = naming.labels.get(person.userId);
    const hidden = naming.blind && !reader.organiser && reader.userId !== person.userId && label;
    return hidden ? { person: null, label } : { person, label: person.displayName };
  }

  private messageView(
    facts: RoundFacts,
    naming: Naming,
    reader: Reader,
    m: { id: string; authorId: string | null; body: string; createdAt: Date },
  ): PanelMessage {
    const author = this.named(facts, naming, reader, m.authorId);
    return {
      id: m.id,
      author: author.person,
      authorLabel: author.label ?? 'A former member',
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    };
  }

  /**
   * The report as the actor reads it now; organisers and the lead get it with names, the
   * other reviewers of the panel as a blind review shows it (each reader's `canEdit` is theirs).
   */
  private async announceReport(
    reader: Reader,
    labId: string,
    facts: RoundFacts,
    proposalId: string,
    change: ConsensusNotice['change'],
  ): Promise<ConsensusReportView> {
    const naming = await this.naming(facts, proposalId);
    const report = await this.repository.findReport(proposalId);
    const notice = (reader: Reader): ConsensusNotice['report'] => {
      const { lead, leadLabel, recommendation, summary, version, updatedBy, updatedAt } =
        this.reportView(reader, facts, naming, proposalId, report);
      return { lead, leadLabel, recommendation, summary, version, updatedBy, updatedAt };
    };
    this.notices.consensusChanged(
      labId,
      facts,
      this.facts.proposal(facts, proposalId),
      await this.repository.findOfProposal(proposalId),
      change,
      {
        named: notice(NAMES),
        hidden: notice(OTHER_REVIEWER),
        knownTo: report ? [report.leadReviewerId] : [],
      },
    );
    return this.reportView(reader, facts, naming, proposalId, report);
  }

  private reportView(
    reader: Reader,
    facts: RoundFacts,
    naming: Naming,
    proposalId: string,
    report: ConsensusReportEntity | null,
  ): ConsensusReportView {
    const lead = this.named(facts, naming, reader, report?.leadReviewerId ?? null);
    const saved = report && report.version > 0;
    return {
      proposalId,
      lead: lead.person,
      leadLabel: lead.label,
      recommendation: report?.recommendation ?? null,
      summary: report?.summary ?? '',
      version: report?.version ?? 0,
      updatedBy: saved ? this.named(facts, naming, reader, report.updatedBy).person : null,
      updatedAt: saved ? report.updatedAt.toISOString() : null,
      canEdit: report?.leadReviewerId === reader.userId,
    };
  }
}
