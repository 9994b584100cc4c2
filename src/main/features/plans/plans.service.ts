import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { IsoDate } from '../../../shared/domain/common/dates';
import { regimeOn } from '../../../shared/domain/legal/legal-regimes';
import { proofReceiptSchema, type ProofReceipt } from '../../../shared/domain/plan/own-effort';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  missingForHandover,
  type CooperationPlan,
  type PlanHandover,
  type PlanProblem,
} from '../../../shared/domain/plan/cooperation-plan';
import { healthProblems } from '../../../shared/domain/plan/plan-health';
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
  type Stored,
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

export async function hasFinalizedAssessment(
  trx: Transaction<LocalDb> | Kysely<LocalDb>,
  caseId: string,
): Promise<boolean> {
  const row = await (trx as unknown as Loose)
    .selectFrom('assessments')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'finalized')
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The stored plan as domain content (without its row version). */
export function planContentOf(stored: Stored<'cooperation_plans'>): CooperationPlan {
  const { rowVersion: _v, ...record } = stored;
  return cooperationPlanSchema.parse(record);
}

/**
 * What stops the plan from being handed over under the rule set of its date: the domain's list and
 * every free text holding a health detail (named by its step). Empty when it is ready.
 */
export async function planMissing(
  trx: Transaction<LocalDb> | Kysely<LocalDb>,
  plan: CooperationPlan,
  today: IsoDate,
): Promise<PlanProblem[]> {
  const regime = regimeOn(plan.planDate);
  if (!regime.ok) return [{ field: 'planDate', message: regime.reason }];
  return [
    ...missingForHandover(plan, regime.regime, {
      hasFinalizedAssessment: await hasFinalizedAssessment(trx, plan.caseId),
      today,
    }),
    ...healthProblems(plan),
  ];
}

/** The printed document of a hand-over: stored byte for byte with the handed-over version. */
export interface HandoverDocument {
  readonly templateVersion: string;
  readonly pdf: Uint8Array;
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
      document?: HandoverDocument,
    ): Promise<Dto<'plan_handovers'>> {
      return kit.write(async (trx, ctx) => {
        const stored = await requireLive(trx, 'cooperation_plans', planId);
        if (expectedRowVersion !== undefined && expectedRowVersion !== stored.rowVersion)
          throw new AppError('CONFLICT');
        const plan = planContentOf(stored);
        const today = kit.today();
        const regime = regimeOn(plan.planDate);
        if (!regime.ok) throw ruleViolated(regime.reason);
        const problems = await planMissing(trx, plan, today);
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
        const handoverId = kit.newId();
        const pdfSha256 = document ? createHash('sha256').update(document.pdf).digest('hex') : null;
        if (document && pdfSha256) {
          await trx
            .insertInto('plan_documents')
            .values({
              sha256: pdfSha256,
              handover_id: handoverId,
              case_id: plan.caseId,
              pdf: document.pdf,
              byte_length: document.pdf.byteLength,
              created_at: kit.now().toISOString(),
            })
            .execute();
        }
        const handover = await writeSynced(trx, ctx, {
          entity: 'plan_handovers',
          op: 'create',
          id: handoverId,
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
            ...(document ? { templateVersion: document.templateVersion, pdfSha256 } : {}),
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
