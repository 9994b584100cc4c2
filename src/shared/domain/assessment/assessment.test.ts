import { describe, expect, it } from 'vitest';
import {
  amendAssessment,
  assessmentSchema,
  completenessProblems,
  createAssessment,
  criterionEntrySchema,
  finalizeAssessment,
  isFinalized,
  keyFactorsWithNeeds,
  needsOf,
  recordEntry,
  removeEntry,
  reprofilingNeed,
  setDominantKeyFactor,
  setIntegrationForecast,
  setTargetOccupation,
  type Assessment,
  type AssessmentResult,
  type CriterionEntryInput,
  withoutHealthDetails,
} from './assessment';
import { defaultCriteriaCatalogue as catalogue } from './criteria';

const WAREHOUSE = { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' };

function value(result: AssessmentResult): Assessment {
  if (!result.ok)
    throw new Error(`${result.error.code}: ${result.error.message} ${result.error.problems?.join(' | ')}`);
  return result.value;
}

function entry(criterionId: string, extra: Partial<CriterionEntryInput> = {}): CriterionEntryInput {
  return {
    criterionId,
    evidenceSources: ['conversation'],
    recordedOn: '2026-03-02',
    recordedBy: 'ifk-1',
    ...extra,
  };
}

const strength = { text: 'Zuverlässig, kommt pünktlich', competenceClass: 'personal' as const };

function draft(): Assessment {
  return createAssessment({
    id: 'pa-1',
    caseId: 'case-1',
    createdOn: '2026-03-02',
    createdBy: 'ifk-1',
    catalogue,
    targetOccupation: WAREHOUSE,
  });
}

/** A complete draft: strength, need in two key factors with focus, forecast and Schwerpunkt. */
function completeDraft(): Assessment {
  let a = draft();
  a = value(recordEntry(a, entry('work-behaviour', { strength }), catalogue));
  a = value(
    recordEntry(
      a,
      entry('mobility', { need: { focus: 'Kein Führerschein, Schichtbeginn 5 Uhr' } }),
      catalogue,
    ),
  );
  a = value(
    recordEntry(
      a,
      entry('german-language', { need: { focus: 'Deutsch A2, B1 für Fachkraft nötig' } }),
      catalogue,
    ),
  );
  a = value(setIntegrationForecast(a, 'within12Months'));
  return value(setDominantKeyFactor(a, 'frameworkConditions'));
}

describe('assessment model', () => {
  it('starts as an empty draft, version 1, with the catalogue version', () => {
    const a = draft();
    expect(a).toMatchObject({
      status: 'draft',
      version: 1,
      previousVersionId: null,
      catalogueVersion: catalogue.version,
      integrationForecast: null,
      entries: [],
    });
    expect(isFinalized(a)).toBe(false);
    expect(
      createAssessment({ id: 'x', caseId: 'c', createdOn: '2026-01-01', createdBy: 'u', catalogue })
        .targetOccupation,
    ).toBeNull();
  });

  it('records strengths with a competence class and no score', () => {
    const a = value(recordEntry(draft(), entry('work-behaviour', { strength }), catalogue));
    expect(a.entries).toEqual([
      {
        criterionId: 'work-behaviour',
        strength,
        need: null,
        functionalLimitations: null,
        evidenceSources: ['conversation'],
        recordedOn: '2026-03-02',
        recordedBy: 'ifk-1',
        note: '',
      },
    ]);
    const scored = recordEntry(
      draft(),
      entry('work-behaviour', { strength: { ...strength, score: 4 } as never }),
      catalogue,
    );
    expect(scored.ok).toBe(false);
  });

  it('replaces the entry of a criterion instead of duplicating it', () => {
    let a = value(recordEntry(draft(), entry('mobility', { need: { focus: 'A' } }), catalogue));
    a = value(
      recordEntry(
        a,
        entry('mobility', { need: { focus: 'B' }, evidenceSources: ['selfReport', 'selfReport'] }),
        catalogue,
      ),
    );
    expect(a.entries).toHaveLength(1);
    expect(a.entries[0]).toMatchObject({ need: { focus: 'B' }, evidenceSources: ['selfReport'] });
  });

  it('has no diagnosis field: unknown fields are refused with a German reason', () => {
    const result = recordEntry(
      draft(),
      { ...entry('physical-health'), diagnosis: 'F32.1' } as unknown as CriterionEntryInput,
      catalogue,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_ENTRY');
      expect(result.error.problems?.join()).toContain('Nicht vorgesehene Angaben: diagnosis');
      expect(result.error.problems?.join()).toContain('Diagnosen nie');
    }
    expect(Object.keys(criterionEntrySchema.shape)).not.toContain('diagnosis');
  });

  it('takes functional limitations only for health criteria', () => {
    const health = recordEntry(
      draft(),
      entry('physical-health', {
        functionalLimitations: 'Kein Heben über 10 kg',
        evidenceSources: ['expertOpinionPartA'],
      }),
      catalogue,
    );
    expect(value(health).entries[0]!.functionalLimitations).toBe('Kein Heben über 10 kg');
    const blank = recordEntry(draft(), entry('physical-health', { functionalLimitations: '  ' }), catalogue);
    expect(value(blank).entries[0]!.functionalLimitations).toBeNull();
    const elsewhere = recordEntry(
      draft(),
      entry('mobility', { functionalLimitations: 'Kein Heben' }),
      catalogue,
    );
    expect(elsewhere).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ENTRY',
        problems: [expect.stringContaining('nur bei gesundheitsbezogenen Merkmalen')],
      },
    });
  });

  it('refuses unknown criteria and invalid entries with German messages', () => {
    expect(recordEntry(draft(), entry('astrology'), catalogue)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CRITERION', message: expect.stringContaining('"astrology"') },
    });
    const invalid = recordEntry(
      draft(),
      entry('mobility', { evidenceSources: [], need: { focus: ' ' } }),
      catalogue,
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_ENTRY' } });
    if (!invalid.ok) {
      expect(invalid.error.problems).toEqual(
        expect.arrayContaining([
          'need › focus: Bitte den Schwerpunkt des Handlungsbedarfs angeben.',
          'evidenceSources: Bitte mindestens eine Informationsquelle angeben.',
        ]),
      );
    }
  });

  it('removes entries and reports a missing one', () => {
    const a = value(recordEntry(draft(), entry('mobility', { need: { focus: 'A' } }), catalogue));
    expect(value(removeEntry(a, 'mobility')).entries).toEqual([]);
    expect(removeEntry(a, 'housing')).toMatchObject({ ok: false, error: { code: 'ENTRY_NOT_FOUND' } });
  });

  it('lists needs with their key factor, in catalogue order of key factors', () => {
    const a = completeDraft();
    expect(needsOf(a, catalogue)).toEqual([
      {
        criterionId: 'mobility',
        keyFactor: 'frameworkConditions',
        focus: 'Kein Führerschein, Schichtbeginn 5 Uhr',
      },
      {
        criterionId: 'german-language',
        keyFactor: 'qualification',
        focus: 'Deutsch A2, B1 für Fachkraft nötig',
      },
    ]);
    expect(keyFactorsWithNeeds(a, catalogue)).toEqual(['qualification', 'frameworkConditions']);
  });

  it('sets and clears the target occupation, refusing an invalid one', () => {
    const a = draft();
    expect(value(setTargetOccupation(a, null)).targetOccupation).toBeNull();
    expect(
      value(setTargetOccupation(a, { kldbCode: null, title: ' Lagerhelfer ' })).targetOccupation,
    ).toEqual({
      kldbCode: null,
      title: 'Lagerhelfer',
    });
    expect(setTargetOccupation(a, { kldbCode: '5131', title: 'Lager' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', problems: [expect.stringContaining('fünf Ziffern')] },
    });
  });

  it('validates persisted assessments (status, versions, duplicate entries)', () => {
    const a = completeDraft();
    expect(assessmentSchema.parse(a)).toEqual(a);
    const broken = { ...a, status: 'finalized', version: 2, entries: [...a.entries, a.entries[0]] };
    const issues = assessmentSchema.safeParse(broken).error?.issues.map((i) => i.message) ?? [];
    expect(issues).toEqual([
      'Nur eine abgeschlossene Potenzialanalyse hat Abschlussdatum und -person, und sie hat beides.',
      'Eine Fortschreibung (ab Version 2) verweist auf die Vorversion und nennt einen Grund.',
      'Das Merkmal "work-behaviour" ist doppelt erfasst.',
    ]);
  });
});

