import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import {
  decideLabPhaseTransition,
  labPhaseOptions,
  labSettingsProblems,
  type Actor,
  type LabPhaseFacts,
  type LabPhaseOption,
  type LabRole,
} from '@ideas-lab/domain';
import type { ChangePhase, CreateLab, LabSettingsInput, UpdateLab } from './labs.contract.js';
import type { LabEntity } from './entities/lab.entity.js';
import { LabAccessService } from './lab-access.service.js';
import { LabPhaseFactSources } from './lab-phase-facts.service.js';
import { LabMembershipsRepository } from './lab-memberships.repository.js';
import { toCallPage, toLabView } from './lab-view.js';
import type { CallPage, LabSummary, LabView, OpenCall } from './labs.contract.js';
import { LabsError } from './labs.errors.js';
import { LabsRepository, type LabChanges } from './labs.repository.js';

const toDate = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);
const clean = (names: string[]) => names.map((n) => n.trim());

/** Turn the settings of a request into column changes; absent fields stay as they are. */
function changesFrom(
  dto: LabSettingsInput,
  current: Pick<LabEntity, 'taxonomy'> | null,
): LabChanges {
  const changes: LabChanges = {};
  if (dto.title !== undefined) changes.title = dto.title.trim();
  if (dto.slug !== undefined) changes.slug = dto.slug;
  if (dto.theme !== undefined) changes.theme = dto.theme.trim();
  if (dto.description !== undefined) changes.description = dto.description;
  if (dto.expertiseExamples !== undefined) changes.expertiseExamples = dto.expertiseExamples.trim();
  if (dto.timezone !== undefined) changes.timezone = dto.timezone;
  if (dto.capacity !== undefined) changes.capacity = dto.capacity;
  if (dto.dates) {
    const d = dto.dates;
    const set = <K extends keyof LabChanges>(key: K, value: LabChanges[K] | undefined) => {
      if (value !== undefined) changes[key] = value;
    };
    set('applicationsOpenAt', toDate(d.applicationsOpenAt));
    set('applicationsCloseAt', toDate(d.applicationsCloseAt));
    set('workshopStartAt', toDate(d.workshopStartAt));
    set('workshopEndAt', toDate(d.workshopEndAt));
    set('proposalsDueAt', toDate(d.proposalsDueAt));
  }
  if (dto.taxonomy) {
    const base = current?.taxonomy ?? { disciplines: [], careerStages: [], organisationTypes: [] };
    changes.taxonomy = {
      disciplines: clean(dto.taxonomy.disciplines ?? base.disciplines ?? []),
      careerStages: clean(dto.taxonomy.careerStages ?? base.careerStages ?? []),
      organisationTypes: clean(dto.taxonomy.organisationTypes ?? base.organisationTypes ?? []),
    };
  }
  if (dto.teamSize?.min !== undefined) changes.teamSizeMin = dto.teamSize.min;
  if (dto.teamSize?.max !== undefined) changes.teamSizeMax = dto.teamSize.max;
  if (dto.funding?.pool !== undefined)
    changes.fundingPoolMinor = String(Math.round(dto.funding.pool * 100));
  if (dto.funding?.currency !== undefined) changes.fundingCurrency = dto.funding.currency;
  return changes;
}

type LabSettingsColumns = Required<Omit<LabChanges, 'slug' | 'title' | 'taxonomy'>>;

const DEFAULTS: LabSettingsColumns = {
  theme: '',
  description: '',
  expertiseExamples: '',
  timezone: 'UTC',
  capacity: 30,
  applicationsOpenAt: null,
  applicationsCloseAt: null,
  workshopStartAt: null,
  workshopEndAt: null,
  proposalsDueAt: null,
  teamSizeMin: 3,
  teamSizeMax: 6,
  fundingPoolMinor: '0',
  fundingCurrency: 'USD',
};

