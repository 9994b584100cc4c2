import { describe, expect, it } from 'vitest';
import data from '../../../../resources/measures/catalogue.json' with { type: 'json' };
import { ResourceDataError } from '../common/resource-data';
import {
  defaultMeasureCatalogue,
  findCatalogueEntry,
  MEASURE_CATALOGUE_SOURCE,
  measureResourceParsers,
} from './catalogue';
import {
  MEASURE_CATEGORIES,
  MEASURE_CATEGORY_LABELS,
  parseMeasureCatalogue,
  RULE_TYPES,
} from './catalogue.schema';

const SOURCE = MEASURE_CATALOGUE_SOURCE;

type Json = Record<string, unknown> & { entries: Record<string, unknown>[] };
const clone = (): Json => structuredClone(data) as unknown as Json;
const entryIndex = (doc: Json, id: string) => doc.entries.findIndex((e) => e.id === id);
const entry = (doc: Json, id: string) =>
  doc.entries[entryIndex(doc, id)] as Record<string, unknown> & { rules: unknown[] };

function problemsOf(doc: unknown): string {
  try {
    parseMeasureCatalogue(doc, SOURCE);
  } catch (error) {
    expect(error).toBeInstanceOf(ResourceDataError);
    return (error as ResourceDataError).message;
  }
  throw new Error('expected the catalogue to be rejected');
}

describe('the shipped catalogue', () => {
  it('validates and is versioned', () => {
    expect(() => parseMeasureCatalogue(data, SOURCE)).not.toThrow();
    expect(defaultMeasureCatalogue.version).toBe('2026.2');
    expect(measureResourceParsers['measures/catalogue.json']?.(data, SOURCE)).toEqual(
      defaultMeasureCatalogue,
    );
  });

  it('ships the entries the domain lists', () => {
    const ids = defaultMeasureCatalogue.entries.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'aktivierung-45',
        'mag',
        'agh',
        'evl-16e',
        'teilhabe-16i',
        'junge-menschen-16h',
        'einstiegsgeld-16b',
        'nachbetreuung-16g',
        'coaching-16k',
        'vermittlungsbudget-44',
        'egz-88',
        'kommunal-kinderbetreuung-pflege',
        'kommunal-schuldnerberatung',
        'kommunal-psychosoziale-betreuung',
        'kommunal-suchtberatung',
        'fbw-bildungsgutschein',
        'berufliche-reha',
        'integrationskurs',
        'berufssprachkurs',
        'job-bsk',
        'juventus',
        'tandem-sachsen',
        'schritt-fuer-schritt',
        'wir-machen-das',
        'gkv-gesundheitskurse',
        'jobfabrik-workshops',
        'jobcafe',
      ]),
    );
  });

  it('makes FbW and berufliche Reha referrals and keeps § 16a and voluntary offers free of Rechtsfolgenbelehrung', () => {
    for (const e of defaultMeasureCatalogue.entries) {
      const referral = e.id === 'fbw-bildungsgutschein' || e.id === 'berufliche-reha';
      expect(e.kind, e.id).toBe(referral ? 'referral' : 'assignment');
      if (e.category === 'municipal' || e.voluntary)
        expect(e.legalConsequencesNoticeAllowed, e.id).toBe(false);
      expect(e.rules.length + (e.validFrom || e.validTo ? 1 : 0), e.id).toBeGreaterThan(0);
    }
    expect(findCatalogueEntry(defaultMeasureCatalogue, 'coaching-16k')?.voluntary).toBe(true);
    expect(findCatalogueEntry(defaultMeasureCatalogue, 'nope')).toBeUndefined();
  });

  it('keeps "Schritt für Schritt" with its validity 01.04.2024–30.09.2025', () => {
    const e = findCatalogueEntry(defaultMeasureCatalogue, 'schritt-fuer-schritt');
    expect([e?.validFrom, e?.validTo]).toEqual(['2024-04-01', '2025-09-30']);
  });

  it('labels every category', () => {
    for (const c of MEASURE_CATEGORIES) expect(MEASURE_CATEGORY_LABELS[c]).toBeTruthy();
    expect(RULE_TYPES).toContain('maxCumulativeMonthsInWindow');
  });
});

