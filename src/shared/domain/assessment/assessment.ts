/**
 * The Potenzialanalyse (assessment, § 15 Abs. 1 SGB II): per Merkmal a strength (competence class,
 * never a score), a need with its focus, evidence, date and author; the integration forecast; the
 * target occupation the needs relate to. Lifecycle: draft → finalized. A finalized version never
 * changes; an amendment is a new draft version that references the previous one with a reason.
 *
 * Health: only functional limitations (Teil A of the expert opinion). There is no diagnosis field,
 * and entries reject unknown fields, so none can be smuggled in.
 */
import { z } from 'zod';
import { requiredText } from '../common/schemas';
import { formatGermanDate, isoDateSchema, type IsoDate } from '../common/dates';
import {
  describeTargetOccupation,
  isSameOccupation,
  targetOccupationSchema,
  type TargetOccupation,
} from '../goals/occupations';
import { findCriterion, type CriteriaCatalogue } from './criteria';
import {
  catalogueIdSchema,
  COMPETENCE_CLASSES,
  EVIDENCE_SOURCES,
  integrationForecastSchema,
  joinGerman,
  KEY_FACTOR_LABELS,
  keyFactorIdSchema,
  recordIdSchema,
  refuse,
  sortKeyFactors,
  succeed,
  type DomainResult,
  type IntegrationForecast,
  type KeyFactorId,
} from './vocabulary';