function assertConsistent(settings: LabSettingsColumns & Pick<LabEntity, 'taxonomy'>): void {
  const problems = labSettingsProblems({
    timezone: settings.timezone,
    capacity: settings.capacity,
    applicationsOpenAt: settings.applicationsOpenAt,
    applicationsCloseAt: settings.applicationsCloseAt,
    workshopStartAt: settings.workshopStartAt,
    workshopEndAt: settings.workshopEndAt,
    proposalsDueAt: settings.proposalsDueAt,
    teamSizeMin: settings.teamSizeMin,
    teamSizeMax: settings.teamSizeMax,
    disciplines: settings.taxonomy.disciplines,
    careerStages: settings.taxonomy.careerStages,
    organisationTypes: settings.taxonomy.organisationTypes,
  });
  if (problems.length > 0) {
    throw new LabsError(
      'LAB_SETTINGS_INVALID',
      problems.length === 1
        ? `The lab's settings do not fit together: ${problems[0].message}.`
        : `The lab's settings have ${problems.length} problems.`,
      problems,
    );
  }
}

const slugTaken = (slug: string) =>
  new LabsError(
    'LAB_SLUG_TAKEN',
    `Another lab already uses the address "${slug}"; choose another slug.`,
    [{ field: 'slug', message: 'this slug is taken by another lab' }],
  );

@Injectable()
export class LabsService {
  constructor(
    private readonly labs: LabsRepository,
    private readonly memberships: LabMembershipsRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly phaseFactSources: LabPhaseFactSources,
  ) {}

  /** Everything the phase rules look at, read inside the caller's transaction. */
  private async phaseFacts(lab: LabEntity, acceptUnderCapacity?: boolean): Promise<LabPhaseFacts> {
    return {
      title: lab.title,
      capacity: lab.capacity,
      disciplines: lab.taxonomy.disciplines ?? [],
      applicationsOpenAt: lab.applicationsOpenAt,
      applicationsCloseAt: lab.applicationsCloseAt,
      workshopStartAt: lab.workshopStartAt,
      workshopEndAt: lab.workshopEndAt,
      proposalsDueAt: lab.proposalsDueAt,
      confirmedParticipants: await this.memberships.countByRole(lab.id, 'participant'),
      acceptUnderCapacity,
      ...(await this.phaseFactSources.read(lab.id)),
      now: new Date(),
    };
  }

