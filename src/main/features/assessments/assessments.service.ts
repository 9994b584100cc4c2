import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../shared/errors';
import {
  amendAssessment,
  createAssessment,
  finalizeAssessment,
  recordEntry,
  removeEntry,
  setDominantKeyFactor,
  setIntegrationForecast,
  setTargetOccupation,
  type Assessment,
  type AssessmentResult,
  type CriterionEntryInput,
} from '../../../shared/domain/assessment/assessment';
import { defaultCriteriaCatalogue, type CriteriaCatalogue } from '../../../shared/domain/assessment/criteria';
import type { ProfileOutcome } from '../../../shared/domain/assessment/profile-decision-table';
import {
  decideProfileSituation,
  overrideProfileSituation,
  clearProfileOverride,
} from '../../../shared/domain/assessment/profile-situation';
import type { Entities, FieldsInput } from '../../../shared/entities/index';
import type { LocalDb } from '../../db/local-db';
import { assessmentVersions } from '../goals/planning.queries';
import { writeSynced, type WriteContext } from '../../db/write-synced';
import {
  dtoOf,
  requireLive,
  ruleViolated,
  serviceKit,
  type Dto,
  type ServiceDeps,
  type Stored,
} from '../common/service-kit';

export type AssessmentDraftChanges = Pick<
  FieldsInput<Entities['assessments']['fields']>,
  'targetOccupation' | 'integrationForecast' | 'dominantKeyFactor'
>;
export type EntryInput = Omit<CriterionEntryInput, 'recordedOn' | 'recordedBy'>;

export interface AssessmentsServiceDeps extends ServiceDeps {
  /** The Merkmalskatalog (the shipped one by default). */
  readonly criteria?: CriteriaCatalogue;
}

// Dynamic reads of the assessments table by case.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

/** The assessment of a stored record (the Profillage is stored beside it). */
function assessmentOf(stored: Stored<'assessments'>): Assessment {
  const { profileSituation: _profile, rowVersion: _version, ...assessment } = stored;
  return assessment;
}

function unwrap(result: AssessmentResult): Assessment {
  if (result.ok) return result.value;
  throw ruleViolated(result.error.message, result.error.problems ?? []);
}

/**
 * The Potenzialanalyse, one row per version: a draft is edited through the domain's functions; a
 * finalized version is never changed (writeSynced refuses frozen rows) but amended as a new row.
 * Finalizing stores the derived Profillage with its explanation.
 */