describe('health details', () => {
  it('are left out of the printable view, together with entries of unknown criteria', () => {
    let a = completeDraft();
    a = value(
      recordEntry(
        a,
        entry('physical-health', {
          functionalLimitations: 'Kein Heben über 10 kg',
          evidenceSources: ['expertOpinionPartA'],
        }),
        catalogue,
      ),
    );
    a = value(
      recordEntry(a, entry('addiction-psychosocial', { need: { focus: 'Beratung läuft' } }), catalogue),
    );
    const withUnknown = { ...a, entries: [...a.entries, { ...a.entries[0]!, criterionId: 'old-criterion' }] };
    const printable = withoutHealthDetails(withUnknown, catalogue);
    expect(printable.entries.map((e) => e.criterionId)).toEqual([
      'work-behaviour',
      'mobility',
      'german-language',
    ]);
    expect(printable.entries.every((e) => e.functionalLimitations === null)).toBe(true);
    expect(a.entries).toHaveLength(5);
  });
});

describe('finalizing', () => {
  it('refuses an incomplete draft and says in German what is missing', () => {
    let a = draft();
    a = value(recordEntry(a, entry('mobility', { need: { focus: 'Kein Führerschein' } }), catalogue));
    a = value(recordEntry(a, entry('german-language', { need: { focus: 'A2' } }), catalogue));
    const result = finalizeAssessment(a, { on: '2026-03-02', by: 'ifk-1' }, catalogue);
    expect(result).toMatchObject({ ok: false, error: { code: 'ASSESSMENT_INCOMPLETE' } });
    if (!result.ok) {
      expect(result.error.message).toBe('Die Potenzialanalyse kann noch nicht abgeschlossen werden.');
      expect(result.error.problems).toEqual([
        'Es ist noch keine Stärke erfasst. Die Potenzialanalyse beginnt mit den Stärken der Person.',
        'Die Integrationsprognose fehlt: Ist eine Integration innerhalb von 12 Monaten zu erwarten (ja/nein)?',
        'Handlungsbedarfe liegen in Qualifikation und Rahmenbedingungen. Bitte den Schwerpunkt festlegen.',
      ]);
    }
  });

  it('requires every need to be tied to a key factor through a known Merkmal', () => {
    const a = completeDraft();
    const orphan = { ...a, entries: [...a.entries, { ...a.entries[1]!, criterionId: 'old-criterion' }] };
    expect(completenessProblems(orphan, catalogue)).toEqual([
      expect.stringContaining(
        'Der Handlungsbedarf „Kein Führerschein, Schichtbeginn 5 Uhr“ ist keiner Schlüsselgröße zugeordnet',
      ),
    ]);
    const orphanStrength = {
      ...a,
      entries: [...a.entries, { ...a.entries[0]!, criterionId: 'old-criterion' }],
    };
    expect(completenessProblems(orphanStrength, catalogue)[0]).toMatch(
      /^Ein Eintrag ist keiner Schlüsselgröße/,
    );
  });

  it('refuses a Schwerpunkt without need and a date before the start', () => {
    const a = value(setDominantKeyFactor(completeDraft(), 'motivation'));
    const result = finalizeAssessment(a, { on: '2026-03-01', by: 'ifk-1' }, catalogue);
    expect(!result.ok && result.error.problems).toEqual([
      'Als Schwerpunkt ist „Motivation“ gewählt, dort ist aber kein Handlungsbedarf erfasst.',
      'Das Abschlussdatum 01.03.2026 liegt vor dem Beginn der Potenzialanalyse (02.03.2026).',
    ]);
  });

  it('finalizes a complete draft; a single key factor with needs needs no Schwerpunkt', () => {
    const done = value(finalizeAssessment(completeDraft(), { on: '2026-03-09', by: 'ifk-2' }, catalogue));
    expect(done).toMatchObject({ status: 'finalized', finalizedOn: '2026-03-09', finalizedBy: 'ifk-2' });
    expect(assessmentSchema.parse(done)).toEqual(done);

    let single = value(recordEntry(draft(), entry('work-behaviour', { strength }), catalogue));
    single = value(
      recordEntry(single, entry('mobility', { need: { focus: 'Kein Führerschein' } }), catalogue),
    );
    single = value(setIntegrationForecast(single, 'beyond12Months'));
    expect(completenessProblems(single, catalogue)).toEqual([]);
  });

  it('keeps a finalized version immutable: every edit returns ASSESSMENT_FINALIZED', () => {
    const done = value(finalizeAssessment(completeDraft(), { on: '2026-03-09', by: 'ifk-1' }, catalogue));
    const before = structuredClone(done);
    const attempts = [
      recordEntry(done, entry('housing', { need: { focus: 'x' } }), catalogue),
      removeEntry(done, 'mobility'),
      setIntegrationForecast(done, 'beyond12Months'),
      setDominantKeyFactor(done, 'qualification'),
      setTargetOccupation(done, null),
      finalizeAssessment(done, { on: '2026-03-10', by: 'ifk-1' }, catalogue),
    ];
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({
        ok: false,
        error: { code: 'ASSESSMENT_FINALIZED', message: expect.stringContaining('Fortschreibung') },
      });
    }
    expect(done).toEqual(before);
  });
});

