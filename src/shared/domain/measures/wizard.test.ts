import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../common/dates';
import { defaultLegalRegimes } from '../legal/legal-regimes';
import { defaultMeasureCatalogue, findCatalogueEntry } from './catalogue';
import type { CatalogueEntry } from './catalogue.schema';
import {
  aftercareLastDay,
  aftercareStatus,
  extensionConditionsOf,
  extensionNote,
  flagsFromNeeds,
  measureFormOf,
  obligationFor,
  plannedPeriodProblems,
  proposalNote,
  refusalTexts,
  statedFlagsOnly,
  statedQuestionsOf,
  statusLabelOf,
  wizardCandidates,
  type WizardFacts,
} from './wizard';

const entry = (id: string): CatalogueEntry => {
  const e = findCatalogueEntry(defaultMeasureCatalogue, id);
  if (!e) throw new Error(id);
  return e;
};

describe('the form of the record an entry produces', () => {
  it('a Bildungsgutschein is a referral to the Agentur für Arbeit, § 16a an offer, never a Zuweisung', () => {
    expect(measureFormOf(entry('fbw-bildungsgutschein'))).toEqual({
      form: 'referral',
      label: 'Überleitung an die Agentur für Arbeit Oschatz',
    });
    for (const id of [
      'kommunal-suchtberatung',
      'kommunal-schuldnerberatung',
      'kommunal-kinderbetreuung-pflege',
    ]) {
      expect(measureFormOf(entry(id)).form).toBe('municipalOffer');
      expect(measureFormOf(entry(id)).label).toContain('keine Zuweisung');
      expect(statusLabelOf('assigned', 'municipalOffer')).toBe('angeboten');
    }
    expect(measureFormOf(entry('jobcafe')).form).toBe('voluntaryOffer');
    expect(measureFormOf(entry('mag'))).toEqual({
      form: 'assignment',
      label: 'Zuweisung durch das Jobcenter',
    });
    expect(statusLabelOf('assigned', 'referral')).toBe('übergeleitet');
    expect(statusLabelOf('assigned', 'assignment')).toBe('zugewiesen');
    expect(statusLabelOf('ended', 'municipalOffer')).toBe('beendet');
  });
});

describe('the obligation wording by catalogue and regime', () => {
  it('offers a Rechtsfolgenbelehrung only where the catalogue allows it and the regime carries it', () => {
    const before = obligationFor(entry('aktivierung-45'), '2026-06-30');
    expect(before.regime?.id).toBe('buergergeld');
    expect(before.noticeAllowed).toBe(true);
    expect(before.options.map((o) => o.withLegalConsequencesNotice)).toEqual([false, true]);
    expect(obligationFor(entry('aktivierung-45'), '2026-07-01').regime?.id).toBe('grundsicherung');
    const municipal = obligationFor(entry('kommunal-suchtberatung'), '2026-07-01');
    expect(municipal.noticeAllowed).toBe(false);
    expect(municipal.options).toHaveLength(1);
    expect(municipal.explanation).toContain('§ 16a SGB II');
    expect(obligationFor(entry('fbw-bildungsgutschein'), '2026-03-01').explanation).toContain(
      'Agentur für Arbeit',
    );
    expect(obligationFor(entry('coaching-16k'), '2026-03-01').noticeAllowed).toBe(false);
    expect(obligationFor(entry('nachbetreuung-16g'), '2026-03-01').explanation).toContain(
      'keine Rechtsfolgenbelehrung',
    );
    const noNotice = {
      ...defaultLegalRegimes,
      regimes: defaultLegalRegimes.regimes.map((r) => ({ ...r, noticesWithLegalConsequences: [] })),
    };
    const plain = obligationFor(entry('aktivierung-45'), '2026-03-01', noNotice);
    expect(plain.noticeAllowed).toBe(false);
    expect(plain.explanation).toContain('trägt eine Zuweisung keine Rechtsfolgenbelehrung');
    expect(
      refusalTexts(
        wizardCandidates(defaultMeasureCatalogue, {}, { on: '2026-03-01' }).find(
          (c) => c.measureId === 'schritt-fuer-schritt',
        )!.reasons,
      )[0],
    ).toMatch(/abgelaufen.*\(.+\)$/);
    const old = obligationFor(entry('aktivierung-45'), '2023-01-01');
    expect(old.noticeAllowed).toBe(false);
    expect(old.regime).toBeNull();
  });
});