export function createAssessmentsService(deps: AssessmentsServiceDeps) {
  const kit = serviceKit(deps);
  const criteria = deps.criteria ?? defaultCriteriaCatalogue;

  async function versionsOf(trx: Transaction<LocalDb>, caseId: string) {
    return (await (trx as unknown as Loose)
      .selectFrom('assessments')
      .select(['id', 'version', 'status'])
      .where('case_id', '=', caseId)
      .where('archived_at', 'is', null)
      .orderBy('version', 'desc')
      .execute()) as { id: string; version: number; status: string }[];
  }

  /** Writes the changed fields of a draft (one update through writeSynced). */
  async function saveDraft(
    trx: Transaction<LocalDb>,
    ctx: WriteContext,
    stored: Stored<'assessments'>,
    next: Assessment,
    extra: Pick<FieldsInput<Entities['assessments']['fields']>, 'profileSituation'> = {},
    expectedRowVersion?: number,
  ): Promise<Dto<'assessments'>> {
    const { id: _id, caseId: _caseId, ...values } = next;
    return dtoOf(
      await writeSynced(trx, ctx, {
        entity: 'assessments',
        op: 'update',
        id: stored.id,
        values: { ...values, ...extra },
        ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
      }),
    );
  }

  /** A change of a draft through one of the domain's functions. */
  function editDraft(
    assessmentId: string,
    change: (assessment: Assessment) => AssessmentResult,
    expectedRowVersion?: number,
  ): Promise<Dto<'assessments'>> {
    return kit.write(async (trx, ctx) => {
      const stored = await requireLive(trx, 'assessments', assessmentId);
      const next = unwrap(change(assessmentOf(stored)));
      // A Profillage chosen on the draft no longer fits once the draft changes: it is derived again at finalizing.
      const profileSituation = stored.profileSituation?.override
        ? {
            profileSituation: {
              ...decideProfileSituation(next, {
                catalogue: criteria,
                by: ctx.actorId,
                at: kit.now().toISOString(),
              }),
              override: stored.profileSituation.override,
            },
          }
        : { profileSituation: null };
      return saveDraft(trx, ctx, stored, next, profileSituation, expectedRowVersion);
    });
  }

  return {
    /** Every live version of the case's Potenzialanalyse, newest first (the case must exist). */
    async history(caseId: string): Promise<{ versions: Dto<'assessments'>[] }> {
      const db = kit.db();
      const found = await db
        .selectFrom('cases')
        .select('id')
        .where('id', '=', caseId)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!found) throw new AppError('NOT_FOUND');
      return { versions: (await assessmentVersions(db, caseId)) as Dto<'assessments'>[] };
    },

    /** A new, empty draft (version 1). A case has one Potenzialanalyse; later ones are amendments. */
    async createDraft(
      caseId: string,
      values: Pick<AssessmentDraftChanges, 'targetOccupation'>,
    ): Promise<Dto<'assessments'>> {
      return kit.write(async (trx, ctx) => {
        await requireLive(trx, 'cases', caseId);
        const existing = await versionsOf(trx, caseId);
        if (existing.length > 0)
          throw ruleViolated(
            existing[0]?.status === 'draft'
              ? 'Für diesen Fall gibt es bereits einen Entwurf der Potenzialanalyse. Bitte diesen weiterbearbeiten.'
              : 'Für diesen Fall gibt es bereits eine abgeschlossene Potenzialanalyse. Bitte diese fortschreiben.',
          );
        const draft = createAssessment({
          id: kit.newId(),
          caseId,
          createdOn: kit.today(),
          createdBy: ctx.actorId,
          catalogue: criteria,
          targetOccupation: (values.targetOccupation ?? null) as Assessment['targetOccupation'],
        });
        const { id, caseId: _caseId, ...rest } = draft;
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'assessments',
            op: 'create',
            id,
            caseId,
            values: rest,
          }),
        );
      });
    },

    recordEntry(assessmentId: string, entry: EntryInput, expectedRowVersion?: number) {
      return editDraft(
        assessmentId,
        (a) => recordEntry(a, { ...entry, recordedOn: kit.today(), recordedBy: kit.actor() }, criteria),
        expectedRowVersion,
      );
    },

    removeEntry(assessmentId: string, criterionId: string, expectedRowVersion?: number) {
      return editDraft(assessmentId, (a) => removeEntry(a, criterionId), expectedRowVersion);
    },

    /** Forecast, dominant key factor and target occupation of a draft. */
    updateDraft(assessmentId: string, changes: AssessmentDraftChanges, expectedRowVersion?: number) {
      return editDraft(
        assessmentId,
        (a) => {
          let result: AssessmentResult = { ok: true, value: a };
          if (result.ok && changes.integrationForecast !== undefined)
            result = setIntegrationForecast(result.value, changes.integrationForecast);
          if (result.ok && changes.dominantKeyFactor !== undefined)
            result = setDominantKeyFactor(result.value, changes.dominantKeyFactor);
          if (result.ok && changes.targetOccupation !== undefined)
            result = setTargetOccupation(
              result.value,
              changes.targetOccupation as Assessment['targetOccupation'],
            );
          return result;
        },
        expectedRowVersion,
      );
    },

    /**
     * Finalizes a complete draft (today, by the signed-in caseworker) and stores the Profillage
     * derived from it, keeping an override chosen on the draft if it still differs from the derived one.
     */
    async finalize(assessmentId: string, expectedRowVersion?: number): Promise<Dto<'assessments'>> {
      return kit.write(async (trx, ctx) => {
        const stored = await requireLive(trx, 'assessments', assessmentId);
        const finalized = unwrap(
          finalizeAssessment(assessmentOf(stored), { on: kit.today(), by: ctx.actorId }, criteria),
        );
        const decided = decideProfileSituation(finalized, {
          catalogue: criteria,
          by: ctx.actorId,
          at: kit.now().toISOString(),
        });
        const override = stored.profileSituation?.override ?? null;
        const profileSituation =
          override && override.value !== decided.derived.result ? { ...decided, override } : decided;
        return saveDraft(trx, ctx, stored, finalized, { profileSituation }, expectedRowVersion);
      });
    },

    /**
     * Sets (or, with null, removes) a Profillage that deviates from the derived one, with a reason.
     * On a draft the derivation is of the draft as it stands (derived again at finalizing); on a
     * finalized version the Profillage derived at finalizing stays and only the override changes:
     * the content of the version itself is never changed.
     */
    async overrideProfile(
      assessmentId: string,
      override: { value: ProfileOutcome; reason: string } | null,
      expectedRowVersion?: number,
    ): Promise<Dto<'assessments'>> {
      return kit.write(async (trx, ctx) => {
        const stored = await requireLive(trx, 'assessments', assessmentId);
        const at = kit.now().toISOString();
        const decided =
          stored.status === 'finalized' && stored.profileSituation
            ? stored.profileSituation
            : decideProfileSituation(assessmentOf(stored), { catalogue: criteria, by: ctx.actorId, at });
        let profileSituation = clearProfileOverride(decided);
        if (override) {
          const result = overrideProfileSituation(decided, { ...override, by: ctx.actorId, at });
          if (!result.ok) throw ruleViolated(result.error.message, result.error.problems ?? []);
          profileSituation = result.value;
        }
        if (stored.status === 'finalized')
          return dtoOf(
            await writeSynced(trx, ctx, {
              entity: 'assessments',
              op: 'update',
              id: stored.id,
              values: { profileSituation },
              ...(expectedRowVersion === undefined ? {} : { expectedRowVersion }),
            }),
          );
        return saveDraft(trx, ctx, stored, assessmentOf(stored), { profileSituation }, expectedRowVersion);
      });
    },

    /** A new draft version of the finalized latest version, with a reason; the finalized one stays. */
    async amend(assessmentId: string, reason: string): Promise<Dto<'assessments'>> {
      return kit.write(async (trx, ctx) => {
        const stored = await requireLive(trx, 'assessments', assessmentId);
        const versions = await versionsOf(trx, stored.caseId);
        if (versions[0] && versions[0].id !== stored.id)
          throw ruleViolated(
            `Es gibt bereits eine neuere Fassung (Version ${versions[0].version}) dieser Potenzialanalyse. Bitte diese fortschreiben.`,
          );
        const amended = amendAssessment(assessmentOf(stored), {
          id: kit.newId(),
          on: kit.today(),
          by: ctx.actorId,
          reason,
        });
        if (!amended.ok) throw ruleViolated(amended.error.message, amended.error.problems ?? []);
        const { id, caseId, ...values } = amended.value;
        return dtoOf(
          await writeSynced(trx, ctx, {
            entity: 'assessments',
            op: 'create',
            id,
            caseId,
            values: { ...values, profileSituation: null },
          }),
        );
      });
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