export const ASSESSMENT_STATUSES = ['draft', 'finalized'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const ASSESSMENT_STATUS_LABELS: Readonly<Record<AssessmentStatus, string>> = {
  draft: 'Entwurf',
  finalized: 'Abgeschlossen',
};

export const strengthSchema = z.strictObject({
  text: requiredText('die Stärke in Worten', 2000),
  competenceClass: z.enum(COMPETENCE_CLASSES, {
    error:
      'Bitte eine Kompetenzklasse wählen (Methoden-, Aktivitäts-/Umsetzungs-, sozial-kommunikative oder personale Kompetenz).',
  }),
});
export type Strength = z.output<typeof strengthSchema>;

/** A Handlungsbedarf. Its presence means "yes"; `null` on the entry means "no need". */
export const needSchema = z.strictObject({
  focus: requiredText('den Schwerpunkt des Handlungsbedarfs', 2000),
});
export type Need = z.output<typeof needSchema>;

export const criterionEntrySchema = z.strictObject(
  {
    criterionId: catalogueIdSchema,
    strength: strengthSchema.nullable().default(null),
    need: needSchema.nullable().default(null),
    /** Only for health-related criteria: functional limitations as Teil A states them. */
    functionalLimitations: z
      .string()
      .trim()
      .max(2000, { message: 'Höchstens 2000 Zeichen erlaubt.' })
      .nullable()
      .default(null)
      .transform((text) => (text === '' ? null : text)),
    evidenceSources: z
      .array(z.enum(EVIDENCE_SOURCES, { error: 'Bitte eine Informationsquelle aus der Liste wählen.' }))
      .min(1, { message: 'Bitte mindestens eine Informationsquelle angeben.' })
      .transform((sources) => [...new Set(sources)]),
    recordedOn: isoDateSchema,
    recordedBy: recordIdSchema,
    note: z.string().trim().max(4000, { message: 'Höchstens 4000 Zeichen erlaubt.' }).default(''),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Nicht vorgesehene Angaben: ${issue.keys.join(', ')}. Gesundheit wird nur als funktionelle Einschränkung (Teil A des Gutachtens) erfasst, Diagnosen nie.`
        : undefined,
  },
);
export type CriterionEntry = z.output<typeof criterionEntrySchema>;
export type CriterionEntryInput = z.input<typeof criterionEntrySchema>;

export const assessmentSchema = z
  .strictObject({
    id: recordIdSchema,
    caseId: recordIdSchema,
    version: z.number().int().min(1),
    previousVersionId: recordIdSchema.nullable(),
    amendmentReason: z.string().trim().max(2000).nullable(),
    status: z.enum(ASSESSMENT_STATUSES),
    catalogueVersion: z.string().max(40),
    createdOn: isoDateSchema,
    createdBy: recordIdSchema,
    finalizedOn: isoDateSchema.nullable(),
    finalizedBy: recordIdSchema.nullable(),
    targetOccupation: targetOccupationSchema.nullable(),
    /** Integrationsprognose (null = not yet assessed). */
    integrationForecast: integrationForecastSchema.nullable(),
    /** Schwerpunkt des Handlungsbedarfs when needs sit in more than one key factor. */
    dominantKeyFactor: keyFactorIdSchema.nullable(),
    entries: z.array(criterionEntrySchema).max(200),
  })
  .superRefine((a, ctx) => {
    const finalized = a.status === 'finalized';
    if (finalized !== (a.finalizedOn !== null) || finalized !== (a.finalizedBy !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finalizedOn'],
        message:
          'Nur eine abgeschlossene Potenzialanalyse hat Abschlussdatum und -person, und sie hat beides.',
      });
    }
    if (a.version > 1 !== (a.previousVersionId !== null) || a.version > 1 !== (a.amendmentReason !== null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['previousVersionId'],
        message: 'Eine Fortschreibung (ab Version 2) verweist auf die Vorversion und nennt einen Grund.',
      });
    }
    const seen = new Set<string>();
    a.entries.forEach((entry, i) => {
      if (seen.has(entry.criterionId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'criterionId'],
          message: `Das Merkmal "${entry.criterionId}" ist doppelt erfasst.`,
        });
      }
      seen.add(entry.criterionId);
    });
  });
export type Assessment = z.output<typeof assessmentSchema>;

export type AssessmentErrorCode =
  | 'ASSESSMENT_FINALIZED'
  | 'ASSESSMENT_INCOMPLETE'
  | 'ASSESSMENT_NOT_FINALIZED'
  | 'UNKNOWN_CRITERION'
  | 'ENTRY_NOT_FOUND'
  | 'INVALID_ENTRY'
  | 'INVALID_INPUT'
  | 'REASON_REQUIRED';
export type AssessmentResult<T = Assessment> = DomainResult<T, AssessmentErrorCode>;

const FINALIZED_MESSAGE =
  'Diese Potenzialanalyse ist abgeschlossen und kann nicht mehr geändert werden. Änderungen bitte als Fortschreibung (neue Version mit Begründung) erfassen.';

export interface NewAssessment {
  readonly id: string;
  readonly caseId: string;
  readonly createdOn: IsoDate;
  readonly createdBy: string;
  readonly catalogue: CriteriaCatalogue;
  readonly targetOccupation?: TargetOccupation | null;
}

/** A new, empty draft (version 1). */
export function createAssessment(input: NewAssessment): Assessment {
  return assessmentSchema.parse({
    id: input.id,
    caseId: input.caseId,
    version: 1,
    previousVersionId: null,
    amendmentReason: null,
    status: 'draft',
    catalogueVersion: input.catalogue.version,
    createdOn: input.createdOn,
    createdBy: input.createdBy,
    finalizedOn: null,
    finalizedBy: null,
    targetOccupation: input.targetOccupation ?? null,
    integrationForecast: null,
    dominantKeyFactor: null,
    entries: [],
  });
}

export function isFinalized(assessment: Pick<Assessment, 'status'>): boolean {
  return assessment.status === 'finalized';
}

function editDraft(
  assessment: Assessment,
  change: (draft: Assessment) => AssessmentResult,
): AssessmentResult {
  if (isFinalized(assessment)) return refuse('ASSESSMENT_FINALIZED', FINALIZED_MESSAGE);
  return change(assessment);
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join(' › ')}: ${issue.message}` : issue.message,
  );
}

/** Records (or replaces) the entry of one criterion. */
export function recordEntry(
  assessment: Assessment,
  input: CriterionEntryInput,
  catalogue: CriteriaCatalogue,
): AssessmentResult {
  return editDraft(assessment, (draft) => {
    const parsed = criterionEntrySchema.safeParse(input);
    if (!parsed.success) {
      return refuse('INVALID_ENTRY', 'Die Angaben zum Merkmal sind nicht gültig.', issuesOf(parsed.error));
    }
    const entry = parsed.data;
    const info = findCriterion(catalogue, entry.criterionId);
    if (!info) {
      return refuse(
        'UNKNOWN_CRITERION',
        `Das Merkmal "${entry.criterionId}" gibt es im Merkmalskatalog (Stand ${catalogue.version}) nicht.`,
      );
    }
    if (entry.functionalLimitations !== null && !info.criterion.healthRelated) {
      return refuse('INVALID_ENTRY', 'Die Angaben zum Merkmal sind nicht gültig.', [
        `Funktionelle Einschränkungen werden nur bei gesundheitsbezogenen Merkmalen erfasst, nicht bei „${info.criterion.label}“.`,
      ]);
    }
    const others = draft.entries.filter((e) => e.criterionId !== entry.criterionId);
    return succeed({ ...draft, entries: [...others, entry] });
  });
}

export function removeEntry(assessment: Assessment, criterionId: string): AssessmentResult {
  return editDraft(assessment, (draft) => {
    if (!draft.entries.some((e) => e.criterionId === criterionId)) {
      return refuse('ENTRY_NOT_FOUND', `Zum Merkmal "${criterionId}" ist nichts erfasst.`);
    }
    return succeed({ ...draft, entries: draft.entries.filter((e) => e.criterionId !== criterionId) });
  });
}

/** Sets the Integrationsprognose; null = not assessed yet. */
export function setIntegrationForecast(
  assessment: Assessment,
  forecast: IntegrationForecast | null,
): AssessmentResult {
  return editDraft(assessment, (draft) => succeed({ ...draft, integrationForecast: forecast }));
}

export function setDominantKeyFactor(
  assessment: Assessment,
  keyFactor: KeyFactorId | null,
): AssessmentResult {
  return editDraft(assessment, (draft) => succeed({ ...draft, dominantKeyFactor: keyFactor }));
}

export function setTargetOccupation(
  assessment: Assessment,
  target: TargetOccupation | null,
): AssessmentResult {
  return editDraft(assessment, (draft) => {
    if (target === null) return succeed({ ...draft, targetOccupation: null });
    const parsed = targetOccupationSchema.safeParse(target);
    if (!parsed.success) {
      return refuse('INVALID_INPUT', 'Der Zielberuf ist nicht gültig.', issuesOf(parsed.error));
    }
    return succeed({ ...draft, targetOccupation: parsed.data });
  });
}

export interface RecordedNeed {
  readonly criterionId: string;
  readonly keyFactor: KeyFactorId;
  readonly focus: string;
}

/** The needs of the assessment with their key factor (entries of unknown criteria are left out). */
export function needsOf(
  assessment: Pick<Assessment, 'entries'>,
  catalogue: CriteriaCatalogue,
): RecordedNeed[] {
  const needs: RecordedNeed[] = [];
  for (const entry of assessment.entries) {
    const info = findCriterion(catalogue, entry.criterionId);
    if (entry.need && info)
      needs.push({ criterionId: entry.criterionId, keyFactor: info.keyFactor, focus: entry.need.focus });
  }
  return needs;
}

/** Key factors with at least one need, in catalogue order. */
export function keyFactorsWithNeeds(
  assessment: Pick<Assessment, 'entries'>,
  catalogue: CriteriaCatalogue,
): KeyFactorId[] {
  return sortKeyFactors(needsOf(assessment, catalogue).map((n) => n.keyFactor));
}

/** German reasons why the assessment cannot be finalized yet (empty when it can). */
export function completenessProblems(assessment: Assessment, catalogue: CriteriaCatalogue): string[] {
  const problems: string[] = [];
  if (!assessment.entries.some((e) => e.strength !== null)) {
    problems.push(
      'Es ist noch keine Stärke erfasst. Die Potenzialanalyse beginnt mit den Stärken der Person.',
    );
  }
  for (const entry of assessment.entries) {
    if (!findCriterion(catalogue, entry.criterionId)) {
      const what = entry.need ? `Der Handlungsbedarf „${entry.need.focus}“` : 'Ein Eintrag';
      problems.push(
        `${what} ist keiner Schlüsselgröße zugeordnet: Das Merkmal "${entry.criterionId}" fehlt im Merkmalskatalog (Stand ${catalogue.version}). Bitte einem vorhandenen Merkmal zuordnen.`,
      );
    }
  }
  if (assessment.integrationForecast === null) {
    problems.push(
      'Die Integrationsprognose fehlt: Ist eine Integration innerhalb von 12 Monaten zu erwarten (ja/nein)?',
    );
  }
  const withNeeds = keyFactorsWithNeeds(assessment, catalogue);
  const dominant = assessment.dominantKeyFactor;
  if (dominant !== null && !withNeeds.includes(dominant)) {
    problems.push(
      `Als Schwerpunkt ist „${KEY_FACTOR_LABELS[dominant]}“ gewählt, dort ist aber kein Handlungsbedarf erfasst.`,
    );
  } else if (dominant === null && withNeeds.length > 1) {
    problems.push(
      `Handlungsbedarfe liegen in ${joinGerman(withNeeds.map((k) => KEY_FACTOR_LABELS[k]))}. Bitte den Schwerpunkt festlegen.`,
    );
  }
  return problems;
}

export interface Signature {
  readonly on: IsoDate;
  readonly by: string;
}

/** Finalizes a complete draft; refuses with the German list of what is missing. */
export function finalizeAssessment(
  assessment: Assessment,
  signature: Signature,
  catalogue: CriteriaCatalogue,
): AssessmentResult {
  return editDraft(assessment, (draft) => {
    const problems = completenessProblems(draft, catalogue);
    if (signature.on < draft.createdOn) {
      problems.push(
        `Das Abschlussdatum ${formatGermanDate(signature.on)} liegt vor dem Beginn der Potenzialanalyse (${formatGermanDate(draft.createdOn)}).`,
      );
    }
    if (problems.length > 0) {
      return refuse(
        'ASSESSMENT_INCOMPLETE',
        'Die Potenzialanalyse kann noch nicht abgeschlossen werden.',
        problems,
      );
    }
    return succeed({ ...draft, status: 'finalized', finalizedOn: signature.on, finalizedBy: signature.by });
  });
}

export interface Amendment extends Signature {
  /** Id of the new version. */
  readonly id: string;
  readonly reason: string;
}

/** Starts a new draft version of a finalized assessment; the finalized one stays unchanged. */
export function amendAssessment(assessment: Assessment, amendment: Amendment): AssessmentResult {
  if (!isFinalized(assessment)) {
    return refuse(
      'ASSESSMENT_NOT_FINALIZED',
      'Nur eine abgeschlossene Potenzialanalyse wird fortgeschrieben; den Entwurf bitte direkt bearbeiten.',
    );
  }
  const reason = amendment.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'Bitte begründen, warum die Potenzialanalyse fortgeschrieben wird.');
  }
  if (amendment.id === assessment.id) {
    return refuse('INVALID_INPUT', 'Die neue Version braucht eine eigene Kennung.');
  }
  if (assessment.finalizedOn !== null && amendment.on < assessment.finalizedOn) {
    return refuse(
      'INVALID_INPUT',
      `Die Fortschreibung kann nicht vor dem Abschluss der Vorversion (${formatGermanDate(assessment.finalizedOn)}) beginnen.`,
    );
  }
  return succeed({
    ...assessment,
    id: amendment.id,
    version: assessment.version + 1,
    previousVersionId: assessment.id,
    amendmentReason: reason,
    status: 'draft',
    createdOn: amendment.on,
    createdBy: amendment.by,
    finalizedOn: null,
    finalizedBy: null,
  });
}