describe('malformed catalogues fail with the file and the entry id', () => {
  it('a missing field', () => {
    const doc = clone();
    delete entry(doc, 'agh').legalBasis;
    const message = problemsOf(doc);
    expect(message).toContain(SOURCE);
    expect(message).toContain('Eintrag 3 (id "agh") › legalBasis: Bitte die Rechtsgrundlage angeben.');
  });

  it('a bad date', () => {
    const doc = clone();
    entry(doc, 'juventus').validFrom = '2025-02-30';
    expect(problemsOf(doc)).toMatch(/id "juventus"\) › validFrom: Bitte ein gültiges Datum/);
  });

  it('a duplicate id', () => {
    const doc = clone();
    entry(doc, 'jobcafe').id = 'mag';
    expect(problemsOf(doc)).toMatch(/\(id "mag"\) › id: Die id "mag" ist doppelt vergeben\./);
  });

  it('a duplicate id and an unknown reference together with other errors', () => {
    const doc = clone();
    entry(doc, 'jobcafe').id = 'mag';
    delete entry(doc, 'juventus').title;
    (entry(doc, 'agh').rules[1] as { measureIds: string[] }).measureIds = ['agh-alt'];
    const message = problemsOf(doc);
    expect(message).toMatch(/id "juventus"\) › title: Bitte den Titel angeben\./);
    expect(message).toMatch(/\(id "mag"\) › id: Die id "mag" ist doppelt vergeben\./);
    expect(message).toMatch(/id "agh"\) › rules › Eintrag 2 › measureIds: .*"agh-alt"/);
  });

  it('an unknown rule type', () => {
    const doc = clone();
    entry(doc, 'mag').rules.push({ type: 'maxDurationYears', years: 1, ref: '§ 45 SGB III' });
    expect(problemsOf(doc)).toMatch(
      /id "mag"\) › rules › Eintrag 3 › type: Unbekannter Regeltyp "maxDurationYears"/,
    );
  });

  it('a rule without type, an unknown field and an unknown flag', () => {
    const doc = clone();
    entry(doc, 'mag').rules.push({ years: 1, ref: 'x' });
    entry(doc, 'agh').colour = 'rot';
    entry(doc, 'tandem-sachsen').rules.push({ type: 'requiresFlag', flag: 'hasCar', ref: 'x' });
    const message = problemsOf(doc);
    expect(message).toContain('Der Regel fehlt der Typ (type)');
    expect(message).toMatch(/id "agh"\): Unbekanntes Feld: colour/);
    expect(message).toMatch(/id "tandem-sachsen"\) › rules › Eintrag 3 › flag: Unbekanntes Merkmal "hasCar"/);
  });

  it('validTo before validFrom', () => {
    const doc = clone();
    entry(doc, 'schritt-fuer-schritt').validTo = '2024-03-31';
    expect(problemsOf(doc)).toMatch(
      /id "schritt-fuer-schritt"\) › validTo: Das Ende der Gültigkeit \(2024-03-31\) liegt vor/,
    );
  });

  it('a rule referencing an unknown measure id', () => {
    const doc = clone();
    (entry(doc, 'agh').rules[1] as { measureIds: string[] }).measureIds = ['agh', 'agh-alt'];
    expect(problemsOf(doc)).toMatch(
      /id "agh"\) › rules › Eintrag 2 › measureIds: .*unbekannte Maßnahme "agh-alt"/,
    );
  });

  it('inconsistent entries: referral without decider, voluntary or § 16a with Rechtsfolgenbelehrung, duration mismatch', () => {
    const doc = clone();
    entry(doc, 'fbw-bildungsgutschein').referralTo = null;
    entry(doc, 'mag').referralTo = 'Agentur';
    entry(doc, 'coaching-16k').legalConsequencesNoticeAllowed = true;
    entry(doc, 'kommunal-suchtberatung').legalConsequencesNoticeAllowed = true;
    entry(doc, 'einstiegsgeld-16b').maxDuration = { amount: 12, unit: 'months' };
    entry(doc, 'juventus').rules.push({ type: 'duration', unit: 'months', max: 6, ref: 'x' });
    const message = problemsOf(doc);
    expect(message).toMatch(/id "fbw-bildungsgutschein"\) › referralTo: Eine Überleitung nennt/);
    expect(message).toMatch(/id "mag"\) › referralTo: referralTo gilt nur für Überleitungen/);
    expect(message).toMatch(/id "coaching-16k"\) › legalConsequencesNoticeAllowed: Ein freiwilliges Angebot/);
    expect(message).toMatch(/id "kommunal-suchtberatung"\) › legalConsequencesNoticeAllowed: Kommunale/);
    expect(message).toMatch(/id "einstiegsgeld-16b"\) › maxDuration: maxDuration muss der längsten Dauer/);
    expect(message).toMatch(/id "juventus"\) › rules: Höchstens eine Regel vom Typ "duration"/);
  });

  it('inconsistent rules', () => {
    const doc = clone();
    const rules = entry(doc, 'jobcafe').rules;
    rules.push(
      { type: 'benefitMonthsInWindow', months: 90, windowYears: 7, reducedMonths: 95, ref: 'x' },
      {
        type: 'maxCumulativeMonthsInWindow',
        measureIds: ['agh'],
        months: 24,
        windowYears: 5,
        window: 'sliding',
        extensionMonths: 12,
        ref: 'x',
      },
      {
        type: 'duration',
        unit: 'weeks',
        max: 6,
        min: 8,
        extensions: [{ max: 4, minAge: 50 }, { max: 12 }],
        ref: 'x',
      },
      { type: 'teachingUnits', min: 200, max: 100, ref: 'x' },
    );
    const message = problemsOf(doc);
    expect(message).toContain('reducedMonths und reducedIf gehören zusammen.');
    expect(message).toContain('Die verringerte Zahl darf nicht größer sein als die reguläre.');
    expect(message).toContain('Es können nicht mehr Monate verlangt werden, als der Zeitraum hat.');
    expect(message).toContain('extensionMonths und extensionRequires gehören zusammen.');
    expect(message).toContain('Eine Verlängerung braucht eine Bedingung');
    const doc2 = clone();
    entry(doc2, 'jobcafe').rules.push(
      { type: 'duration', unit: 'weeks', max: 6, min: 8, extensions: [{ max: 4, minAge: 50 }], ref: 'x' },
      { type: 'teachingUnits', min: 200, max: 100, ref: 'x' },
    );
    entry(doc2, 'jobcafe').maxDuration = { amount: 6, unit: 'weeks' };
    const message2 = problemsOf(doc2);
    expect(message2).toContain('Die Mindestdauer ist größer als die Höchstdauer.');
    expect(message2).toContain('Eine Verlängerung muss länger sein als die reguläre Höchstdauer.');
    expect(message2).toContain('Die Mindestzahl ist größer als die Höchstzahl.');
  });

  it('a bad version, an empty catalogue and a non-object', () => {
    expect(problemsOf({ ...clone(), version: '2026-2' })).toContain(
      'version: Die Version hat die Form JJJJ.N',
    );
    expect(problemsOf({ ...clone(), entries: [] })).toContain(
      'Der Katalog braucht mindestens einen Eintrag.',
    );
    expect(problemsOf(null)).toContain(SOURCE);
  });
});
