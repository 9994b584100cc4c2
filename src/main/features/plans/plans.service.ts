import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { regimeOn } from '../../../shared/domain/legal/legal-regimes';
import { proofReceiptSchema, type ProofReceipt } from '../../../shared/domain/plan/own-effort';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  missingForHandover,
  type PlanHandover,
} from '../../../shared/domain/plan/cooperation-plan';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import { AppError } from '../../../shared/errors';
import type { LocalDb } from '../../db/local-db';
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

export type OwnEffortInput = Omit<FieldsInput<Entities['own_efforts']['fields']>, 'proofs'>;
export type PlanInput = FieldsInput<Entities['cooperation_plans']['fields']>;
export type ProofInput = z.input<typeof proofReceiptSchema>;

// Dynamic reads by case and plan.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

const optimistic = (expectedRowVersion?: number) =>
  expectedRowVersion === undefined ? {} : { expectedRowVersion };

async function hasFinalizedAssessment(trx: Transaction<LocalDb>, caseId: string): Promise<boolean> {
  const row = await (trx as unknown as Loose)
    .selectFrom('assessments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'finalized')
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Eigenbemühungen with their proofs, and the Kooperationsplan: saved as a draft, handed over only
 * when nothing is missing under the rule set of its date. A handed-over version is stored
 * immutably (canonical content and its SHA-256, form and date) and sets the case's next review.
 */
export function createPlansService(deps: ServiceDeps) {
  const kit = serviceKit(deps);

  return {
    async createOwnEffort(caseId: string, input: OwnEffortInput): Promise<Dto<'own_efforts'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        if (input.planId) await requireInCase(trx, 'cooperation_plans', input.planId, caseId, 'planId');
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'own_efforts',
            op: 'create',
            id: kit.newId(),
            caseId,
            values: input,
          }),
        );
      });
    },

    /** A proof received (not in the future); the record's rules check it against the agreement. */
    async recordProof(
      ownEffortId: string,
      proof: ProofInput,
      expectedRowVersion?: number,
    ): Promise<Dto<'own_efforts'>> {
      return kit.write(async (trx, ctx) => {
        const current = await requireLive(trx, 'own_efforts', ownEffortId);
        const receipt: ProofReceipt = proofReceiptSchema.parse(proof);
        notInFuture(receipt.receivedOn, kit.today(), 'proof.receivedOn');
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'own_efforts',
            op: 'update',
            id: ownEffortId,
            values: { proofs: [...current.proofs, receipt] },
            ...optimistic(expectedRowVersion),
          }),
        );
      });
    },

    /** Creates a plan draft (with caseId) or saves changes to one (with planId). */
    async saveDraft(
      target:
        | { caseId: string; values: PlanInput }
        | { planId: string; changes: PlanInput; expectedRowVersion?: number },
    ): Promise<Dto<'cooperation_plans'>> {
      return kit.write(async (trx, ctx) => {
        if ('caseId' in target) {
          await requireLive(trx, 'cases', target.caseId);
          return dtoOf(
            await writeSynced(trx, ctx, {
              entity: 'cooperation_plans',
              op: 'create',
              id: kit.newId(),
              caseId: target.caseId,
              values: target.values,
            }),
          );
        }
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'cooperation_plans',
            op: 'update',
            id: target.planId,
            values: target.changes,
            ...optimistic(target.expectedRowVersion),
          }),
        );
      });
    },

    /**
     * Hands the plan over (today, by the signed-in caseworker, in `form`): refused while anything
     * is missing; stores the next immutable version and moves the case's next review to the plan's.
     */
    async handOver(
      planId: string,
      form: PlanHandover['form'],
      expectedRowVersion?: number,
    ): Promise<Dto<'plan_handovers'>> {
      return kit.write(async (trx, ctx) => {
        const stored = await requireLive(trx, 'cooperation_plans', planId);
        if (expectedRowVersion !== undefined && expectedRowVersion !== stored.rowVersion)
          throw new AppError('CONFLICT');
        const { rowVersion: _v, ...record } = stored;
        const plan = cooperationPlanSchema.parse(record);
        const today = kit.today();
        const regime = regimeOn(plan.planDate);
        if (!regime.ok) throw ruleViolated(regime.reason);
        const problems = missingForHandover(plan, regime.regime, {
          hasFinalizedAssessment: await hasFinalizedAssessment(trx, plan.caseId),
        });
        if (problems.length > 0)
          throw new AppError(
            'DOMAIN_RULE_VIOLATED',
            `Der Kooperationsplan kann noch nicht ausgehändigt werden: ${problems.length === 1 ? 'eine Angabe fehlt' : `${problems.length} Angaben fehlen`}.`,
            { issues: problems.map((p) => ({ path: p.field, message: p.message })) },
          );
        if (plan.planDate > today)
          throw ruleViolated(
            'Ein Kooperationsplan mit einem Datum in der Zukunft wird noch nicht ausgehändigt.',
          );
        const handed = (await (trx as unknown as Loose)
          .selectFrom('plan_handovers')
          .select((eb) => eb.fn.max('version').as('last'))
          .where('plan_id', '=', planId)
          .executeTakeFirst()) as { last: number | null } | undefined;
        const content = canonicalPlanContent(plan);
        const handover = await writeSynced(trx, ctx, {
          entity: 'plan_handovers',
          op: 'create',
          id: kit.newId(),
          caseId: plan.caseId,
          values: {
            planId,
            version: Number(handed?.last ?? 0) + 1,
            handedOverOn: today,
            handedOverBy: ctx.actorId,
            form,
            contentHash: createHash('sha256').update(content, 'utf8').digest('hex'),
            regimeId: regime.regime.id,
            content: plan,
          },
        });
        await writeSynced(trx, ctx, {
          entity: 'cases',
          op: 'update',
          id: plan.caseId,
          values: { nextReviewOn: plan.reviewDueOn },
        });
        return dtoOf(handover);
      });
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
