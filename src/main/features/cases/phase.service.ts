import type { Kysely } from 'kysely';
import { needsOf } from '../../../shared/domain/assessment/assessment';
import { criterionLabel, defaultCriteriaCatalogue } from '../../../shared/domain/assessment/criteria';
import { PHASE_LABELS } from '../../../shared/domain/case/case';
import {
  phaseAdvanceCheck,
  type PhaseAdvanceCheck,
  type PhaseFacts,
} from '../../../shared/domain/case/phase-advance';
import type { IsoDate } from '../../../shared/domain/common/dates';
import { AppError } from '../../../shared/errors';
import type { Executor } from '../../db/kysely';
import { writeSynced } from '../../db/write-synced';
import { dtoOf, requireLive, serviceKit, type Dto, type ServiceDeps } from '../common/service-kit';
import { getRecord, listCaseRecords } from './cases.repository';

// Dynamic reads by case.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

/** What the phase conditions look at, read from the case's records. */
export async function phaseFactsOf(db: Executor, caseId: string): Promise<PhaseFacts> {
  const c = await getRecord(db, 'cases', caseId, { live: true });
  if (!c) throw new AppError('NOT_FOUND');
  const latest = (await (db as unknown as Loose)
    .selectFrom('assessments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('archived_at', 'is', null)
    .orderBy('version', 'desc')
    .executeTakeFirst()) as { id: string } | undefined;
  const assessment = latest ? await getRecord(db, 'assessments', latest.id) : undefined;
  const goals = await listCaseRecords(db, 'goals', caseId);
  const strategies = (await listCaseRecords(db, 'strategy_choices', caseId)).filter(
    (s) => !assessment || s.assessmentId === assessment.id,
  );
  const handovers = await listCaseRecords(db, 'plan_handovers', caseId);
  const assignments = await listCaseRecords(db, 'measure_assignments', caseId);
  const handedOver = handovers.map((h) => h.handedOverOn as IsoDate).sort();
  return {
    phase: c.phase,
    assessment: assessment
      ? {
          status: assessment.status,
          finalizedOn: assessment.finalizedOn,
          needs: needsOf(assessment, defaultCriteriaCatalogue).map((n) => ({
            criterionId: n.criterionId,
            label: criterionLabel(defaultCriteriaCatalogue, n.criterionId),
          })),
        }
      : null,
    goalCount: goals.length,
    servedNeeds: [...new Set(strategies.flatMap((s) => s.servesNeeds))],
    strategyCount: strategies.length,
    planHandedOverOn: handedOver.at(-1) ?? null,
    measuresUnderWay: assignments.filter((a) => ['assigned', 'started', 'ended'].includes(a.status)).length,
  };
}

/**
 * The case's phase: whether it may move on (with the domain's German explanation) and the move
 * itself, which checks the same conditions again in its transaction.
 */
export function createPhaseService(deps: ServiceDeps) {
  const kit = serviceKit(deps);
  return {
    async check(caseId: string): Promise<PhaseAdvanceCheck> {
      return phaseAdvanceCheck(await phaseFactsOf(kit.db(), caseId));
    },

    async advance(
      caseId: string,
      expectedRowVersion?: number,
    ): Promise<{ case: Dto<'cases'>; check: PhaseAdvanceCheck }> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        const check = phaseAdvanceCheck(await phaseFactsOf(trx, caseId));
        if (!check.canAdvance || check.to === null)
          throw new AppError(
            'DOMAIN_RULE_VIOLATED',
            check.explanation,
            check.conditions.some((c) => !c.met)
              ? {
                  issues: check.conditions
                    .filter((c) => !c.met)
                    .map((c) => ({ path: 'phase', message: c.text })),
                }
              : undefined,
          );
        const written = await writeSynced(trx, ctx, {
          entity: 'cases',
          op: 'update',
          id: caseId,
          values: { phase: check.to },
          ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
        });
        const after = phaseAdvanceCheck(await phaseFactsOf(trx, caseId));
        return {
          case: dtoOf(written),
          check: {
            ...after,
            explanation: `Der Fall ist jetzt in Phase ${check.to} „${PHASE_LABELS[check.to]}“. ${after.explanation}`,
          },
        };
      });
    },
  };
}

export type PhaseService = ReturnType<typeof createPhaseService>;
