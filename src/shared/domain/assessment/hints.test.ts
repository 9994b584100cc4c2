import { describe, expect, it } from 'vitest';
import type { Assessment } from './assessment';
import { defaultCriteriaCatalogue as catalogue } from './criteria';
import { assessmentHints, type HintCode } from './hints';
import { assessmentFixture, entryFixture } from './test-fixtures';

const entry = entryFixture;
const assessment = (patch: Partial<Assessment>): Assessment =>
  assessmentFixture({
    targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
    ...patch,
  });

const codes = (a: Assessment, profile?: Parameters<typeof assessmentHints>[2]): HintCode[] =>
  assessmentHints(a, catalogue, profile).map((h) => h.code);

const strength = { text: 'Kann gut mit Menschen', competenceClass: 'socialCommunicative' as const };
const need = { focus: 'Konflikte im Team' };

describe('contradiction hints', () => {
  it('a criterion with strength and need but no note points to the criterion', () => {
    const hints = assessmentHints(
      assessment({ entries: [entry('social-behaviour', { strength, need })] }),
      catalogue,
    );
    expect(hints).toEqual([
      {
        code: 'STRENGTH_AND_NEED_WITHOUT_NOTE',
        criterionId: 'social-behaviour',
        keyFactor: 'performance',
        message:
          'Beim Merkmal „Sozialverhalten“ sind eine Stärke und ein Handlungsbedarf erfasst, aber kein Vermerk. Bitte kurz erläutern, wie beides zusammenpasst.',
      },
    ]);
    expect(
      codes(
        assessment({
          entries: [
            entry('social-behaviour', { strength, need, note: 'Im Kundenkontakt stark, im Team Reibung.' }),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('forecast within 12 months with needs in all four key factors', () => {
    const a = assessment({
      integrationForecast: 'within12Months',
      dominantKeyFactor: 'qualification',
      entries: [
        entry('german-language', { need }),
        entry('resilience', { need }),
        entry('flexibility', { need }),
        entry('mobility', { need }),
      ],
    });
    expect(codes(a)).toEqual(['FORECAST_WITHIN_12_MONTHS_WITH_NEEDS_EVERYWHERE']);
  });

  it('forecast beyond 12 months without any need', () => {
    expect(
      codes(
        assessment({ integrationForecast: 'beyond12Months', entries: [entry('mobility', { strength })] }),
      ),
    ).toEqual(['FORECAST_BEYOND_12_MONTHS_WITHOUT_NEEDS']);
  });

  it('Marktprofil with needs', () => {
    const a = assessment({ integrationForecast: 'within12Months', entries: [entry('mobility', { need })] });
    const hints = assessmentHints(a, catalogue, { profileSituation: 'market' });
    expect(hints.map((h) => h.code)).toEqual(['MARKET_PROFILE_WITH_NEEDS']);
    expect(hints[0]!.message).toContain(
      'Marktprofil, es sind aber Handlungsbedarfe in Rahmenbedingungen erfasst',
    );
    expect(codes(a, { profileSituation: 'promotion' })).toEqual([]);
  });

  it('Schwerpunkt without need, needs without Zielberuf', () => {
    const a = assessment({
      targetOccupation: null,
      dominantKeyFactor: 'motivation',
      entries: [entry('mobility', { need })],
    });
    const hints = assessmentHints(a, catalogue);
    expect(hints.map((h) => h.code)).toEqual(['DOMINANT_WITHOUT_NEED', 'NEEDS_WITHOUT_TARGET_OCCUPATION']);
    expect(hints[0]).toMatchObject({ keyFactor: 'motivation' });
  });

  it('functional limitations without expert opinion, and empty entries', () => {
    const a = assessment({
      entries: [
        entry('physical-health', {
          functionalLimitations: 'Kein Heben über 10 kg',
          evidenceSources: ['selfReport'],
        }),
        entry('mental-health', {
          functionalLimitations: 'Höchstens 6 Stunden täglich',
          evidenceSources: ['expertOpinionPartA'],
        }),
        entry('housing'),
        entry('unknown-criterion'),
      ],
    });
    const hints = assessmentHints(a, catalogue);
    expect(hints.map((h) => [h.code, h.criterionId])).toEqual([
      ['FUNCTIONAL_LIMITATIONS_WITHOUT_EXPERT_OPINION', 'physical-health'],
      ['ENTRY_WITHOUT_FINDING', 'housing'],
      ['ENTRY_WITHOUT_FINDING', 'unknown-criterion'],
    ]);
    expect(hints[2]).not.toHaveProperty('keyFactor');
    expect(hints[2]!.message).toContain('„unknown-criterion“');
  });

  it('a consistent assessment has no hints', () => {
    const a = assessment({
      integrationForecast: 'within12Months',
      entries: [entry('work-behaviour', { strength }), entry('mobility', { need })],
    });
    expect(assessmentHints(a, catalogue, { profileSituation: 'promotion' })).toEqual([]);
  });
});
