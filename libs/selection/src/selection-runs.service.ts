import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  availabilitySummary,
  normaliseInstitution,
  QUOTA_CATEGORIES,
  type Actor,
  type CohortApplicant,
  type CohortQuotas,
  type CohortSelection,
} from '@ideas-lab/domain';
import { labFacts, SubmittedApplicationsService } from '@ideas-lab/applications';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import {
  AuditService,
  SolverPool,
  TransactionRunner,
  type FieldProblem,
} from '@ideas-lab/platform';
import { ReviewResultsService } from '@ideas-lab/review';
import type { SelectionRunEntity, SelectionRunInputs } from './entities/selection-run.entity.js';
import type {
  CreateSelectionRun,
  SelectionRerunView,
  SelectionRunSummary,
  SelectionRunView,
} from './selection.contract.js';
import { SelectionError } from './selection.errors.js';
import { SelectionRunsRepository } from './selection-runs.repository.js';
import { assertSelectionPhase } from './selection-phase.js';

const keyFigures = (r: CohortSelection) => ({
  status: r.status,
  selectedIds: r.selectedIds,
  objective: r.objective,
  waitlistIds: r.waitlistIds,
});

export function selectionRunView(run: SelectionRunEntity): SelectionRunView {
  return {
    id: run.id,
    labId: run.labId,
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdBy,
    adopted: run.adoptedAt !== null,
    seed: run.seed,
    status: run.status,
    solverStatus: run.solverStatus,
    inputs: run.inputs,
    result: run.result,
  };
}

function summary(run: SelectionRunEntity): SelectionRunSummary {
  return {
    id: run.id,
    createdAt: run.createdAt.toISOString(),
    adopted: run.adoptedAt !== null,
    seed: run.seed,
    status: run.status,
    capacity: run.inputs.capacity,
    selected: run.result.selectedIds.length,
    objective: run.result.objective,
    unconstrainedMerit: run.result.unconstrained.merit,
    priceOfDiversity: run.result.priceOfDiversity,
    infeasible: run.result.infeasibility !== null,
    quotas: run.inputs.quotas,
    lottery: run.inputs.lottery,
  };
}

/** A minimum above its maximum: a typing slip the contract cannot see, refused beside the minimum. */
function crossedBounds(quotas: CreateSelectionRun['quotas']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const category of QUOTA_CATEGORIES) {
    for (const [group, { min, max }] of Object.entries(quotas?.[category] ?? {})) {
      if (min !== undefined && max !== undefined && min > max) {
        problems.push({
          field: `quotas.${category}.${group}.min`,
          message: `the minimum (${min}) is above the maximum (${max}) for ${group}`,
        });
      }
    }
  }
  return problems;
}

/**
 * Runs cohort selection over the reviewed, submitted applications of a lab (in the Selection
 * phase), and keeps every run.
 */
@Injectable()
export class SelectionRunsService {
  constructor(
    private readonly runs: SelectionRunsRepository,
    private readonly submitted: SubmittedApplicationsService,
    private readonly reviewResults: ReviewResultsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
  ) {}

