/**
 * The 4PM records of one demo case, built THROUGH the domain (createAssessment, recordEntry,
 * finalizeAssessment, amendAssessment, decideProfileSituation, validateGoal, proposeStrategies,
 * proposeAssignment/transitionAssignment, the plan's missingForHandover), so they are valid by
 * construction: a refusal of the domain is a bug of the generator and throws.
 */
import {
  amendAssessment,
  createAssessment,
  finalizeAssessment,
  keyFactorsWithNeeds,
  recordEntry,
  removeEntry,
  setTargetOccupation,
  setDominantKeyFactor,
  setIntegrationForecast,
  type Assessment,
  type AssessmentResult,
} from '../domain/assessment/assessment';
import { defaultCriteriaCatalogue, findCriterion } from '../domain/assessment/criteria';
import {
  decideProfileSituation,
  type ProfileSituationDecision,
} from '../domain/assessment/profile-situation';
import type { IntegrationForecast } from '../domain/assessment/vocabulary';
import type { OfficeId } from '../domain/case/office';
import { languageLevelAtLeast } from '../domain/case/person';
import { addMonths, type IsoDate } from '../domain/common/dates';
import { goalSchemaFor, type Goal, type GoalType } from '../domain/goals/goal';
import {
  checkStrategySelection,
  proposeStrategies,
  type StrategyChoice,
  type StrategySelection,
} from '../domain/goals/strategies';
import { regimeOn } from '../domain/legal/legal-regimes';
import {
  proposeAssignment,
  transitionAssignment,
  type Assignment,
  type AssignmentEvent,
  type AssignmentResult,
  type OutcomeCode,
} from '../domain/measures/assignment';
import { defaultMeasureCatalogue, findCatalogueEntry } from '../domain/measures/catalogue';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
  missingForHandover,
  type CooperationPlan,
  type PlanHandoverRecord,
  type PointAnswer,
} from '../domain/plan/cooperation-plan';
import type { Sha256Hex } from '../sync/reference-fingerprint';
import { ownEffortRecordSchema, type OwnEffortRecord } from '../domain/plan/own-effort';
import {
  dayNumber,
  isoOfDay,
  localTimestamp,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './demo-calendar';
import {
  NEED_TEMPLATES,
  OWN_EFFORT_APPLICATIONS,
  OWN_EFFORT_CHILDCARE,
  OWN_EFFORT_DEBT,
  PROVIDERS,
  STRENGTH_TEMPLATES,
  TARGET_OCCUPATIONS,
  type DemoPersonFacts,
} from './demo-vocabulary';

export type Random = () => number;

export interface FourPhaseInput {
  readonly random: Random;
  readonly newId: () => string;
  readonly caseId: string;
  readonly caseworker: string;
  readonly officeId: OfficeId;
  readonly facts: DemoPersonFacts;
  readonly phase: 1 | 2 | 3 | 4;
  /** Day number the Potenzialanalyse was started. */
  readonly startDay: number;
  /** Phase 4: day number the Kooperationsplan was handed over. */
  readonly planDay: number | null;
  /** Last day anything happens in the case (today, or the closing day). */
  readonly endDay: number;
  /** The case was closed on endDay (open measures end with the job taken up). */
  readonly closed: boolean;
  /** Consents already given, which the records may use. */
  readonly emailConsent: boolean;
  readonly companionLanguage: 'en' | 'uk' | 'ar' | 'ru' | null;
  /** SHA-256 as hex (the plan's content hash, ids derived from other ids); node:crypto's in main and server. */
  readonly sha256: Sha256Hex;
}

export interface FourPhaseRecords {
  readonly assessments: ReadonlyArray<Assessment & { profileSituation: ProfileSituationDecision | null }>;
  readonly goals: readonly Goal[];
  readonly strategyChoices: readonly StrategyChoice[];
  readonly assignments: readonly Assignment[];
  readonly ownEfforts: readonly OwnEffortRecord[];
  readonly plans: readonly CooperationPlan[];
  readonly handovers: readonly PlanHandoverRecord[];
  /** Review date of the handed-over plan (the case's nextReviewOn). */
  readonly reviewDueOn: string | null;
  /** An assignment with a provider (a consent to share data with it fits). */
  readonly providerAssignment: Assignment | null;
}

type NeedTemplate = (typeof NEED_TEMPLATES)[number];

const catalogue = defaultCriteriaCatalogue;
/** The goal schema with the check of the KldB code against the shipped occupations, built once. */
const goalSchema = goalSchemaFor();
const measures = defaultMeasureCatalogue;

function must(result: AssessmentResult): Assessment {
  if (!result.ok)
    throw new Error(`Demodaten: ${result.error.message} ${result.error.problems?.join(' ') ?? ''}`);
  return result.value;
}

function mustAssignment(result: AssignmentResult): Assignment {
  if (!result.ok) throw new Error(`Demodaten: ${result.error.message}`);
  return result.value;
}

function int(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Up to `n` distinct items, in a random order. */
function some<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/**
 * A uuid-shaped id derived from a record id and a purpose, for the records added to make every
 * quality rule occur in the demo data: they take nothing from the random stream, so every other
 * value of the demo data stays as it was.
 */
function derivedId(sha256: Sha256Hex, from: string, purpose: string): string {
  const h = sha256(`${from}:${purpose}`);
  const variant = (8 + (parseInt(h[16]!, 16) & 3)).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable choice of about one record in `n`, read from its (random) id: no draw from the stream. */
const oneIn = (id: string, n: number): boolean => parseInt(id.slice(0, 6), 16) % n === 0;

export function buildFourPhaseRecords(input: FourPhaseInput): FourPhaseRecords {
  const { random, facts, caseId, caseworker: by, endDay } = input;
  const later = (from: number, lo: number, hi: number) =>
    Math.max(from, workingDayOnOrBefore(Math.min(endDay, from + int(random, lo, hi))));
  const iso = isoOfDay;

  // ---- phase 1: Potenzialanalyse, strengths first
  const occupations = TARGET_OCCUPATIONS.filter(([, , fits]) => fits(facts));
  const [kldbCode, title] = pick(random, occupations);
  const targetOccupation = { kldbCode, title };
  const startDay = input.startDay;
  let assessment = createAssessment({
    id: input.newId(),
    caseId,
    createdOn: iso(startDay),
    createdBy: by,
    catalogue,
    targetOccupation,
  });
  const strengths = some(
    random,
    STRENGTH_TEMPLATES.filter((s) => s.fits(facts)),
    1 + Math.floor(random() * 3),
  );
  const needPool = NEED_TEMPLATES.filter((n) => n.fits(facts));
  const needs: NeedTemplate[] = [];
  for (const n of some(random, needPool, 1 + Math.floor(random() * 3)))
    if (!needs.some((m) => m.criterionId === n.criterionId)) needs.push(n);
  const criteria = [...new Set([...strengths.map((s) => s.criterionId), ...needs.map((n) => n.criterionId)])];
  const recordedOn = iso(startDay);
  for (const criterionId of criteria) {
    const strength = strengths.find((s) => s.criterionId === criterionId);
    const need = needs.find((n) => n.criterionId === criterionId);
    assessment = must(
      recordEntry(
        assessment,
        {
          criterionId,
          strength: strength ? { text: strength.text, competenceClass: strength.competenceClass } : null,
          need: need ? { focus: need.focus } : null,
          functionalLimitations: need?.functionalLimitations ?? null,
          evidenceSources: need ? [...need.evidence] : ['conversation'],
          recordedOn,
          recordedBy: by,
        },
        catalogue,
      ),
    );
  }
  const forecast: IntegrationForecast =
    needs.length >= 3 ||
    facts.inCustody ||
    (facts.germanLevel !== null && !languageLevelAtLeast(facts.germanLevel, 'B1'))
      ? 'beyond12Months'
      : random() < 0.75
        ? 'within12Months'
        : 'beyond12Months';
  const draftOnly = input.phase === 1 && random() < 0.6;
  const forecastSet = !draftOnly || random() < 0.5;
  if (forecastSet) assessment = must(setIntegrationForecast(assessment, forecast));
  // a draft just begun with several needs: the first conversation went to the needs, the strengths
  // are not written down yet (what the quality rule „Stärken erfasst“ flags; no extra draw, so the
  // rest of the demo data stays as it was) …
  if (draftOnly && !forecastSet && needs.length >= 2) {
    // … and the Zielberuf is not chosen yet (the rule „Handlungsbedarf zugeordnet“ flags that)
    assessment = must(setTargetOccupation(assessment, null));
    for (const s of strengths) {
      const need = needs.find((n) => n.criterionId === s.criterionId);
      assessment = need
        ? must(
            recordEntry(
              assessment,
              {
                criterionId: s.criterionId,
                strength: null,
                need: { focus: need.focus },
                functionalLimitations: need.functionalLimitations ?? null,
                evidenceSources: [...need.evidence],
                recordedOn,
                recordedBy: by,
              },
              catalogue,
            ),
          )
        : must(removeEntry(assessment, s.criterionId));
    }
  }
  if (keyFactorsWithNeeds(assessment, catalogue).length > 1)
    assessment = must(
      setDominantKeyFactor(assessment, findCriterion(catalogue, needs[0]!.criterionId)!.keyFactor),
    );

  const versions: Array<Assessment & { profileSituation: ProfileSituationDecision | null }> = [];
  const decide = (a: Assessment, day: number) =>
    decideProfileSituation(a, { catalogue, by, at: localTimestamp(day, 11 * 60) });
  const empty: FourPhaseRecords = {
    assessments: versions,
    goals: [],
    strategyChoices: [],
    assignments: [],
    ownEfforts: [],
    plans: [],
    handovers: [],
    reviewDueOn: null,
    providerAssignment: null,
  };
  if (draftOnly) {
    versions.push({ ...assessment, profileSituation: null });
    return empty;
  }
  let finalizedDay = later(startDay, 0, 14);
  assessment = must(finalizeAssessment(assessment, { on: iso(finalizedDay), by }, catalogue));
  versions.push({ ...assessment, profileSituation: decide(assessment, finalizedDay) });
  if (input.phase === 1) return empty;

  // a few Potenzialanalysen were amended (Fortschreibung) after new findings
  if (input.phase >= 3 && random() < 0.12) {
    const amendDay = later(finalizedDay, 1, 7);
    let amended = must(
      amendAssessment(assessment, {
        id: input.newId(),
        on: iso(amendDay),
        by,
        reason: 'Neue Erkenntnisse aus dem Gespräch mit dem Maßnahmeträger.',
      }),
    );
    const first = amended.entries[0]!;
    amended = must(
      recordEntry(
        amended,
        {
          ...first,
          note: 'Nach Rücksprache mit dem Träger bestätigt.',
          recordedOn: iso(amendDay),
          recordedBy: by,
        },
        catalogue,
      ),
    );
    finalizedDay = later(amendDay, 0, 3);
    assessment = must(finalizeAssessment(amended, { on: iso(finalizedDay), by }, catalogue));
    versions.push({ ...assessment, profileSituation: decide(assessment, finalizedDay) });
  }

  // ---- phase 2: Ziel with intermediate goals
  const goalDay = later(finalizedDay, 0, 10);
  const needIds = new Set(needs.map((n) => n.criterionId));
  const type: GoalType =
    facts.age < 25 && facts.vocationalQualification === 'none'
      ? 'apprenticeship'
      : needIds.has('german-language') &&
          facts.germanLevel !== null &&
          !languageLevelAtLeast(facts.germanLevel, 'A2')
        ? 'languageAcquisition'
        : needIds.has('vocational-qualification') && random() < 0.4
          ? 'qualification'
          : 'employment';
  const description = {
    employment: `Sozialversicherungspflichtige Beschäftigung als ${title}${facts.singleParent ? ' in Teilzeit' : ''}`,
    apprenticeship: `Betriebliche Ausbildung im Berufsfeld ${title}`,
    qualification: `Berufsabschluss über eine Weiterbildung, danach Arbeit als ${title}`,
    languageAcquisition: `Deutsch auf Niveau B1, danach Arbeit als ${title}`,
    selfEmployment: `Selbständigkeit als ${title}`,
    stabilization: 'Stabilisierung der persönlichen Lage',
  }[type];
  const targetDay = goalDay + int(random, 180, 365);
  const steps = [
    'Bewerbungsunterlagen vollständig und aktuell',
    ...(needIds.has('family-situation') ? ['Kinderbetreuung während der Arbeitszeit gesichert'] : []),
    ...(needIds.has('german-language') ? ['Sprachkurs begonnen und regelmäßig besucht'] : []),
    ...(needIds.has('finances-debts') ? ['Erstgespräch bei der Schuldnerberatung geführt'] : []),
    ...(needIds.has('criminal-record') ? ['Wohnung und Konto für die Zeit nach der Entlassung geklärt'] : []),
    'Praktikum oder Probearbeit im Zielberuf',
  ].slice(0, 3);
  let stepDay = goalDay;
  const intermediateGoals = steps.map((text) => {
    stepDay = Math.min(targetDay, stepDay + int(random, 20, 60));
    const achieved = stepDay <= endDay && random() < 0.7;
    return {
      id: input.newId(),
      description: text,
      targetDate: iso(stepDay),
      achievedOn: achieved ? iso(Math.max(goalDay, stepDay - int(random, 0, 10))) : null,
    };
  });
  const goalResult = goalSchema.safeParse({
    id: input.newId(),
    caseId,
    type,
    description,
    targetOccupation,
    targetDate: iso(targetDay),
    assessmentId: assessment.id,
    createdOn: iso(goalDay),
    createdBy: by,
    intermediateGoals,
  });
  if (!goalResult.success) throw new Error(`Demodaten: ${goalResult.error.issues[0]?.message}`);
  const goal = goalResult.data;
  if (input.phase === 2) return { ...empty, goals: [goal] };

  // ---- phase 3: Handlungsstrategien for the needs, measures proposed
  const chosenDay = later(goalDay, 0, 10);
  const proposals = proposeStrategies(assessment, { on: iso(chosenDay), office: input.officeId });
  const selections: StrategySelection[] = [];
  for (const p of proposals.slice(0, 3)) {
    const candidates =
      p.keyFactorStrategies.length > 0 && random() < 0.8
        ? p.keyFactorStrategies
        : [...p.crossCuttingStrategies, ...p.localStrategies, ...p.keyFactorStrategies];
    if (candidates.length === 0) continue;
    const strategy = pick(random, candidates);
    const same = selections.find((s) => s.strategyId === strategy.id);
    if (same) same.servesNeeds.push(p.need.criterionId);
    else selections.push({ strategyId: strategy.id, servesNeeds: [p.need.criterionId] });
  }
  const problems = checkStrategySelection(selections, assessment, { on: iso(chosenDay) });
  if (problems.length > 0) throw new Error(`Demodaten: ${problems[0]!.message}`);
  // checked by checkStrategySelection above; the field values are checked again when applied
  const strategyChoices: StrategyChoice[] = selections.map((s) => ({
    id: input.newId(),
    caseId,
    assessmentId: assessment.id,
    goalId: goal.id,
    strategyId: s.strategyId,
    servesNeeds: s.servesNeeds,
    note: null,
    chosenOn: iso(chosenDay),
    chosenBy: by,
  }));

  const planDay = input.phase === 4 ? Math.max(chosenDay, input.planDay ?? chosenDay) : null;
  const assignments: Assignment[] = [];
  for (const need of needs.slice(0, 2)) {
    // in phase 4 the measures are proposed in the conversation the plan is made in
    const proposedDay = planDay ?? later(chosenDay, 0, 7);
    const entry = need.measures
      .map((id) => findCatalogueEntry(measures, id))
      .find(
        (e) =>
          e !== undefined &&
          (e.validFrom === null || e.validFrom <= iso(proposedDay)) &&
          (e.validTo === null || e.validTo >= iso(proposedDay)) &&
          !assignments.some((a) => a.measureId === e.id),
      );
    if (!entry) continue;
    const startDayPlanned = workingDayOnOrAfter(proposedDay + int(random, 14, 35));
    const weeks = entry.id === 'mag' ? int(random, 2, 6) : int(random, 8, 26);
    const plannedEnd = entry.id.startsWith('kommunal-')
      ? null
      : entry.id === 'vermittlungsbudget-44'
        ? startDayPlanned
        : startDayPlanned + weeks * 7;
    const provider =
      entry.provider !== null
        ? { name: entry.provider }
        : entry.kind === 'referral' || entry.id === 'vermittlungsbudget-44'
          ? null
          : { name: pick(random, PROVIDERS) };
    let a = mustAssignment(
      proposeAssignment(
        {
          id: input.newId(),
          caseId,
          entry,
          catalogueVersion: measures.version,
          needIds: [need.criterionId],
          goalId: goal.id,
          provider,
          plannedStart: iso(startDayPlanned),
          plannedEnd: plannedEnd === null ? null : iso(plannedEnd),
          withLegalConsequencesNotice: entry.legalConsequencesNoticeAllowed && random() < 0.4,
        },
        iso(proposedDay),
      ),
    );
    const step = (event: AssignmentEvent, day: number) => {
      a = mustAssignment(transitionAssignment(a, event, iso(day)));
    };
    const assignDay = later(proposedDay, 2, 10);
    if (input.phase === 3) {
      if (random() < 0.5 && assignDay <= endDay) step({ type: 'assign' }, assignDay);
    } else {
      step({ type: 'assign' }, assignDay);
      if (startDayPlanned <= endDay) {
        if (random() < 0.08) {
          step(
            {
              type: 'abort',
              outcome: { code: 'didNotStart', note: 'Ohne Nachricht nicht erschienen; Gespräch folgt.' },
            },
            startDayPlanned,
          );
        } else {
          step({ type: 'start' }, startDayPlanned);
          const regularEnd = plannedEnd ?? startDayPlanned + 60;
          const early = random() < 0.1;
          const earlyDay = startDayPlanned + Math.floor((regularEnd - startDayPlanned) / 2);
          if (early && earlyDay <= endDay) {
            step(
              {
                type: 'abort',
                outcome: { code: 'endedEarly', note: 'Aus gesundheitlichen Gründen vorzeitig beendet.' },
              },
              Math.max(startDayPlanned, workingDayOnOrBefore(earlyDay)),
            );
          } else if (regularEnd <= endDay) {
            const roll = random();
            const code: OutcomeCode =
              roll < 0.45
                ? 'completedSuccessfully'
                : roll < 0.7
                  ? 'completedWithoutSuccess'
                  : roll < 0.9
                    ? 'tookUpEmployment'
                    : 'tookUpTraining';
            // now and then the end is not recorded: the measure runs past its planned end without an
            // outcome (the quality rule „Ergebnis von Maßnahmen dokumentiert“ flags it)
            const endRecorded = plannedEnd === null || regularEnd >= endDay || !oneIn(a.id, 6);
            if (endRecorded) step({ type: 'end', outcome: { code, note: null } }, regularEnd);
          }
        }
      }
    }
    if (input.closed && (a.status === 'proposed' || a.status === 'assigned' || a.status === 'started')) {
      const code: OutcomeCode = 'tookUpEmployment';
      step(
        a.status === 'started'
          ? { type: 'end', outcome: { code, note: null } }
          : { type: 'abort', outcome: { code, note: null } },
        Math.max(endDay, dayNumber(a.history.at(-1)!.on)),
      );
    }
    assignments.push(a);
  }
  const providerAssignment = assignments.find((a) => a.provider !== null) ?? null;
  if (input.phase === 3 || planDay === null) {
    // now and then the plan was begun in the last days, a measure being assigned; in the draft the
    // proof (or the frequency) of the own effort is still missing (the rule „Eigenbemühungen mit
    // Häufigkeit und Nachweis“ flags it)
    const assigned = assignments.filter((a) => a.status === 'assigned');
    const draftDay = Math.max(
      workingDayOnOrBefore(endDay - 3),
      ...assigned.map((a) => dayNumber(a.assignedOn!)),
    );
    const plans =
      assigned.length > 0 && !input.closed && oneIn(caseId, 3)
        ? [planDraft(input, { day: iso(draftDay), goal, occupation: title, assigned })]
        : [];
    return { ...empty, goals: [goal], strategyChoices, assignments, plans, providerAssignment };
  }

  // ---- phase 4: Kooperationsplan handed over, Eigenbemühungen with proofs
  const planId = input.newId();
  const efforts: OwnEffortRecord[] = [];
  const proofsFrom = (first: number, every: number, count: () => number, form: string) => {
    const out: { receivedOn: string; form: string; count: number }[] = [];
    for (let d = first; d <= endDay && out.length < 24; d += every)
      if (random() < 0.9) out.push({ receivedOn: iso(workingDayOnOrBefore(d)), form, count: count() });
    return out;
  };
  const perMonth = int(random, 3, 8);
  efforts.push(
    ownEffortRecordSchema.parse({
      id: input.newId(),
      caseId,
      planId,
      ...OWN_EFFORT_APPLICATIONS,
      frequency: { count: perMonth, per: 'month' },
      agreedOn: iso(planDay),
      proofs: proofsFrom(
        planDay + 30,
        30,
        () => (random() < 0.8 ? perMonth : int(random, 1, perMonth)),
        OWN_EFFORT_APPLICATIONS.proof,
      ),
    }),
  );
  for (const [need, effort] of [
    ['finances-debts', OWN_EFFORT_DEBT],
    ['family-situation', OWN_EFFORT_CHILDCARE],
  ] as const) {
    if (!needIds.has(need)) continue;
    const proofDay = planDay + int(random, 10, 40);
    efforts.push(
      ownEffortRecordSchema.parse({
        id: input.newId(),
        caseId,
        planId,
        ...effort,
        frequency: { count: 1, per: 'once' },
        agreedOn: iso(planDay),
        proofs:
          proofDay <= endDay
            ? [
                {
                  receivedOn: iso(Math.max(planDay, workingDayOnOrBefore(proofDay))),
                  form: effort.proof,
                  count: 1,
                },
              ]
            : [],
      }),
    );
  }
  const selection = regimeOn(iso(planDay));
  if (!selection.ok) throw new Error(`Demodaten: ${selection.reason}`);
  const regime = selection.regime;
  const answered = (text: string): PointAnswer => ({ state: 'answered', text });
  const notApplicable = (note: string): PointAnswer => ({ state: 'not_applicable', note });
  const planned = assignments.filter((a) => a.proposedOn <= iso(planDay));
  const plan = cooperationPlanSchema.parse({
    id: planId,
    caseId,
    planDate: iso(planDay),
    goal: goal.description,
    mainSteps: [
      ...goal.intermediateGoals
        .filter((s) => s.achievedOn === null && s.targetDate >= iso(planDay))
        .map((s) => ({ text: s.description, dueOn: s.targetDate, responsible: 'gemeinsam' as const })),
      { text: `Regelmäßig auf Stellen als ${title} bewerben`, dueOn: null, responsible: 'person' as const },
    ],
    points: {
      supportServices: answered(
        planned.length > 0
          ? `In Betracht kommen: ${planned.map((a) => a.measureTitle).join('; ')}.`
          : 'Beratung und Vermittlungsvorschläge durch das Jobcenter.',
      ),
      ownEfforts: answered('Die Eigenbemühungen stehen mit Häufigkeit und Nachweis unten.'),
      languageCoursePriority: needIds.has('german-language')
        ? answered('Der Sprachkurs hat Vorrang vor anderen Maßnahmen.')
        : notApplicable('Kein Bedarf an Sprachförderung.'),
      otherAgencies: needIds.has('finances-debts')
        ? answered('Kommunale Schuldnerberatung des Landkreises Nordsachsen (§ 16a SGB II).')
        : notApplicable('Derzeit nicht erforderlich.'),
      targetActivities: answered(`Tätigkeit als ${title}.`),
      rehabilitationNeed: needIds.has('physical-health')
        ? answered('Laut Teil A des Gutachtens Tätigkeiten ohne schweres Heben; kein Reha-Bedarf.')
        : notApplicable('Kein Bedarf erkennbar.'),
    },
    ownEfforts: efforts.map((e) => ({ description: e.description, frequency: e.frequency, proof: e.proof })),
    measures: planned.map((a) => ({ assignmentId: a.id, measureId: a.measureId, title: a.measureTitle })),
    personalOffer:
      'Regelmäßige Beratungsgespräche mit Ihrer Integrationsfachkraft und Vermittlungsvorschläge im Zielberuf.',
    reviewDueOn: addMonths(iso(planDay), int(random, 3, regime.plan.reviewIntervalMonths)),
    companionLanguage: input.companionLanguage,
  });
  const missing = missingForHandover(plan, regime, { hasFinalizedAssessment: true, today: iso(planDay) });
  if (missing.length > 0) throw new Error(`Demodaten: ${missing[0]!.message}`);
  // the plan was parsed by cooperationPlanSchema above and passed missingForHandover
  const handover: PlanHandoverRecord = {
    id: input.newId(),
    caseId,
    planId,
    version: 1,
    handedOverOn: iso(planDay),
    handedOverBy: by,
    form: input.emailConsent && random() < 0.3 ? 'e-mail' : 'ausdruck',
    contentHash: input.sha256(canonicalPlanContent(plan)),
    regimeId: regime.id,
    content: plan,
    templateVersion: null,
    pdfSha256: null,
  };
  // now and then a Fortschreibung after the plan no longer sees a need a running measure serves
  // (the rule „Maßnahme dient einem Handlungsbedarf“ flags the measure)
  const amendDay = workingDayOnOrBefore(endDay - 2);
  const orphaned = assignments.find(
    (a) =>
      a.status === 'started' &&
      needs.length >= 2 &&
      a.needIds[0] !== needs[0]!.criterionId &&
      dayNumber(a.startedOn!) < amendDay,
  );
  if (
    orphaned &&
    !input.closed &&
    oneIn(orphaned.id, 5) &&
    amendDay > planDay &&
    iso(amendDay) >= assessment.finalizedOn!
  ) {
    const dropped = orphaned.needIds[0]!;
    let amended = must(
      amendAssessment(assessment, {
        id: derivedId(input.sha256, assessment.id, 'fortschreibung'),
        on: iso(amendDay),
        by,
        reason: 'Im Beratungsgespräch neu bewertet: ein Handlungsbedarf besteht nicht mehr.',
      }),
    );
    const entry = amended.entries.find((e) => e.criterionId === dropped)!;
    amended =
      entry.strength !== null
        ? must(
            recordEntry(
              amended,
              {
                ...entry,
                need: null,
                functionalLimitations: null,
                recordedOn: iso(amendDay),
                recordedBy: by,
              },
              catalogue,
            ),
          )
        : must(removeEntry(amended, dropped));
    assessment = must(finalizeAssessment(amended, { on: iso(amendDay), by }, catalogue));
    versions.push({ ...assessment, profileSituation: decide(assessment, amendDay) });
  }
  return {
    assessments: versions,
    goals: [goal],
    strategyChoices,
    assignments,
    ownEfforts: efforts,
    plans: [plan],
    handovers: [handover],
    reviewDueOn: plan.reviewDueOn,
    providerAssignment,
  };
}

/** A plan begun but not handed over: an own effort without proof (or without frequency), points open. */
function planDraft(
  input: FourPhaseInput,
  d: { day: IsoDate; goal: Goal; occupation: string; assigned: readonly Assignment[] },
): CooperationPlan {
  const id = derivedId(input.sha256, input.caseId, 'plan-draft');
  const withoutFrequency = oneIn(id, 2);
  return cooperationPlanSchema.parse({
    id,
    caseId: input.caseId,
    planDate: d.day,
    goal: d.goal.description,
    mainSteps: [
      { text: `Regelmäßig auf Stellen als ${d.occupation} bewerben`, dueOn: null, responsible: 'person' },
    ],
    points: {
      supportServices: {
        state: 'answered',
        text: `In Betracht kommen: ${d.assigned.map((a) => a.measureTitle).join('; ')}.`,
      },
      ownEfforts: { state: 'answered', text: 'Die Eigenbemühungen stehen unten.' },
      targetActivities: { state: 'answered', text: `Tätigkeit als ${d.occupation}.` },
    },
    ownEfforts: [
      {
        description: OWN_EFFORT_APPLICATIONS.description,
        frequency: withoutFrequency ? null : { count: 4, per: 'month' },
        proof: withoutFrequency ? OWN_EFFORT_APPLICATIONS.proof : null,
      },
    ],
    measures: d.assigned.map((a) => ({ assignmentId: a.id, measureId: a.measureId, title: a.measureTitle })),
    personalOffer: '',
    reviewDueOn: null,
    companionLanguage: input.companionLanguage,
  });
}
