import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createAssessment,
  recordEntry,
  setDominantKeyFactor,
  setIntegrationForecast,
  type Assessment,
} from './assessment';
import { defaultCriteriaCatalogue as catalogue } from './criteria';
import {
  defaultProfileDecisionTable,
  parseProfileDecisionTable,
  PROFILE_OUTCOME_LABELS,
  PROFILE_OUTCOMES,
  type ProfileOutcome,
} from './profile-decision-table';
import {
  clearProfileOverride,
  decideProfileSituation,
  deriveProfileSituation,
  describeProfileDecision,
  effectiveProfileSituation,
  normalizeProfileInputs,
  overrideProfileSituation,
  profileInputsOf,
  profileSituationDecisionSchema,
  type ProfileInputs,
} from './profile-situation';
import { KEY_FACTOR_IDS, type IntegrationForecast, type KeyFactorId } from './vocabulary';

const IN = 'within12Months';
const OUT = 'beyond12Months';

const inputs = (
  forecast: IntegrationForecast | null,
  needs: KeyFactorId[],
  dominant: KeyFactorId | null = null,
): ProfileInputs => ({
  integrationForecast: forecast,
  keyFactorsWithNeeds: needs,
  dominantKeyFactor: dominant,
});

const Q = 'qualification';
const P = 'performance';
const M = 'motivation';
const R = 'frameworkConditions';

describe('Profillage derivation: one case per row of the default table', () => {
  const cases: [string, ProfileInputs, ProfileOutcome, string][] = [
    ['no needs, within 12 months', inputs(IN, []), 'market', 'market-profile'],
    ['only Motivation', inputs(IN, [M]), 'activation', 'activation-profile'],
    ['Schwerpunkt Motivation among others', inputs(IN, [Q, M], M), 'activation', 'activation-profile'],
    ['need in Leistungsfähigkeit', inputs(IN, [P]), 'promotion', 'promotion-profile'],
    ['several needs without Schwerpunkt', inputs(IN, [Q, M]), 'promotion', 'promotion-profile'],
    [
      'Schwerpunkt Qualifikation within 12 months',
      inputs(IN, [Q, P, M, R], Q),
      'promotion',
      'promotion-profile',
    ],
    [
      'Schwerpunkt Leistungsfähigkeit + two more',
      inputs(OUT, [P, M, R], P),
      'stabilization',
      'stabilization-profile',
    ],
    ['Schwerpunkt Rahmenbedingungen + two more', inputs(OUT, [Q, P, R], R), 'support', 'support-profile'],
    [
      'Schwerpunkt Qualifikation, many needs',
      inputs(OUT, [Q, P, M, R], Q),
      'development',
      'development-profile-qualification',
    ],
    ['one need beyond 12 months', inputs(OUT, [M]), 'development', 'development-profile-few-needs'],
    [
      'two needs, Schwerpunkt Leistungsfähigkeit',
      inputs(OUT, [P, R], P),
      'development',
      'development-profile-few-needs',
    ],
    ['no needs beyond 12 months', inputs(OUT, []), 'none', 'beyond-12-months-without-needs'],
    [
      'three needs, Schwerpunkt Motivation',
      inputs(OUT, [Q, P, M], M),
      'none',
      'many-needs-without-matching-focus',
    ],
    ['four needs, no Schwerpunkt', inputs(OUT, [Q, P, M, R]), 'none', 'many-needs-without-matching-focus'],
  ];

  it.each(cases)('%s → %s', (_name, given, expected, rowId) => {
    const derived = deriveProfileSituation(given);
    expect(derived).toMatchObject({
      result: expected,
      basis: 'row',
      rowId,
      tableVersion: defaultProfileDecisionTable.version,
    });
    expect(derived.explanation.startsWith(`${PROFILE_OUTCOME_LABELS[expected]}, weil Zeile `)).toBe(true);
    // the row by its number in the table, not by its technical id
    const row = defaultProfileDecisionTable.rows.findIndex((r) => r.id === rowId) + 1;
    expect(derived.explanation).toContain(`Zeile ${row} der Entscheidungstabelle (Stand 01/2026)`);
    expect(derived.explanation).not.toContain(rowId);
  });

  it('every row of the default table is exercised above', () => {
    const rows = new Set(cases.map((c) => c[3]));
    expect(defaultProfileDecisionTable.rows.map((r) => r.id).filter((id) => !rows.has(id))).toEqual([]);
  });

  it('explains which row matched, which conditions held and what the inputs were', () => {
    expect(deriveProfileSituation(inputs(OUT, [R, M, P], P)).explanation).toBe(
      'Stabilisierungsprofil, weil Zeile 4 der Entscheidungstabelle (Stand 01/2026) als erste zutrifft. ' +
        'Komplex: Schwerpunkt Leistungsfähigkeit und Handlungsbedarfe in mindestens zwei weiteren Schlüsselgrößen. ' +
        'Erfüllte Bedingungen: Integration nicht innerhalb von 12 Monaten erwartet; Anzahl der Schlüsselgrößen mit Handlungsbedarf: mindestens 3; Schwerpunkt: Leistungsfähigkeit. ' +
        'Eingaben – Integrationsprognose: Integration nicht innerhalb von 12 Monaten erwartet; Handlungsbedarfe in: Leistungsfähigkeit, Motivation und Rahmenbedingungen (3 Schlüsselgrößen); Schwerpunkt: Leistungsfähigkeit.',
    );
    expect(deriveProfileSituation(inputs(IN, [M])).explanation).toContain(
      'Schwerpunkt: Motivation (einzige Schlüsselgröße mit Handlungsbedarf)',
    );
    expect(deriveProfileSituation(inputs(IN, [])).explanation).toContain(
      'Handlungsbedarfe in: keine; Schwerpunkt: keiner',
    );
  });

  it('ignores a chosen Schwerpunkt without need, and says so', () => {
    const derived = deriveProfileSituation(inputs(IN, [Q, P], M));
    expect(derived.result).toBe('promotion');
    expect(derived.explanation).toContain(
      'gewählt war Motivation, dort ist aber kein Handlungsbedarf erfasst',
    );
    expect(normalizeProfileInputs(inputs(IN, [Q, P], M)).combination?.dominant).toBe('none');
  });

  it('gives "keine Zuordnung" without a forecast', () => {
    const derived = deriveProfileSituation(inputs(null, [Q], Q));
    expect(derived).toMatchObject({ result: 'none', basis: 'missingForecast', rowId: null });
    expect(derived.explanation).toMatch(/^keine Zuordnung: Die Integrationsprognose fehlt\./);
    expect(derived.explanation).toContain('Integrationsprognose: fehlt');
  });

  it('uses the fallback of a table whose rows do not match', () => {
    const table = parseProfileDecisionTable({
      version: 'test',
      rows: [{ id: 'all', result: 'market', description: 'Alles Markt.', when: {} }],
      fallback: { result: 'none', description: 'Rückfall.' },
    });
    expect(deriveProfileSituation(inputs(OUT, [Q]), table).result).toBe('market');
    const empty = { ...table, rows: [] };
    const derived = deriveProfileSituation(inputs(OUT, [Q]), empty);
    expect(derived).toMatchObject({ result: 'none', basis: 'fallback', rowId: null });
    expect(derived.explanation).toContain('passt; es gilt die Rückfallregel. Rückfall.');
  });

  it('deduplicates and orders the key factors in the recorded inputs', () => {
    expect(deriveProfileSituation(inputs(IN, [R, Q, R])).inputs.keyFactorsWithNeeds).toEqual([Q, R]);
  });
});