  async create(actor: Actor, labId: string, dto: CreateSelectionRun): Promise<SelectionRunView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const problems = crossedBounds(dto.quotas);
    if (problems.length > 0)
      throw new SelectionError(
        'SELECTION_INPUT_INVALID',
        'A quota has its minimum above its maximum.',
        problems,
      );
    const lab = await this.labs.get(actor, labId);
    assertSelectionPhase(lab.phase);
    const [scores, applications] = await Promise.all([
      this.reviewResults.scores(actor, labId),
      this.submitted.ofLab(labId),
    ]);
    const { workshopDays } = labFacts(lab);
    const merits = new Map(scores.applications.map((row) => [row.applicationId, row.merit]));
    const overrides = new Set(dto.availabilityOverrides ?? []);
    const applicants: CohortApplicant[] = [];
    const unreviewedIds: string[] = [];
    for (const application of applications) {
      const merit = merits.get(application.id) ?? null;
      if (merit === null) {
        unreviewedIds.push(application.id);
        continue;
      }
      const p = application.profile;
      applicants.push({
        id: application.id,
        merit,
        discipline: p.primaryDiscipline ?? '',
        careerStage: p.careerStage ?? '',
        organisationType: p.organisationType ?? '',
        institution: normaliseInstitution(p.affiliation ?? ''),
        country: p.country ?? '',
        availableForWholeWorkshop:
          availabilitySummary(p.availability, workshopDays).availableForWholeWorkshop === true,
        ...(overrides.has(application.id) ? { availabilityOverride: true } : {}),
      });
    }
    const { discipline, careerStage, organisationType, maxPerInstitution, maxPerCountry } =
      dto.quotas ?? {};
    const quotas: CohortQuotas = {
      ...(discipline ? { discipline } : {}),
      ...(careerStage ? { careerStage } : {}),
      ...(organisationType ? { organisationType } : {}),
      ...(maxPerInstitution !== undefined ? { maxPerInstitution } : {}),
      ...(maxPerCountry !== undefined ? { maxPerCountry } : {}),
      ...(dto.mustInclude ? { mustInclude: dto.mustInclude } : {}),
      ...(dto.mustExclude ? { mustExclude: dto.mustExclude } : {}),
    };
    const inputs: SelectionRunInputs = {
      applicants,
      quotas,
      capacity: dto.capacity ?? lab.capacity,
      lottery: dto.lottery ? { tolerance: dto.lottery.tolerance } : null,
      seed: dto.lottery?.seed ?? dto.seed ?? randomUUID(),
      unreviewedIds,
    };
    const result = await this.solve(inputs);
    return this.tx.run(async () => {
      // The solve took a while with nothing locked: the lab must still be in selection.
      assertSelectionPhase((await this.labs.get(actor, labId)).phase);
      const run = await this.runs.insert({
        labId,
        inputs,
        seed: inputs.seed,
        status: result.status,
        solverStatus: result.solverStatus,
        result,
        createdBy: actor.userId,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'selection.run_created',
        entityType: 'selection_run',
        entityId: run.id,
        data: {
          status: result.status,
          capacity: inputs.capacity,
          selected: result.selectedIds.length,
          objective: result.objective,
          seed: inputs.seed,
        },
      });
      return selectionRunView(run);
    });
  }

  async list(actor: Actor, labId: string): Promise<SelectionRunSummary[]> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return (await this.runs.findNewestFirstOfLab(labId)).map(summary);
  }

  async get(actor: Actor, labId: string, runId: string): Promise<SelectionRunView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const run = await this.runs.findOfLab(labId, runId);
    if (!run) throw SelectionError.runNotFound();
    return selectionRunView(run);
  }

  /** Solve the stored inputs again with the stored seed; nothing is stored. */
  async rerun(actor: Actor, labId: string, runId: string): Promise<SelectionRerunView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const run = await this.runs.findOfLab(labId, runId);
    if (!run) throw SelectionError.runNotFound();
    const again = await this.solve(run.inputs);
    const stored = keyFigures(run.result);
    const rerun = keyFigures(again);
    return { runId, identical: JSON.stringify(stored) === JSON.stringify(rerun), stored, rerun };
  }

  /** Solve in the solver pool (off the event loop, no transaction open). */
  private async solve(inputs: SelectionRunInputs): Promise<CohortSelection> {
    try {
      return await this.solvers.run('selectCohort', {
        applicants: inputs.applicants,
        capacity: inputs.capacity,
        quotas: inputs.quotas,
        seed: inputs.seed,
        ...(inputs.lottery ? { lottery: inputs.lottery } : {}),
      });
    } catch (error) {
      if (error instanceof RangeError)
        throw new SelectionError('SELECTION_INPUT_INVALID', error.message);
      throw error;
    }
  }
}