  /**
   * The phase steps an organiser may be offered now (next, and back where the rules ever
   * allow it), each with the server's verdict, so the client never offers a refused step.
   */
  async phaseOptions(actor: Actor, labId: string): Promise<LabPhaseOption[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const lab = await this.labs.findById(labId);
      if (!lab) throw LabsError.notFound();
      return labPhaseOptions({ from: lab.phase, facts: await this.phaseFacts(lab) });
    });
  }

  async create(actor: Actor, dto: CreateLab): Promise<LabView> {
    const changes = changesFrom(dto, null);
    const taxonomy = changes.taxonomy ?? {
      disciplines: [],
      careerStages: [],
      organisationTypes: [],
    };
    assertConsistent({ ...DEFAULTS, ...changes, taxonomy });
    return this.tx.run(async () => {
      const lab = await this.labs.insert({
        ...changes,
        slug: dto.slug,
        title: dto.title.trim(),
        taxonomy,
        createdBy: actor.userId,
      });
      if (!lab) throw slugTaken(dto.slug);
      await this.audit.append({
        actorId: actor.userId,
        labId: lab.id,
        action: 'lab.created',
        entityType: 'lab',
        entityId: lab.id,
        data: { slug: lab.slug, title: lab.title },
      });
      return toLabView(lab, []);
    });
  }

  /** A lab as the caller may see it: members and admins always; others while its call is open. */
  async get(actor: Actor, labId: string): Promise<LabView> {
    const lab = await this.labs.findByIdWithRolesOf(labId, actor.userId);
    if (!lab || (!actor.isAdmin && lab.myRoles.length === 0 && lab.phase !== 'applications_open'))
      throw LabsError.notFound();
    return toLabView(lab, lab.myRoles);
  }

  async list(actor: Actor): Promise<LabSummary[]> {
    const mine = await this.memberships.findLabsOfUser(actor.userId);
    const rolesByLab = new Map<string, LabRole[]>();
    for (const m of mine) rolesByLab.set(m.labId, [...(rolesByLab.get(m.labId) ?? []), m.role]);
    const labs = actor.isAdmin
      ? await this.labs.findAll()
      : await this.labs.findByIds([...rolesByLab.keys()]);
    return labs.map((lab) => ({
      id: lab.id,
      slug: lab.slug,
      title: lab.title,
      phase: lab.phase,
      timezone: lab.timezone,
      myRoles: rolesByLab.get(lab.id) ?? [],
    }));
  }

  async update(actor: Actor, labId: string, dto: UpdateLab): Promise<LabView> {
    const roles = await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const current = await this.labs.findById(labId);
      if (!current) throw LabsError.notFound();
      const changes = changesFrom(dto, current);
      assertConsistent({ ...current, ...changes });
      const outcome = await this.labs.updateIfVersion(labId, dto.version, changes);
      if (outcome === 'slug-taken') throw slugTaken(dto.slug ?? '');
      if (outcome === 'stale') {
        throw new LabsError(
          'LAB_VERSION_CONFLICT',
          `Someone else changed this lab since you opened it (you edited version ${dto.version}, it is now version ${current.version}). Reload it and apply your changes again.`,
          { currentVersion: current.version, yourVersion: dto.version },
        );
      }
      const changed = Object.keys(changes);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'lab.updated',
        entityType: 'lab',
        entityId: labId,
        data: { fields: changed, version: dto.version + 1 },
      });
      const updated = await this.labs.findById(labId);
      return toLabView(updated!, roles);
    });
  }

  async changePhase(actor: Actor, labId: string, dto: ChangePhase): Promise<LabView> {
    const roles = await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const lab = await this.labs.findById(labId);
      if (!lab) throw LabsError.notFound();
      const decision = decideLabPhaseTransition({
        from: lab.phase,
        to: dto.to,
        facts: await this.phaseFacts(lab, dto.acceptUnderCapacity),
      });
      if (!decision.allowed) {
        throw new LabsError(
          decision.code,
          decision.message,
          decision.missing?.map((field) => ({
            field,
            message: `${field} is required for this phase`,
          })),
        );
      }
      if (!(await this.labs.updatePhaseIf(labId, decision.from, decision.to))) {
        throw new LabsError(
          'LAB_PHASE_CHANGED_CONCURRENTLY',
          'Someone else changed the phase of this lab just now. Reload and try again.',
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'lab.phase_changed',
        entityType: 'lab',
        entityId: labId,
        data: {
          from: decision.from,
          to: decision.to,
          direction: decision.direction,
          acceptUnderCapacity: dto.acceptUnderCapacity ?? false,
        },
      });
      const updated = await this.labs.findById(labId);
      return toLabView(updated!, roles);
    });
  }

  /** Every lab taking applications now, for anyone looking for a call to answer. */
  async openCalls(): Promise<OpenCall[]> {
    return (await this.labs.findAllInPhase('applications_open')).map((lab) => ({
      id: lab.id,
      slug: lab.slug,
      title: lab.title,
      theme: lab.theme,
      timezone: lab.timezone,
      capacity: lab.capacity,
      applicationsCloseAt: lab.applicationsCloseAt?.toISOString() ?? null,
    }));
  }

  /** The public call page, only while applications are open. */
  async callPage(slug: string): Promise<CallPage> {
    const lab = await this.labs.findBySlugInPhase(slug, 'applications_open');
    if (!lab) throw LabsError.notFound();
    return toCallPage(lab);
  }
}