describe('Profillage derivation is total', () => {
  const forecastArb = fc.constantFrom<IntegrationForecast | null>(IN, OUT, null);
  const keyFactorArb = fc.constantFrom<KeyFactorId>(...KEY_FACTOR_IDS);
  const inputsArb = fc.record({
    integrationForecast: forecastArb,
    keyFactorsWithNeeds: fc.array(keyFactorArb, { maxLength: 8 }),
    dominantKeyFactor: fc.option(keyFactorArb, { nil: null }),
  });

  it('property: every input yields exactly one outcome with a non-empty explanation', () => {
    fc.assert(
      fc.property(inputsArb, (given) => {
        const derived = deriveProfileSituation(given);
        expect(PROFILE_OUTCOMES).toContain(derived.result);
        expect(derived.explanation.trim().length).toBeGreaterThan(0);
        // the outcome first, then the reason (a row, the fallback, or the missing forecast)
        expect(
          [':', ','].some((mark) =>
            derived.explanation.startsWith(`${PROFILE_OUTCOME_LABELS[derived.result]}${mark}`),
          ),
        ).toBe(true);
        // Deterministic: the same input gives the same single answer.
        expect(deriveProfileSituation(given)).toEqual(derived);
        // With a forecast, a row of the default table always decides (the fallback is never needed).
        if (given.integrationForecast !== null) {
          expect(derived.basis).toBe('row');
          const row = defaultProfileDecisionTable.rows.find((r) => r.id === derived.rowId);
          expect(row?.result).toBe(derived.result);
        } else {
          expect(derived.basis).toBe('missingForecast');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('exhaustively: 3 forecasts × 16 need sets × 5 Schwerpunkt choices', () => {
    const seen = new Map<ProfileOutcome, number>();
    let count = 0;
    for (const forecast of [IN, OUT, null] as const) {
      for (let mask = 0; mask < 16; mask += 1) {
        const needs = KEY_FACTOR_IDS.filter((_, i) => (mask & (1 << i)) !== 0);
        for (const dominant of [null, ...KEY_FACTOR_IDS]) {
          const derived = deriveProfileSituation(inputs(forecast, needs, dominant));
          expect(PROFILE_OUTCOMES).toContain(derived.result);
          expect(derived.explanation.length).toBeGreaterThan(0);
          expect(derived.basis).toBe(forecast === null ? 'missingForecast' : 'row');
          seen.set(derived.result, (seen.get(derived.result) ?? 0) + 1);
          count += 1;
        }
      }
    }
    expect(count).toBe(240);
    expect([...seen.keys()].sort()).toEqual([...PROFILE_OUTCOMES].sort());
  });
});

describe('Profillage decision and override', () => {
  function assessment(): Assessment {
    let a = createAssessment({
      id: 'pa-1',
      caseId: 'c-1',
      createdOn: '2026-03-02',
      createdBy: 'ifk-1',
      catalogue,
    });
    const rec = (criterionId: string, need: string) => {
      const r = recordEntry(
        a,
        {
          criterionId,
          need: { focus: need },
          evidenceSources: ['conversation'],
          recordedOn: '2026-03-02',
          recordedBy: 'ifk-1',
        },
        catalogue,
      );
      if (!r.ok) throw new Error(r.error.message);
      a = r.value;
    };
    rec('mobility', 'Kein Führerschein');
    rec('resilience', 'Schichtarbeit nur eingeschränkt');
    rec('willingness-to-work', 'Bewerbungen stocken');
    const f = setIntegrationForecast(a, OUT);
    if (!f.ok) throw new Error();
    const d = setDominantKeyFactor(f.value, 'performance');
    if (!d.ok) throw new Error();
    return d.value;
  }

  const at = '2026-03-02T10:15:00Z';

  it('reads the inputs from the assessment', () => {
    expect(profileInputsOf(assessment(), catalogue)).toEqual({
      integrationForecast: OUT,
      keyFactorsWithNeeds: [P, M, R],
      dominantKeyFactor: P,
    });
  });

  it('records the derived value, who and when', () => {
    const decision = decideProfileSituation(assessment(), { catalogue, by: 'ifk-1', at });
    expect(decision).toMatchObject({
      assessmentId: 'pa-1',
      assessmentVersion: 1,
      derived: { result: 'stabilization', rowId: 'stabilization-profile' },
      derivedBy: 'ifk-1',
      derivedAt: at,
      override: null,
    });
    expect(profileSituationDecisionSchema.parse(decision)).toEqual(decision);
    expect(effectiveProfileSituation(decision)).toBe('stabilization');
    expect(describeProfileDecision(decision)).toBe('Profillage: Stabilisierungsprofil (abgeleitet).');
  });

  it('overrides with a mandatory reason and keeps derived value, override, reason, who and when', () => {
    const decision = decideProfileSituation(assessment(), {
      catalogue,
      table: defaultProfileDecisionTable,
      by: 'ifk-1',
      at,
    });
    const refused = overrideProfileSituation(decision, { value: 'support', reason: '   ', by: 'ifk-1', at });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'REASON_REQUIRED', message: 'Eine abweichende Profillage braucht eine Begründung.' },
    });
    const result = overrideProfileSituation(decision, {
      value: 'support',
      reason: ' Wohnungsverlust droht, Rahmenbedingungen überwiegen ',
      by: 'ifk-2',
      at: '2026-03-03T08:00:00Z',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const overridden = result.value;
    expect(overridden.derived).toEqual(decision.derived);
    expect(overridden.override).toEqual({
      value: 'support',
      reason: 'Wohnungsverlust droht, Rahmenbedingungen überwiegen',
      by: 'ifk-2',
      at: '2026-03-03T08:00:00Z',
    });
    expect(effectiveProfileSituation(overridden)).toBe('support');
    expect(describeProfileDecision(overridden)).toBe(
      'Profillage: Unterstützungsprofil (manuell festgelegt; abgeleitet war Stabilisierungsprofil). Begründung: Wohnungsverlust droht, Rahmenbedingungen überwiegen',
    );
    expect(profileSituationDecisionSchema.parse(overridden)).toEqual(overridden);
    expect(clearProfileOverride(overridden)).toEqual(decision);
  });

  it('refuses an override equal to the derived value or with invalid who/when', () => {
    const decision = decideProfileSituation(assessment(), { catalogue, by: 'ifk-1', at });
    expect(
      overrideProfileSituation(decision, { value: 'stabilization', reason: 'x', by: 'ifk-1', at }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SAME_AS_DERIVED' },
    });
    const invalid = overrideProfileSituation(decision, {
      value: 'none',
      reason: 'x',
      by: 'ifk 1',
      at: 'gestern',
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!invalid.ok) {
      expect(invalid.error.problems).toEqual([
        'by: Die Kennung darf nur Buchstaben, Ziffern, - und _ enthalten.',
        'at: Bitte einen Zeitpunkt im Format JJJJ-MM-TTThh:mm:ssZ angeben.',
      ]);
    }
  });
});
