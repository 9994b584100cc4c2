import { defaultMeasureCatalogue, findCatalogueEntry } from '../../../shared/domain/measures/catalogue';
import type { MeasureCatalogue } from '../../../shared/domain/measures/catalogue.schema';
import {
  proposeAssignment,
  transitionAssignment,
  type Assignment,
  type AssignmentEvent,
  type AssignmentResult,
} from '../../../shared/domain/measures/assignment';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import { writeSynced } from '../../db/write-synced';
import {
  dtoOf,
  notInFuture,
  requireInCase,
  requireLive,
  ruleViolated,
  serviceKit,
  type Dto,
  type ServiceDeps,
} from '../common/service-kit';

export type MeasureProposal = Pick<
  FieldsInput<Entities['measure_assignments']['fields']>,
  | 'measureId'
  | 'needIds'
  | 'goalId'
  | 'provider'
  | 'plannedStart'
  | 'plannedEnd'
  | 'withLegalConsequencesNotice'
>;

export interface MeasuresServiceDeps extends ServiceDeps {
  /** The measure catalogue (the shipped one by default). */
  readonly catalogue?: MeasureCatalogue;
}

function unwrap(result: AssignmentResult): Assignment {
  if (result.ok) return result.value;
  throw ruleViolated(result.error.message, [], result.error.code);
}

/**
 * Measure assignments and referrals: proposed against their catalogue entry, moved along the
 * domain's status machine (ending or breaking off needs an outcome), one transaction each.
 */
export function createMeasuresService(deps: MeasuresServiceDeps) {
  const kit = serviceKit(deps);
  const catalogue = deps.catalogue ?? defaultMeasureCatalogue;

  return {
    async propose(caseId: string, input: MeasureProposal): Promise<Dto<'measure_assignments'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        const entry = findCatalogueEntry(catalogue, String(input.measureId));
        if (!entry)
          throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [
              {
                path: 'measureId',
                message: `Diese Maßnahme gibt es im Maßnahmekatalog (Stand ${catalogue.version}) nicht.`,
              },
            ],
          });
        await requireInCase(trx, 'goals', String(input.goalId), caseId, 'goalId');
        const proposal = unwrap(
          proposeAssignment(
            {
              id: kit.newId(),
              caseId,
              entry,
              catalogueVersion: catalogue.version,
              needIds: input.needIds ?? [],
              goalId: String(input.goalId),
              provider: input.provider ?? null,
              plannedStart: String(input.plannedStart),
              plannedEnd: input.plannedEnd ?? null,
              withLegalConsequencesNotice: input.withLegalConsequencesNotice ?? false,
            },
            kit.today(),
          ),
        );
        const { id, caseId: _caseId, ...values } = proposal;
        return dtoOf(
          await writeSynced(trx, ctx, { entity: 'measure_assignments', op: 'create', id, caseId, values }),
        );
      });
    },

    /** One event of the status machine on `on` (today by default, never in the future). */
    async transition(
      assignmentId: string,
      event: AssignmentEvent,
      on?: string,
      expectedRowVersion?: number,
    ): Promise<Dto<'measure_assignments'>> {
      return kit.write(async (trx, ctx) => {
        const at = on ?? kit.today();
        notInFuture(at, kit.today(), 'on');
        const { rowVersion: _v, ...current } = await requireLive(trx, 'measure_assignments', assignmentId);
        // writeSynced writes only what the transition changed (status, dates, outcome, history)
        const { id: _id, caseId: _caseId, ...values } = unwrap(transitionAssignment(current, event, at));
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'measure_assignments',
            op: 'update',
            id: assignmentId,
            values,
            ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
          }),
        );
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof createMeasuresService>;