describe('amendments', () => {
  const finalized = () =>
    value(finalizeAssessment(completeDraft(), { on: '2026-03-09', by: 'ifk-1' }, catalogue));

  it('creates a new draft version that references the previous one with a reason', () => {
    const v1 = finalized();
    const v2 = value(
      amendAssessment(v1, { id: 'pa-2', reason: ' Führerschein erworben ', on: '2026-06-01', by: 'ifk-3' }),
    );
    expect(v2).toMatchObject({
      id: 'pa-2',
      version: 2,
      previousVersionId: 'pa-1',
      amendmentReason: 'Führerschein erworben',
      status: 'draft',
      createdOn: '2026-06-01',
      createdBy: 'ifk-3',
      finalizedOn: null,
      finalizedBy: null,
      entries: v1.entries,
    });
    expect(v1.status).toBe('finalized');
    const edited = value(removeEntry(v2, 'mobility'));
    expect(edited.entries).toHaveLength(v1.entries.length - 1);
    expect(v1.entries).toHaveLength(3);
    const v2done = value(
      finalizeAssessment(
        value(setDominantKeyFactor(edited, null)),
        { on: '2026-06-02', by: 'ifk-3' },
        catalogue,
      ),
    );
    expect(assessmentSchema.parse(v2done).version).toBe(2);
  });

  it('refuses amending a draft, a missing reason, the same id or an earlier date', () => {
    expect(
      amendAssessment(completeDraft(), { id: 'pa-2', reason: 'x', on: '2026-06-01', by: 'u' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ASSESSMENT_NOT_FINALIZED' },
    });
    const v1 = finalized();
    expect(amendAssessment(v1, { id: 'pa-2', reason: '  ', on: '2026-06-01', by: 'u' })).toMatchObject({
      ok: false,
      error: {
        code: 'REASON_REQUIRED',
        message: 'Bitte begründen, warum die Potenzialanalyse fortgeschrieben wird.',
      },
    });
    expect(amendAssessment(v1, { id: 'pa-1', reason: 'x', on: '2026-06-01', by: 'u' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(amendAssessment(v1, { id: 'pa-2', reason: 'x', on: '2026-03-08', by: 'u' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('09.03.2026') },
    });
  });
});

describe('re-profiling when the target occupation changes', () => {
  it('is not needed for the same occupation (by code, or by title without code)', () => {
    expect(
      reprofilingNeed({ targetOccupation: WAREHOUSE }, { kldbCode: '51312', title: 'Lagerlogistik' }),
    ).toEqual({
      needed: false,
    });
    expect(
      reprofilingNeed(
        { targetOccupation: { kldbCode: null, title: 'Lagerhelfer' } },
        { kldbCode: null, title: ' lagerhelfer ' },
      ),
    ).toEqual({ needed: false });
    expect(reprofilingNeed({ targetOccupation: null }, null)).toEqual({ needed: false });
  });

  it('is needed with a German reason when the Zielberuf changed, appeared or disappeared', () => {
    expect(
      reprofilingNeed({ targetOccupation: WAREHOUSE }, { kldbCode: '52122', title: 'Berufskraftfahrer' }),
    ).toEqual({
      needed: true,
      reason:
        'Der Zielberuf hat sich geändert: von „Fachkraft für Lagerlogistik“ (KldB 51312) zu „Berufskraftfahrer“ (KldB 52122). Handlungsbedarfe beziehen sich immer auf den Zielberuf – bitte die Potenzialanalyse fortschreiben.',
    });
    const appeared = reprofilingNeed({ targetOccupation: null }, { kldbCode: null, title: 'Koch' });
    expect(appeared).toMatchObject({
      needed: true,
      reason: expect.stringContaining('ohne Zielberuf erstellt'),
    });
    const gone = reprofilingNeed({ targetOccupation: WAREHOUSE }, null);
    expect(gone).toMatchObject({ needed: true, reason: expect.stringContaining('keinen Zielberuf mehr') });
  });
});
