import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, type IsoDate } from '../common/dates';
import { defaultMeasureCatalogue, findCatalogueEntry } from './catalogue';
import { catalogueEntrySchema, type CatalogueEntry, type MeasureRule } from './catalogue.schema';
import {
  cumulativeFrame,
  dateOfAge,
  ELIGIBILITY_STATUS_LABELS,
  evaluateEligibility,
  evaluateEntry,
  lastDayMonthsAfter,
  lastDayOfDuration,
  PERIOD_RULE_TYPES,
  periodRulesOf,
  type EligibilityResult,
} from './eligibility';
import type { EligibilityFacts } from './facts';

const ON = '2026-03-01';
const START = '2026-03-02';

/** A person for whom the ordinary entries are possible; each case changes what it needs. */
const PERSON: EligibilityFacts = {
  birthDate: '1986-05-10',
  measureStart: START,
  plannedEnd: addDays(START, 41), // 6 weeks
  unemployedSince: '2023-01-15',
  benefitPeriods: [{ from: '2018-01-01', to: null }],
  previousMeasures: [],
  jobStartDate: null,
  germanLevel: 'B1',
  householdChildBirthDates: [],
  disability: 'none',
  flags: {
    employableBenefitRecipient: true,
    seriousPlacementBarriers: false,
    especiallyAffectedDisabled: false,
    atRiskOfDisability: false,
  },
};

function facts(overrides: EligibilityFacts = {}): EligibilityFacts {
  return { ...PERSON, ...overrides, flags: { ...PERSON.flags, ...overrides.flags } };
}