describe('facts stated in the wizard', () => {
  it('needs set flags to true only; derived flags are never taken from the input', () => {
    expect(flagsFromNeeds(['finances-debts', 'school-education'])).toEqual({ debtCounsellingNeed: true });
    expect(
      statedFlagsOnly({
        employableBenefitRecipient: true,
        longTermUnemployed: true,
        placementHindered: true,
      }),
    ).toEqual({
      placementHindered: true,
    });
    expect(statedFlagsOnly(undefined)).toEqual({});
  });

  it('an extension beyond the regular maximum names the condition the caseworker states (AGH: the re-check)', () => {
    expect(extensionConditionsOf(entry('agh'))).toEqual([
      {
        flag: 'documentedRecheck',
        label: 'Erneute Prüfung der Voraussetzungen dokumentiert (§ 16d Abs. 6 SGB II)',
        description: 'Nötig für mehr als 24 Monate in 5 Jahren; höchstens 12 Monate mehr.',
      },
    ]);
    // a plain maximum duration has no condition to state
    expect(extensionConditionsOf(entry('mag'))).toEqual([]);
    // a condition only the record decides (age) is not offered; one flag is offered once
    const rule = entry('agh').rules.find((r) => r.type === 'maxCumulativeMonthsInWindow')!;
    const custom: CatalogueEntry = {
      ...entry('agh'),
      rules: [
        { ...rule, extensionRequires: 'longTermUnemployed' },
        rule,
        { ...rule, ref: '§ X' },
      ] as CatalogueEntry['rules'],
    };
    expect(extensionConditionsOf(custom).map((c) => c.flag)).toEqual(['documentedRecheck']);
  });

  it('an extension beyond the maximum leaves a Vermerk with the period and the stated conditions', () => {
    const [recheck] = extensionConditionsOf(entry('agh'));
    expect(
      extensionNote({
        measureTitle: 'Arbeitsgelegenheit (AGH)',
        previousEnd: '2026-03-03',
        plannedEnd: '2026-09-30',
        on: '2026-03-02',
        conditions: [recheck!],
      }),
    ).toEqual({
      title: 'Verlängerung: Arbeitsgelegenheit (AGH)',
      body:
        '„Arbeitsgelegenheit (AGH)“ am 02.03.2026 verlängert bis 30.09.2026 (bisher bis 03.03.2026).\n' +
        'Über die reguläre Höchstdauer hinaus; von der Integrationsfachkraft als erfüllt angegeben:\n' +
        '- Erneute Prüfung der Voraussetzungen dokumentiert (§ 16d Abs. 6 SGB II)',
    });
    expect(
      extensionNote({
        measureTitle: 'X',
        previousEnd: null,
        plannedEnd: '2026-09-30',
        on: '2026-03-02',
        conditions: [],
      }).body,
    ).toContain('(bisher ohne Ende)');
  });

  it('asks, per entry, only the stated facts its rules name, each once', () => {
    // MAG: 12 instead of 6 weeks with serious placement barriers (long-term unemployment is derived)
    expect(statedQuestionsOf(entry('mag'))).toEqual([
      { flag: 'seriousPlacementBarriers', label: 'Schwerwiegende Vermittlungshemmnisse' },
    ]);
    expect(statedQuestionsOf(entry('agh')).map((q) => q.flag)).toContain('documentedRecheck');
    const custom = {
      rules: [
        { type: 'requiresFlag', flag: 'employableBenefitRecipient', ref: '§ 7' },
        { type: 'requiresAnyFlag', flags: ['takingUpEmployment', 'concreteJobPerspective'], ref: '§ A' },
        { type: 'excludedIfFlag', flag: 'takingUpEmployment', ref: '§ B' },
        {
          type: 'benefitMonthsInWindow',
          months: 6,
          windowYears: 7,
          reducedMonths: 5,
          reducedIf: ['childInHousehold'],
          ref: '§ C',
        },
      ],
    } as unknown as Parameters<typeof statedQuestionsOf>[0];
    expect(statedQuestionsOf(custom).map((q) => q.flag)).toEqual([
      'takingUpEmployment',
      'concreteJobPerspective',
    ]);
    // every candidate carries its questions
    const [mag] = wizardCandidates(defaultMeasureCatalogue, {}, { on: '2026-03-02' }).filter(
      (c) => c.measureId === 'mag',
    );
    expect(mag?.questions.map((q) => q.flag)).toEqual(['seriousPlacementBarriers']);
    expect(mag?.afterJobStart).toBeNull();
    const aftercare = wizardCandidates(defaultMeasureCatalogue, {}, { on: '2026-03-02' }).find(
      (c) => c.afterJobStart !== null,
    );
    expect(aftercare?.afterJobStart).toEqual({ months: 6 });
  });

  it('a proposal resting on stated facts leaves a Vermerk with each statement as given', () => {
    const note = (facts: WizardFacts | undefined, plannedEnd: IsoDate | null = null) =>
      proposalNote({ measureTitle: 'X', plannedStart: '2026-03-09', plannedEnd, on: '2026-03-02', facts });
    expect(
      proposalNote({
        measureTitle: 'Maßnahme bei einem Arbeitgeber (MAG)',
        plannedStart: '2026-03-09',
        plannedEnd: '2026-05-29',
        on: '2026-03-02',
        facts: { flags: { seriousPlacementBarriers: true, documentedRecheck: false } },
      }),
    ).toEqual({
      title: 'Maßnahme vorgeschlagen: Maßnahme bei einem Arbeitgeber (MAG)',
      body:
        '„Maßnahme bei einem Arbeitgeber (MAG)“ am 02.03.2026 vorgeschlagen (geplant 09.03.2026 bis 29.05.2026).\n' +
        'Für die Prüfung der Voraussetzungen von der Integrationsfachkraft angegeben:\n' +
        '- Schwerwiegende Vermittlungshemmnisse: trifft zu\n' +
        '- Erneute Prüfung der Voraussetzungen dokumentiert: trifft nicht zu',
    });
    expect(note({ plannedTeachingUnits: 120, jobStartDate: '2026-02-02' })?.body).toContain(
      '- Geplante Unterrichtseinheiten: 120\n- Arbeitsaufnahme: am 02.02.2026',
    );
    expect(note({ jobStartDate: null })?.body).toContain('- Arbeitsaufnahme: keine');
    // only what the caseworker states: facts the case derives itself are not repeated
    const open = note({
      flags: { documentedRecheck: true, longTermUnemployed: true } as WizardFacts['flags'],
    });
    expect(open?.body).toContain('(geplant ab 09.03.2026)');
    expect(open?.body).not.toContain('angzeitarbeitslos');
    expect(note({})).toBeNull();
    expect(note(undefined)).toBeNull();
  });
});