export type ReprofilingVerdict =
  { readonly needed: false } | { readonly needed: true; readonly reason: string };

/**
 * Needs are relative to the target occupation: when the goal's Zielberuf differs from the one the
 * assessment was made for, the assessment should be redone (amended).
 */
export function reprofilingNeed(
  assessment: Pick<Assessment, 'targetOccupation'>,
  goalTargetOccupation: TargetOccupation | null,
): ReprofilingVerdict {
  const profiled = assessment.targetOccupation;
  if (isSameOccupation(profiled, goalTargetOccupation)) return { needed: false };
  if (profiled === null) {
    return {
      needed: true,
      reason: `Die Potenzialanalyse wurde ohne Zielberuf erstellt; das Ziel nennt jetzt ${describeTargetOccupation(goalTargetOccupation!)}. Handlungsbedarfe beziehen sich immer auf den Zielberuf – bitte die Potenzialanalyse fortschreiben.`,
    };
  }
  if (goalTargetOccupation === null) {
    return {
      needed: true,
      reason: `Das Ziel nennt keinen Zielberuf mehr; die Handlungsbedarfe wurden für ${describeTargetOccupation(profiled)} erhoben. Bitte prüfen und die Potenzialanalyse fortschreiben.`,
    };
  }
  return {
    needed: true,
    reason: `Der Zielberuf hat sich geändert: von ${describeTargetOccupation(profiled)} zu ${describeTargetOccupation(goalTargetOccupation)}. Handlungsbedarfe beziehen sich immer auf den Zielberuf – bitte die Potenzialanalyse fortschreiben.`,
  };
}

/**
 * The assessment without health details, for anything printed or handed out: entries of
 * health-related criteria (and of criteria the catalogue no longer knows) are left out, and no
 * functional limitations remain.
 */
export function withoutHealthDetails(assessment: Assessment, catalogue: CriteriaCatalogue): Assessment {
  return {
    ...assessment,
    entries: assessment.entries
      .filter((entry) => findCriterion(catalogue, entry.criterionId)?.criterion.healthRelated === false)
      .map((entry) => ({ ...entry, functionalLimitations: null })),
  };
}