function entry(id: string): CatalogueEntry {
  const e = findCatalogueEntry(defaultMeasureCatalogue, id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

function check(id: string, f: EligibilityFacts, on: IsoDate = ON): EligibilityResult {
  const titles = new Map(defaultMeasureCatalogue.entries.map((e) => [e.id, e.title]));
  return evaluateEntry(entry(id), f, { on }, titles);
}

const texts = (r: EligibilityResult, severity?: string) =>
  r.reasons.filter((x) => !severity || x.severity === severity).map((x) => x.text);

/** Builds a synthetic entry through the schema (defaults filled in). */
function synthetic(rules: unknown[], extra: Record<string, unknown> = {}): CatalogueEntry {
  return catalogueEntrySchema.parse({
    id: 'test',
    title: 'Testmaßnahme',
    legalBasis: '§ 1 Test',
    kind: 'assignment',
    category: 'activation',
    description: 'Test',
    validFrom: null,
    validTo: null,
    maxDuration: null,
    voluntary: false,
    legalConsequencesNoticeAllowed: false,
    rules,
    ...extra,
  });
}

interface Case {
  readonly eligible: EligibilityFacts;
  readonly ineligible: EligibilityFacts;
  readonly eligibleOn?: IsoDate;
  readonly ineligibleOn?: IsoDate;
  /** A fragment the refusal must contain. */
  readonly refusal: string;
}

const NO_ELB = { flags: { employableBenefitRecipient: false } };
const ELB_REFUSAL = 'erwerbsfähige leistungsberechtigte Person (§ 7 SGB II). Das trifft nicht zu.';

const CASES: Record<string, Case> = {
  'aktivierung-45': { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
  mag: {
    eligible: {},
    ineligible: { unemployedSince: '2025-10-01', plannedEnd: addDays(START, 42) },
    refusal: 'erlaubt höchstens 6 Wochen, also bis 12.04.2026',
  },
  agh: {
    eligible: {},
    ineligible: { previousMeasures: [{ measureId: 'agh', from: '2022-01-01', to: '2023-12-31' }] },
    refusal: 'Im Rahmenzeitraum 01.01.2022 bis 31.12.2026 entfallen bereits 24 Monate',
  },
  'evl-16e': {
    eligible: { plannedEnd: '2028-03-01' },
    ineligible: { unemployedSince: '2024-03-03' },
    refusal:
      'Die Person ist seit dem 03.03.2024 arbeitslos, am 02.03.2026 also 23 Monate; § 16e Abs. 1 SGB II verlangt mindestens 24 Monate Arbeitslosigkeit. Die Voraussetzung ist ab dem 03.03.2026 erfüllt.',
  },
  'teilhabe-16i': {
    eligible: {},
    ineligible: { birthDate: '2001-03-03' },
    refusal: 'Am 02.03.2026 ist die Person 24 Jahre alt; § 16i Abs. 3 SGB II verlangt mindestens 25 Jahre.',
  },
  'junge-menschen-16h': {
    eligible: { birthDate: '2002-01-01', flags: { hardToReachYoungPerson: true } },
    ineligible: { birthDate: '2001-03-02', flags: { hardToReachYoungPerson: true } },
    refusal: 'Am 02.03.2026 ist die Person 25 Jahre alt; § 16h Abs. 1 SGB II verlangt höchstens 24 Jahre',
  },
  'einstiegsgeld-16b': {
    eligible: { flags: { takingUpEmployment: true }, plannedEnd: '2028-03-01' },
    ineligible: { flags: { takingUpEmployment: true }, plannedEnd: '2028-03-02' },
    refusal: 'erlaubt höchstens 24 Monate, also bis 01.03.2028',
  },
  'nachbetreuung-16g': {
    eligible: { jobStartDate: '2026-02-01' },
    ineligible: { jobStartDate: null },
    refusal: 'Es ist keine Arbeitsaufnahme erfasst',
  },
  'coaching-16k': { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
  'vermittlungsbudget-44': { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
  'egz-88': {
    eligible: { flags: { placementHindered: true } },
    ineligible: { flags: { placementHindered: true }, measureStart: '2026-02-15', plannedEnd: '2026-08-14' },
    refusal: 'Antrag am 01.03.2026, Beginn am 15.02.2026',
  },
  'kommunal-kinderbetreuung-pflege': {
    eligible: { flags: { childcareOrCareNeed: true } },
    ineligible: { flags: { childcareOrCareNeed: false } },
    refusal: 'Bedarf an Kinderbetreuung oder häuslicher Pflege von Angehörigen. Das trifft nicht zu.',
  },
  'kommunal-schuldnerberatung': {
    eligible: { flags: { debtCounsellingNeed: true } },
    ineligible: { flags: { debtCounsellingNeed: false } },
    refusal: 'Bedarf an Schuldnerberatung. Das trifft nicht zu.',
  },
  'kommunal-psychosoziale-betreuung': {
    eligible: { flags: { psychosocialSupportNeed: true } },
    ineligible: { flags: { psychosocialSupportNeed: false } },
    refusal: 'Bedarf an psychosozialer Betreuung. Das trifft nicht zu.',
  },
  'kommunal-suchtberatung': {
    eligible: { flags: { addictionCounsellingNeed: true } },
    ineligible: { flags: { addictionCounsellingNeed: false } },
    refusal: 'Bedarf an Suchtberatung. Das trifft nicht zu.',
  },
  'fbw-bildungsgutschein': {
    eligible: { flags: { furtherTrainingNeed: true } },
    ineligible: {
      flags: { furtherTrainingNeed: true },
      measureStart: '2024-12-31',
      plannedEnd: '2025-06-30',
    },
    ineligibleOn: '2024-12-01',
    refusal: 'gilt erst ab dem 01.01.2025; der geplante Beginn am 31.12.2024 liegt davor',
  },
  'berufliche-reha': {
    eligible: { disability: 'disabled' },
    ineligible: { disability: 'none', flags: { atRiskOfDisability: false } },
    refusal: 'von Behinderung bedroht. Das trifft nicht zu (keine Behinderung erfasst).',
  },
  integrationskurs: {
    eligible: {
      germanLevel: 'A2',
      flags: { integrationCourseAdmission: true, integrationCourseCompleted: false },
    },
    ineligible: {
      germanLevel: 'A2',
      flags: { integrationCourseAdmission: false, integrationCourseCompleted: false },
    },
    refusal: 'Teilnahmeberechtigung oder -verpflichtung für den Integrationskurs. Das trifft nicht zu.',
  },
  berufssprachkurs: {
    eligible: {},
    ineligible: { germanLevel: 'A2' },
    refusal:
      'Die Person hat Deutschkenntnisse auf Niveau A2; § 45a AufenthG, DeuFöV verlangt mindestens Niveau B1.',
  },
  'job-bsk': {
    eligible: {
      germanLevel: 'A2',
      plannedTeachingUnits: 120,
      flags: { integrationCourseCompleted: true, concreteJobPerspective: true },
    },
    ineligible: {
      germanLevel: 'A2',
      plannedTeachingUnits: 99,
      flags: { integrationCourseCompleted: true, concreteJobPerspective: true },
    },
    refusal: 'Geplant sind 99 Unterrichtseinheiten; BAMF Job-BSK sieht 100 bis 150 Unterrichtseinheiten vor.',
  },
  juventus: {
    eligible: { birthDate: '2000-01-01', plannedEnd: addDays(addMonths(START, 3), -1) },
    ineligible: { birthDate: '1995-03-01', plannedEnd: addDays(addMonths(START, 3), -1) },
    refusal:
      'Am 02.03.2026 ist die Person 31 Jahre alt; AMIP 2025/2026 (JUVENTUS) verlangt höchstens 30 Jahre',
  },
  'tandem-sachsen': {
    eligible: { householdChildBirthDates: ['2015-06-01'] },
    ineligible: { householdChildBirthDates: [] },
    refusal: 'Das trifft nicht zu (kein minderjähriges Kind in der Bedarfsgemeinschaft).',
  },
  'schritt-fuer-schritt': {
    eligible: { measureStart: '2025-06-02', plannedEnd: '2025-09-30' },
    eligibleOn: '2025-06-01',
    ineligible: {},
    refusal: 'ist abgelaufen: die Laufzeit endete am 30.09.2025',
  },
  'wir-machen-das': {
    eligible: { disability: 'severely_disabled' },
    ineligible: { disability: 'none' },
    refusal: 'schwerbehindert oder gleichgestellt. Das trifft nicht zu (keine Behinderung erfasst).',
  },
  'gkv-gesundheitskurse': { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
  'jobfabrik-workshops': { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
  jobcafe: { eligible: {}, ineligible: NO_ELB, refusal: ELB_REFUSAL },
};

describe('every catalogue entry has an eligible and an ineligible case', () => {
  it('covers the whole catalogue', () => {
    expect(Object.keys(CASES).sort()).toEqual(defaultMeasureCatalogue.entries.map((e) => e.id).sort());
  });

  for (const [id, c] of Object.entries(CASES)) {
    it(`${id}: eligible`, () => {
      const r = check(id, facts(c.eligible), c.eligibleOn);
      expect(r.status, JSON.stringify(r.reasons, null, 1)).toBe('eligible');
      expect(r.measureId).toBe(id);
    });
    it(`${id}: not eligible, explained`, () => {
      const r = check(id, facts(c.ineligible), c.ineligibleOn);
      expect(r.status).toBe('not_eligible');
      const refusals = r.reasons.filter((x) => x.severity === 'unmet');
      expect(refusals.map((x) => x.text).join('\n')).toContain(c.refusal);
      for (const x of refusals) expect(x.ref.length).toBeGreaterThan(0);
    });
  }
});

describe('evaluateEligibility', () => {
  it('evaluates the whole catalogue in order and reports kind and flags', () => {
    const results = evaluateEligibility(defaultMeasureCatalogue, facts(), { on: ON });
    expect(results.map((r) => r.measureId)).toEqual(defaultMeasureCatalogue.entries.map((e) => e.id));
    const fbw = results.find((r) => r.measureId === 'fbw-bildungsgutschein');
    expect(fbw?.kind).toBe('referral');
    expect(fbw?.reasons[0]).toMatchObject({ severity: 'info', check: 'referral' });
    const coaching = results.find((r) => r.measureId === 'coaching-16k');
    expect([coaching?.voluntary, coaching?.legalConsequencesNoticeAllowed]).toEqual([true, false]);
    expect(ELIGIBILITY_STATUS_LABELS.not_eligible).toBe('nicht möglich');
  });

  it('never passes silently on unknown facts: with no facts nothing is plainly eligible', () => {
    for (const r of evaluateEligibility(defaultMeasureCatalogue, {}, { on: ON })) {
      expect(r.status, r.measureId).not.toBe('eligible');
      if (r.status === 'eligible_with_warnings') expect(texts(r, 'warning').length).toBeGreaterThan(0);
    }
  });

  it('shows "Schritt für Schritt" as expired today, naming the end of its validity', () => {
    const r = evaluateEligibility(defaultMeasureCatalogue, facts(), { on: ON }).find(
      (x) => x.measureId === 'schritt-fuer-schritt',
    );
    expect(r?.status).toBe('not_eligible');
    expect(texts(r as EligibilityResult, 'unmet')[0]).toBe(
      '„Schritt für Schritt“ ist abgelaufen: die Laufzeit endete am 30.09.2025 (gültig vom 01.04.2024 bis 30.09.2025).',
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 400 }),
        (birth, offset) => {
          const f = facts({ birthDate: birth.toISOString().slice(0, 10), measureStart: addDays(ON, offset) });
          const a = evaluateEligibility(defaultMeasureCatalogue, f, { on: ON });
          const b = evaluateEligibility(defaultMeasureCatalogue, f, { on: ON });
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('checks the minimum age of § 16i exactly as ageOn says', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
        (birth) => {
          const birthDate = birth.toISOString().slice(0, 10);
          const r = check('teilhabe-16i', facts({ birthDate }));
          const ageReason = r.reasons.find((x) => x.check === 'minAge');
          expect(ageReason?.severity).toBe(ageOn(birthDate, START) >= 25 ? 'met' : 'unmet');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('works without a title map and with the evaluation date as start', () => {
    const r = evaluateEntry(
      entry('agh'),
      { ...facts(), measureStart: undefined, plannedEnd: addDays(ON, 30) },
      { on: ON },
    );
    expect(texts(r, 'met').join()).toContain('„Arbeitsgelegenheit mit Mehraufwandsentschädigung (AGH)“');
    expect(texts(r, 'met').join()).toContain('bis zum 29.02.2028');
  });
});

describe('age boundaries (§ 16i, § 16h)', () => {
  const birthDate = '2001-03-02'; // turns 25 on 02.03.2026

  it('§ 16i: the day before the 25th birthday no, on the birthday and after yes', () => {
    const before = check('teilhabe-16i', facts({ birthDate, measureStart: '2026-03-01' }));
    expect(before.status).toBe('not_eligible');
    expect(texts(before, 'unmet')).toContain(
      'Am 01.03.2026 ist die Person 24 Jahre alt; § 16i Abs. 3 SGB II verlangt mindestens 25 Jahre. Das Mindestalter ist am 02.03.2026 erreicht.',
    );
    expect(check('teilhabe-16i', facts({ birthDate, measureStart: '2026-03-02' })).status).toBe('eligible');
    expect(check('teilhabe-16i', facts({ birthDate, measureStart: '2026-03-03' })).status).toBe('eligible');
  });

  it('§ 16h: the day before the 25th birthday yes, on the birthday and after no', () => {
    const young = { birthDate, flags: { hardToReachYoungPerson: true } };
    expect(check('junge-menschen-16h', facts({ ...young, measureStart: '2026-03-01' })).status).toBe(
      'eligible',
    );
    expect(check('junge-menschen-16h', facts({ ...young, measureStart: '2026-03-02' })).status).toBe(
      'not_eligible',
    );
    expect(check('junge-menschen-16h', facts({ ...young, measureStart: '2026-03-03' })).status).toBe(
      'not_eligible',
    );
  });

  it('a missing birth date warns for minimum and maximum age', () => {
    const r = check('juventus', { ...facts({ plannedEnd: '2026-06-01' }), birthDate: undefined });
    expect(r.status).toBe('eligible_with_warnings');
    expect(texts(r, 'warning')).toEqual([
      'Das Geburtsdatum ist nicht erfasst; AMIP 2025/2026 (JUVENTUS) verlangt ein Alter von mindestens 18 Jahre.',
      'Das Geburtsdatum ist nicht erfasst; AMIP 2025/2026 (JUVENTUS) verlangt ein Alter von höchstens 30 Jahre (also jünger als 31).',
    ]);
  });

  it('dateOfAge handles 29 February', () => {
    expect(dateOfAge('2000-02-29', 25)).toBe('2025-03-01');
    expect(dateOfAge('2000-02-29', 24)).toBe('2024-02-29');
    expect(dateOfAge('2000-06-15', 1)).toBe('2001-06-15');
  });
});

describe('MAG: 6 weeks, 12 weeks for long-term unemployed or serious placement barriers', () => {
  const sixWeeks = addDays(START, 6 * 7 - 1); // 12.04.2026
  const twelveWeeks = addDays(START, 12 * 7 - 1); // 24.05.2026
  const shortTerm = { unemployedSince: '2025-09-01' }; // 6 months
  const longTerm = { unemployedSince: '2025-03-02' }; // exactly 12 months on START

  it('without long-term unemployment: 6 weeks yes, one day more no', () => {
    expect(check('mag', facts({ ...shortTerm, plannedEnd: sixWeeks })).status).toBe('eligible');
    const r = check('mag', facts({ ...shortTerm, plannedEnd: addDays(sixWeeks, 1) }));
    expect(r.status).toBe('not_eligible');
    expect(r.latestEnd).toBe(sixWeeks);
    expect(texts(r, 'unmet')[0]).toBe(
      'Geplant ist die Zeit vom 02.03.2026 bis 13.04.2026 (1 Monat und 12 Tage, 43 Tage); § 45 Abs. 2 Satz 2, Abs. 8 SGB III erlaubt höchstens 6 Wochen, also bis 12.04.2026. Länger nur: 12 Wochen bei langzeitarbeitslos (seit mindestens 12 Monaten arbeitslos, § 18 SGB III) oder schwerwiegende Vermittlungshemmnisse.',
    );
  });

  it('with long-term unemployment (derived, ≥ 12 months): 12 weeks yes, one day more no', () => {
    const ok = check('mag', facts({ ...longTerm, plannedEnd: twelveWeeks }));
    expect(ok.status).toBe('eligible');
    expect(ok.latestEnd).toBe(twelveWeeks);
    expect(check('mag', facts({ ...longTerm, plannedEnd: addDays(twelveWeeks, 1) })).status).toBe(
      'not_eligible',
    );
    // one day short of 12 months unemployed: 6 weeks only, even if a stale flag says otherwise
    const notYet = facts({
      unemployedSince: '2025-03-03',
      plannedEnd: twelveWeeks,
      flags: { longTermUnemployed: true },
    });
    expect(check('mag', notYet).status).toBe('not_eligible');
  });

  it('serious placement barriers also allow 12 weeks', () => {
    const f = facts({ ...shortTerm, plannedEnd: twelveWeeks, flags: { seriousPlacementBarriers: true } });
    expect(check('mag', f).status).toBe('eligible');
  });

  it('unknown long-term unemployment with 8 weeks planned warns', () => {
    const f = { ...facts({ plannedEnd: addDays(START, 55) }), unemployedSince: undefined };
    const r = check('mag', f);
    expect(r.status).toBe('eligible_with_warnings');
    expect(texts(r, 'warning')[0]).toContain('Länger ist es nur zulässig bei: langzeitarbeitslos');
  });

  it('a missing planned end warns and names the last allowed day', () => {
    const r = check('mag', { ...facts(shortTerm), plannedEnd: undefined });
    expect(r.status).toBe('eligible_with_warnings');
    expect(r.latestEnd).toBe(sixWeeks);
    expect(texts(r, 'warning')[0]).toContain('Das geplante Ende ist nicht erfasst');
  });

  it('an end before the start is refused', () => {
    const r = check('mag', facts({ plannedEnd: '2026-03-01' }));
    expect(texts(r, 'unmet')[0]).toBe('Das geplante Ende am 01.03.2026 liegt vor dem Beginn am 02.03.2026.');
  });
});

describe('durations with groups and minimums', () => {
  it('EGZ: 12 months, 24 for disabled, 36 from 55, 60 especially affected, 96 especially affected from 55', () => {
    const base = { flags: { placementHindered: true } };
    const end = (months: number) => addDays(addMonths(START, months), -1);
    const status = (f: EligibilityFacts, months: number) =>
      check('egz-88', facts({ ...f, plannedEnd: end(months) })).status;
    expect(status(base, 12)).toBe('eligible');
    expect(status(base, 13)).toBe('not_eligible');
    expect(status({ ...base, disability: 'disabled' }, 24)).toBe('eligible');
    expect(status({ ...base, disability: 'disabled' }, 25)).toBe('not_eligible');
    expect(status({ ...base, birthDate: '1971-03-02' }, 36)).toBe('eligible');
    expect(status({ ...base, birthDate: '1971-03-03' }, 36)).toBe('not_eligible');
    const affected = {
      disability: 'severely_disabled' as const,
      flags: { placementHindered: true, especiallyAffectedDisabled: true },
    };
    expect(status(affected, 60)).toBe('eligible');
    expect(status(affected, 61)).toBe('not_eligible');
    expect(status({ ...affected, birthDate: '1970-01-01' }, 96)).toBe('eligible');
    expect(status({ ...affected, birthDate: '1970-01-01' }, 97)).toBe('not_eligible');
  });

  it('EGZ: an unknown age warns where it could allow a longer subsidy', () => {
    const r = check('egz-88', {
      ...facts({ flags: { placementHindered: true }, plannedEnd: addMonths(START, 30) }),
      birthDate: undefined,
    });
    expect(r.status).toBe('eligible_with_warnings');
    expect(texts(r, 'warning')[0]).toContain('Länger ist es nur zulässig bei: ab 55 Jahre');
  });

  it('EGZ: without a start date the application date cannot be checked', () => {
    const r = check('egz-88', {
      ...facts({ flags: { placementHindered: true } }),
      measureStart: undefined,
      plannedEnd: '2026-06-30',
    });
    expect(texts(r, 'warning')).toContain(
      'Der Beginn ist nicht erfasst; § 324 Abs. 1 SGB III: die Leistung muss vor dem Beginn (z. B. vor der Einstellung) beantragt werden.',
    );
  });

  it('JUVENTUS: at least 2 and at most 6 months', () => {
    const young = { birthDate: '2000-01-01' };
    const r = check('juventus', facts({ ...young, plannedEnd: addDays(addMonths(START, 2), -2) }));
    expect(r.status).toBe('not_eligible');
    expect(texts(r, 'unmet')[0]).toContain('verlangt mindestens 2 Monate, also bis mindestens 01.05.2026');
    expect(check('juventus', facts({ ...young, plannedEnd: '2026-05-01' })).status).toBe('eligible');
    expect(check('juventus', facts({ ...young, plannedEnd: '2026-09-01' })).status).toBe('eligible');
    expect(check('juventus', facts({ ...young, plannedEnd: '2026-09-02' })).status).toBe('not_eligible');
  });

  it('lastDayOfDuration counts days, weeks and months inclusively', () => {
    expect(lastDayOfDuration('2026-01-31', 1, 'days')).toBe('2026-01-31');
    expect(lastDayOfDuration('2026-01-31', 1, 'weeks')).toBe('2026-02-06');
    expect(lastDayOfDuration('2026-01-31', 1, 'months')).toBe('2026-02-27');
  });

  it('days as a unit read in German', () => {
    const e = synthetic([{ type: 'duration', unit: 'days', max: 1, ref: '§ T' }], {
      maxDuration: { amount: 1, unit: 'days' },
    });
    const r = evaluateEntry(e, { measureStart: START, plannedEnd: START }, { on: ON });
    expect(texts(r)[0]).toBe(
      'Geplant ist die Zeit vom 02.03.2026 bis 02.03.2026 (1 Tag); § T erlaubt höchstens 1 Tag, also bis 02.03.2026.',
    );
  });
});

describe('validity of programmes', () => {
  const sfs = { measureStart: '2025-09-30', plannedEnd: '2025-09-30' };

  it('on the last day of validity the programme is possible, the day after it is expired', () => {
    expect(check('schritt-fuer-schritt', facts(sfs), '2025-09-30').status).toBe('eligible');
    const r = check(
      'schritt-fuer-schritt',
      facts({ measureStart: '2025-10-01', plannedEnd: '2025-10-31' }),
      '2025-10-01',
    );
    expect(r.status).toBe('not_eligible');
    expect(texts(r, 'unmet')[0]).toContain('die Laufzeit endete am 30.09.2025');
  });

  it('a start after the end, a start before the beginning and an end after the end are refused', () => {
    const afterEnd = check('schritt-fuer-schritt', facts({ measureStart: '2025-10-01' }), '2025-09-15');
    expect(texts(afterEnd, 'unmet')[0]).toBe(
      'Der geplante Beginn am 01.10.2025 liegt nach dem Ende der Laufzeit am 30.09.2025 (gültig vom 01.04.2024 bis 30.09.2025).',
    );
    const beforeStart = check(
      'schritt-fuer-schritt',
      facts({ measureStart: '2024-03-31', plannedEnd: '2024-04-30' }),
      '2024-03-01',
    );
    expect(texts(beforeStart, 'unmet')[0]).toContain('gilt erst ab dem 01.04.2024');
    const endAfter = check(
      'schritt-fuer-schritt',
      facts({ measureStart: '2025-09-01', plannedEnd: '2025-10-15' }),
      '2025-08-20',
    );
    expect(endAfter.status).toBe('not_eligible');
    expect(endAfter.latestEnd).toBe('2025-09-30');
    expect(texts(endAfter, 'unmet')[0]).toBe(
      'Das geplante Ende am 15.10.2025 liegt nach dem Ende der Laufzeit am 30.09.2025.',
    );
  });
});

describe('AGH: 24 months in 5 years (§ 16d Abs. 6 SGB II), frame from the first entry', () => {
  const agh = (from: IsoDate, to: IsoDate | null) => ({ measureId: 'agh', from, to });
  const used24 = [agh('2022-01-01', '2022-12-31'), agh('2023-01-01', '2023-12-31')];

  it('exactly 24 months used: no further assignment without a documented re-check', () => {
    const r = check('agh', facts({ previousMeasures: used24 }));
    expect(r.status).toBe('not_eligible');
    expect(texts(r, 'unmet')[0]).toBe(
      'Im Rahmenzeitraum 01.01.2022 bis 31.12.2026 entfallen bereits 24 Monate auf „Arbeitsgelegenheit mit Mehraufwandsentschädigung (AGH)“; § 16d Abs. 6 SGB II erlaubt höchstens 24 Monate. Eine Verlängerung um bis zu 12 Monate setzt voraus: erneute Prüfung der Voraussetzungen dokumentiert.',
    );
  });

  it('with the documented re-check up to 12 more months, as a warning', () => {
    const f = facts({
      previousMeasures: used24,
      plannedEnd: '2026-12-31',
      flags: { documentedRecheck: true },
    });
    const r = check('agh', f);
    expect(r.status).toBe('eligible_with_warnings');
    expect(r.latestEnd).toBe('2027-03-01');
    expect(texts(r, 'warning')[0]).toContain('nur als Verlängerung nach § 16d Abs. 6 SGB II zulässig');
    const tooLong = check('agh', { ...f, plannedEnd: '2027-03-02' });
    expect(tooLong.status).toBe('not_eligible');
    expect(texts(tooLong, 'unmet')[0]).toContain(
      'erlaubt höchstens 36 Monate, die Zuweisung ist daher nur bis zum 01.03.2027 möglich',
    );
    const open = check('agh', { ...f, plannedEnd: undefined });
    expect(texts(open, 'warning')[0]).toContain(
      'bis längstens 01.03.2027 möglich (Verlängerung nach dokumentierter Prüfung)',
    );
  });

  it('36 months used: exhausted even with a re-check', () => {
    const f = facts({
      previousMeasures: [...used24, agh('2024-01-01', '2024-12-31')],
      flags: { documentedRecheck: true },
    });
    expect(texts(check('agh', f), 'unmet')[0]).toContain('mit Verlängerung 36 Monate – ausgeschöpft');
  });

  it('a new frame starts with the first entry after the old frame ended: the months are free again', () => {
    const r = check(
      'agh',
      facts({ previousMeasures: used24, measureStart: '2027-01-01', plannedEnd: '2027-06-30' }),
      '2026-12-01',
    );
    expect(r.status).toBe('eligible');
    expect(texts(r, 'met')[1]).toContain(
      'Im Rahmenzeitraum 01.01.2027 bis 31.12.2031 entfällt noch kein Monat auf',
    );
  });

  it('a measure running across the end of a frame starts the next frame the day after', () => {
    const frame = cumulativeFrame(
      { window: 'fromFirstEntry', windowYears: 5 },
      [agh('2020-01-01', '2020-06-30'), agh('2024-07-01', '2025-06-30')],
      '2026-03-01',
    );
    expect(frame).toEqual({ from: '2025-01-01', to: '2029-12-31' });
    const later = cumulativeFrame(
      { window: 'fromFirstEntry', windowYears: 5 },
      [agh('2020-01-01', '2020-06-30'), agh('2025-07-01', '2025-12-31')],
      '2026-03-01',
    );
    expect(later).toEqual({ from: '2025-07-01', to: '2030-06-30' });
  });

  it('23 months used: one month left, a warning about the approaching limit', () => {
    const f = facts({ previousMeasures: [agh('2022-01-01', '2023-11-30')], plannedEnd: '2026-04-01' });
    const r = check('agh', f);
    expect(r.status).toBe('eligible_with_warnings');
    expect(texts(r, 'warning')[0]).toContain('bleiben nur noch 1 Monat (bis 01.04.2026)');
    const over = check('agh', { ...f, plannedEnd: '2026-04-02' });
    expect(over.status).toBe('not_eligible');
    expect(texts(over, 'unmet')[0]).toContain(
      'nur bis zum 01.04.2026 möglich (geplant: bis 02.04.2026). Eine Verlängerung um bis zu 12 Monate setzt voraus',
    );
  });

  it('earlier assignments not known: warning; other measures do not count', () => {
    expect(check('agh', { ...facts(), previousMeasures: undefined }).status).toBe('eligible_with_warnings');
    const other = facts({ previousMeasures: [{ measureId: 'mag', from: '2022-01-01', to: '2025-12-31' }] });
    expect(check('agh', other).status).toBe('eligible');
    const open = check('agh', { ...facts(), plannedEnd: undefined });
    expect(texts(open, 'warning')[0]).toContain(
      'eine Zuweisung ist bis längstens 01.03.2028 möglich. Das geplante Ende ist nicht erfasst.',
    );
  });

  it('a sliding window: a period falling out of the window frees months', () => {
    const sliding = synthetic([
      {
        type: 'maxCumulativeMonthsInWindow',
        measureIds: ['test'],
        months: 24,
        windowYears: 5,
        window: 'sliding',
        ref: '§ T',
      },
    ]);
    const prev = [{ measureId: 'test', from: '2021-03-01', to: '2023-02-28' }];
    const at = (start: IsoDate, plannedEnd: IsoDate) =>
      evaluateEntry(sliding, { measureStart: start, plannedEnd, previousMeasures: prev }, { on: ON });
    const full = at('2026-03-01', '2026-03-31');
    expect(full.status).toBe('not_eligible');
    expect(texts(full)[0]).toBe(
      'In den 5 Jahren vor dem 01.03.2026 (01.03.2021 bis 28.02.2026) entfallen bereits 24 Monate auf „Testmaßnahme“; § T erlaubt höchstens 24 Monate – ausgeschöpft.',
    );
    const oneFree = at('2026-04-01', '2026-04-30');
    expect(oneFree.status).toBe('eligible');
    expect(oneFree.latestEnd).toBe('2026-04-30');
    expect(at('2026-04-01', '2026-05-01').status).toBe('not_eligible');
    expect(cumulativeFrame({ window: 'sliding', windowYears: 5 }, prev, '2026-04-01')).toEqual({
      from: '2021-04-01',
      to: '2026-03-31',
    });
  });
});

describe('Nachbetreuung: up to six calendar months after the job start (§ 16g Abs. 2 SGB II)', () => {
  const job = '2026-05-01';
  const lastDay = '2026-10-31'; // § 26 SGB X with §§ 187 Abs. 2, 188 Abs. 2 BGB

  it('a job started 01.05. allows services through 31.10., not 01.11.; no day count in the text', () => {
    const ok = check(
      'nachbetreuung-16g',
      facts({ jobStartDate: job, measureStart: lastDay, plannedEnd: lastDay }),
      '2026-10-01',
    );
    expect(ok.status).toBe('eligible');
    expect(ok.latestEnd).toBe('2026-10-31');
    const r = check(
      'nachbetreuung-16g',
      facts({ jobStartDate: job, measureStart: '2026-11-01', plannedEnd: '2026-11-01' }),
      '2026-10-01',
    );
    expect(r.status).toBe('not_eligible');
    expect(texts(r, 'unmet')[0]).toBe(
      'Der Beginn am 01.11.2026 liegt nach dem Ende der Frist; § 16g Abs. 2 SGB II erlaubt Leistungen bis zu 6 Monate nach der Arbeitsaufnahme: nach der Arbeitsaufnahme am 01.05.2026 also bis 31.10.2026.',
    );
    for (const reason of [...ok.reasons, ...r.reasons]) expect(reason.text).not.toMatch(/\d+ Tage|Tag \d+/);
  });

  it('month ends (§ 188 Abs. 3 BGB): 31.08. and 29.08. end on 28.02., 28.08. on 27.02.', () => {
    const latest = (jobStartDate: IsoDate) =>
      check('nachbetreuung-16g', facts({ jobStartDate, measureStart: '2025-09-01' }), '2025-09-01').latestEnd;
    expect(latest('2025-08-31')).toBe('2026-02-28');
    expect(latest('2025-08-29')).toBe('2026-02-28');
    expect(latest('2025-08-28')).toBe('2026-02-27');
    expect(lastDayMonthsAfter('2026-01-01', 6)).toBe('2026-06-30');
  });

  it('an end after the last day, a start before the job and unknown dates', () => {
    const f = facts({ jobStartDate: job, measureStart: '2026-06-01', plannedEnd: '2026-11-03' });
    expect(texts(check('nachbetreuung-16g', f, '2026-05-15'), 'unmet')[0]).toContain(
      'geplant ist aber bis 03.11.2026',
    );
    const early = check(
      'nachbetreuung-16g',
      facts({ jobStartDate: job, measureStart: '2026-04-15' }),
      '2026-04-01',
    );
    expect(texts(early, 'unmet')[0]).toContain('liegt vor der Arbeitsaufnahme am 01.05.2026');
    expect(check('nachbetreuung-16g', { ...facts(), jobStartDate: undefined }).status).toBe(
      'eligible_with_warnings',
    );
    const noEnd = check('nachbetreuung-16g', {
      ...facts({ jobStartDate: job, measureStart: '2026-06-01' }),
      plannedEnd: undefined,
    });
    expect(noEnd.status).toBe('eligible_with_warnings');
    expect(noEnd.latestEnd).toBe(lastDay);
    expect(check('nachbetreuung-16g', facts({ jobStartDate: null })).status).toBe('not_eligible');
  });
});

describe('§ 16i benefit months: 6 of the last 7 years, 5 with a minor child or severe disability', () => {
  const since = (from: IsoDate) => ({ benefitPeriods: [{ from, to: null }], measureStart: '2026-03-01' });

  it('72 months yes, 71 no', () => {
    expect(check('teilhabe-16i', facts(since('2020-03-01'))).status).toBe('eligible');
    const r = check('teilhabe-16i', facts(since('2020-04-01')));
    expect(r.status).toBe('not_eligible');
    expect(texts(r, 'unmet')[0]).toBe(
      'In den 7 Jahren vor dem 01.03.2026 (01.03.2019 bis 28.02.2026) bezog die Person 71 Monate Leistungen nach dem SGB II; § 16i Abs. 3 SGB II verlangt mindestens 72 Monate (60 Monate bei: minderjähriges Kind in der Bedarfsgemeinschaft oder schwerbehindert oder gleichgestellt).',
    );
  });

  it('60 months suffice with a minor child or severe disability, 59 do not', () => {
    const five = since('2021-03-01');
    expect(check('teilhabe-16i', facts(five)).status).toBe('not_eligible');
    const child = check('teilhabe-16i', facts({ ...five, householdChildBirthDates: ['2012-05-01'] }));
    expect(child.status).toBe('eligible');
    expect(texts(child, 'met').join('\n')).toContain(
      'verlangt hier nur 60 Monate, weil: minderjähriges Kind in der Bedarfsgemeinschaft',
    );
    expect(check('teilhabe-16i', facts({ ...five, disability: 'severely_disabled' })).status).toBe(
      'eligible',
    );
    expect(check('teilhabe-16i', facts({ ...five, disability: 'equal_status' })).status).toBe('eligible');
    expect(
      check('teilhabe-16i', facts({ ...since('2021-04-01'), householdChildBirthDates: ['2012-05-01'] }))
        .status,
    ).toBe('not_eligible');
  });

  it('unknown household and disability warn when the reduced number would suffice; unknown periods warn', () => {
    const r = check('teilhabe-16i', {
      ...facts(since('2021-03-01')),
      householdChildBirthDates: undefined,
      disability: undefined,
    });
    expect(r.status).toBe('eligible_with_warnings');
    expect(texts(r, 'warning')[0]).toContain('nur 60 Monate bei: minderjähriges Kind');
    expect(check('teilhabe-16i', { ...facts(), benefitPeriods: undefined }).status).toBe(
      'eligible_with_warnings',
    );
  });

  it('a rule without reduction refuses below the number', () => {
    const e = synthetic([{ type: 'benefitMonthsInWindow', months: 24, windowYears: 2, ref: '§ T' }]);
    const r = evaluateEntry(e, { benefitPeriods: [{ from: '2025-01-01', to: null }] }, { on: ON });
    expect(r.status).toBe('not_eligible');
  });
});

describe('unemployment, language, flags, teaching units, notices, unverified rules', () => {
  it('§ 16e: unknown unemployment warns, no unemployment refuses', () => {
    expect(
      check('evl-16e', { ...facts({ plannedEnd: '2027-03-01' }), unemployedSince: undefined }).status,
    ).toBe('eligible_with_warnings');
    const r = check('evl-16e', facts({ unemployedSince: null, plannedEnd: '2027-03-01' }));
    expect(texts(r, 'unmet')[0]).toBe(
      'Die Person ist am 02.03.2026 nicht arbeitslos gemeldet; § 16e Abs. 1 SGB II verlangt mindestens 24 Monate Arbeitslosigkeit.',
    );
  });

  it('language: unknown warns, "none" is named', () => {
    expect(check('berufssprachkurs', facts({ germanLevel: null })).status).toBe('eligible_with_warnings');
    expect(texts(check('berufssprachkurs', facts({ germanLevel: 'none' })), 'unmet')[0]).toContain(
      'Die Person hat keine Deutschkenntnisse',
    );
  });

  it('an unverified rule only warns (Integrationskurs with B1, or completed)', () => {
    const f = facts({
      germanLevel: 'B1',
      flags: { integrationCourseAdmission: true, integrationCourseCompleted: true },
    });
    const r = check('integrationskurs', f);
    expect(r.status).toBe('eligible_with_warnings');
    const warnings = texts(r, 'warning');
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toContain('Diese Regel ist fachlich nicht bestätigt');
    expect(warnings[0]).toContain('Das trifft zu: Integrationskurs abgeschlossen.');
    const unknown = check('integrationskurs', facts({ flags: { integrationCourseAdmission: true } }));
    expect(texts(unknown, 'warning')[0]).toContain(
      'schließt aus: Integrationskurs abgeschlossen. Das ist nicht erfasst.',
    );
  });

  it('any of several flags: one suffices, none refuses, unknown warns', () => {
    expect(
      texts(check('berufliche-reha', facts({ flags: { atRiskOfDisability: true } })), 'met').join(),
    ).toContain('Das trifft zu: von Behinderung bedroht');
    const unknown = check('berufliche-reha', { ...facts(), disability: undefined });
    expect(unknown.status).toBe('eligible_with_warnings');
  });

  it('teaching units unknown warn', () => {
    const f = facts({
      germanLevel: 'B2',
      flags: { integrationCourseCompleted: true, concreteJobPerspective: true },
    });
    expect(texts(check('job-bsk', f), 'warning')[0]).toBe(
      'Der geplante Umfang ist nicht erfasst; BAMF Job-BSK sieht 100 bis 150 Unterrichtseinheiten vor.',
    );
  });

  it('a notice may be a warning', () => {
    const e = synthetic([{ type: 'notice', severity: 'warning', text: 'Bitte prüfen.', ref: '§ T' }]);
    const r = evaluateEntry(e, {}, { on: ON });
    expect(r.status).toBe('eligible_with_warnings');
    expect(r.reasons).toEqual([{ severity: 'warning', check: 'notice', text: 'Bitte prüfen.', ref: '§ T' }]);
  });

  it('a referral without a named decider falls back to the Agentur für Arbeit', () => {
    const e = { ...entry('fbw-bildungsgutschein'), referralTo: null };
    expect(evaluateEntry(e, facts(), { on: ON }).reasons[0]?.text).toContain(
      'Entscheidung durch: Agentur für Arbeit.',
    );
  });

  it('an entry valid until a date but from no date states that', () => {
    const e = synthetic([], { validTo: '2026-12-31' });
    const r = evaluateEntry(e, { measureStart: START }, { on: ON });
    expect(r.reasons[0]?.text).toBe(
      'Der Beginn am 02.03.2026 liegt in der Laufzeit (gültig bis 31.12.2026).',
    );
    expect(r.latestEnd).toBe('2026-12-31');
  });
});

// keeps the type import honest: rules are a discriminated union
const _rule: MeasureRule = { type: 'minAge', years: 25, ref: '§ 16i', unverified: false };
void _rule;

describe('the check of an extension: only the rules about the period', () => {
  it('keeps duration, the cumulative limit and the window after a job start, drops the rest', () => {
    expect(periodRulesOf(entry('agh')).rules.map((r) => r.type)).toEqual(['maxCumulativeMonthsInWindow']);
    expect(periodRulesOf(entry('teilhabe-16i')).rules.map((r) => r.type)).toEqual(['duration']);
    for (const e of defaultMeasureCatalogue.entries)
      for (const r of periodRulesOf(e).rules) expect(PERIOD_RULE_TYPES).toContain(r.type);
    // the entry itself is unchanged
    expect(entry('agh').rules.map((r) => r.type)).toEqual([
      'requiresFlag',
      'maxCumulativeMonthsInWindow',
      'notice',
    ]);
  });

  it('refuses an AGH extension past 24 months in the frame, not for a flag checked at the assignment', () => {
    const titles = new Map([['agh', entry('agh').title]]);
    // the running AGH is the planned period itself (the service leaves it out of the earlier ones);
    // the person no longer counts as employable today: the assignment rule is not asked again
    const f = facts({
      measureStart: '2025-01-01',
      previousMeasures: [],
      flags: { employableBenefitRecipient: false },
    });
    const within = evaluateEntry(
      periodRulesOf(entry('agh')),
      { ...f, plannedEnd: '2026-12-31' },
      { on: ON },
      titles,
    );
    expect(within.status).not.toBe('not_eligible');
    expect(evaluateEntry(entry('agh'), { ...f, plannedEnd: '2026-12-31' }, { on: ON }, titles).status).toBe(
      'not_eligible',
    );
    const beyond = evaluateEntry(
      periodRulesOf(entry('agh')),
      { ...f, plannedEnd: '2027-06-30' },
      { on: ON },
      titles,
    );
    expect(beyond.status).toBe('not_eligible');
    expect(texts(beyond, 'unmet').join(' ')).toContain('§ 16d Abs. 6 SGB II');
  });
});