describe('dates as you type', () => {
  it('names the earliest and the latest allowed end in German', () => {
    const limits = {
      duration: { unit: 'weeks' as const, max: 6, min: 2, ref: '§ 45 SGB III' },
      latestEnd: '2026-04-12',
    };
    expect(plannedPeriodProblems(limits, '2026-03-02', null)).toEqual([]);
    expect(plannedPeriodProblems(limits, '2026-03-02', '2026-03-01')[0]?.message).toContain(
      'vor dem geplanten Beginn',
    );
    expect(plannedPeriodProblems(limits, '2026-03-02', '2026-03-10')[0]?.message).toBe(
      '§ 45 SGB III verlangt mindestens 2 Wochen: das Ende liegt frühestens am 15.03.2026.',
    );
    expect(plannedPeriodProblems(limits, '2026-03-02', '2026-04-13')[0]?.message).toContain(
      'längstens bis 12.04.2026',
    );
    expect(plannedPeriodProblems(limits, '2026-03-02', '2026-04-12')).toEqual([]);
  });
});

describe('aftercare (§ 16g Abs. 2 SGB II) in calendar months', () => {
  it('a job started 01.05. allows services through 31.10.', () => {
    expect(aftercareLastDay('2026-05-01')).toBe('2026-10-31');
    expect(aftercareStatus('2026-05-01', '2026-10-31')).toMatchObject({
      expired: false,
      lastDay: '2026-10-31',
    });
    const over = aftercareStatus('2026-05-01', '2026-11-01');
    expect(over.expired).toBe(true);
    expect(over.text).toContain('endete am 31.10.2026');
    expect(over.text).not.toMatch(/\d+ Tage/);
  });
});

describe('the candidates', () => {
  const facts = {
    birthDate: '1988-05-17',
    measureStart: '2026-03-16',
    unemployedSince: '2024-01-01',
    benefitPeriods: [{ from: '2019-01-01', to: null }],
    previousMeasures: [],
    jobStartDate: null,
    germanLevel: 'C1' as const,
    householdChildBirthDates: [],
    disability: 'none' as const,
    flags: { employableBenefitRecipient: true },
  };

  it('puts eligible first, keeps every refused entry with its reasons, in catalogue order within a group', () => {
    const list = wizardCandidates(defaultMeasureCatalogue, facts, { on: '2026-03-02' });
    expect(list).toHaveLength(defaultMeasureCatalogue.entries.length);
    const firstRefused = list.findIndex((c) => c.status === 'not_eligible');
    expect(list.slice(firstRefused).every((c) => c.status === 'not_eligible')).toBe(true);
    for (const c of list.slice(firstRefused))
      expect(c.reasons.some((r) => r.severity === 'unmet' && r.ref.length > 0)).toBe(true);
    const order = defaultMeasureCatalogue.entries.map((e) => e.id);
    const refused = list.slice(firstRefused).map((c) => c.measureId);
    expect(refused).toEqual([...refused].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(list.find((c) => c.measureId === 'juventus')?.status).toBe('not_eligible');
    expect(list.find((c) => c.measureId === 'job-bsk')?.teachingUnits).toEqual({ min: 100, max: 150 });
  });

  it('leaves out entries offered only at other offices', () => {
    const local = {
      ...defaultMeasureCatalogue,
      entries: [{ ...entry('jobcafe'), offices: ['Oschatz' as const] }],
    };
    expect(wizardCandidates(local, facts, { on: '2026-03-02', office: 'torgau' })).toEqual([]);
    expect(wizardCandidates(local, facts, { on: '2026-03-02', office: 'oschatz' })).toHaveLength(1);
  });
});
