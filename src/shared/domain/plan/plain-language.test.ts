import { describe, expect, it } from 'vitest';
import '../../validation';
import { ResourceDataError } from '../common/resource-data';
import {
  defaultPlainLanguage,
  parsePlainLanguage,
  plainLanguageHints,
  planPlainLanguageHints,
} from './plain-language';
import { printablePlan } from './plan-fixtures';

const kinds = (text: string) => plainLanguageHints(text).map((h) => h.kind);

describe('plain-language hints', () => {
  it('a short, active, plain sentence gets no hint', () => {
    expect(plainLanguageHints('Sie schicken uns jeden Monat vier Bewerbungen.')).toEqual([]);
    expect(plainLanguageHints('')).toEqual([]);
  });

  it('long sentences: counts words per sentence; abbreviations do not end a sentence', () => {
    const long =
      'Sie bewerben sich in den nächsten Wochen bei mehreren Firmen in Torgau und Umgebung auf Stellen im Lager und in der Kommissionierung mit Ihrem neuen Lebenslauf.';
    const [hint] = plainLanguageHints(long);
    expect(hint).toMatchObject({ kind: 'long-sentence', excerpt: 'Sie bewerben sich in den nächsten …' });
    expect(hint!.message).toContain('Der Satz hat 26 Wörter');
    expect(kinds('Sie lernen z. B. Excel. Dann schreiben Sie Bewerbungen.')).toEqual([]);
    expect(kinds('Kurz.\nAuch kurz.')).toEqual([]);
  });

  it('long compound words, but not hyphenated ones', () => {
    const hints = plainLanguageHints('Sie nehmen an der Kinderbetreuungskostenübernahmeberatung teil.');
    expect(hints.map((h) => [h.kind, h.excerpt])).toEqual([
      ['long-word', 'Kinderbetreuungskostenübernahmeberatung'],
    ]);
    expect(kinds('Sie gehen zur Kinderbetreuungs-Kosten-Beratung.')).toEqual([]);
  });

  it('passive voice: a form of werden with a participle; future tense is not passive', () => {
    expect(plainLanguageHints('Die Bewerbungen werden monatlich vorgelegt.')[0]).toMatchObject({
      kind: 'passive',
      excerpt: 'werden … vorgelegt',
    });
    expect(kinds('Der Lebenslauf wird gemeinsam überarbeitet.')).toEqual([]); // no ge-/be-/er- form: not found
    expect(kinds('Die Kosten werden erstattet.')).toEqual(['passive']);
    expect(kinds('Der Kurs wurde organisiert.')).toEqual(['passive']);
    expect(kinds('Sie werden im Lager arbeiten.')).toEqual([]);
  });

  it('jargon from the list, with the suggestion; longest term first, abbreviations as whole words', () => {
    const hints = plainLanguageHints(
      'Die Eingliederungsleistung wird ggf. zeitnah beim Maßnahmeträger beantragt.',
    );
    expect(hints.filter((h) => h.kind === 'jargon').map((h) => h.excerpt)).toEqual([
      'Eingliederungsleistung',
      'Maßnahmeträger',
      'zeitnah',
      'ggf.',
    ]);
    expect(hints.find((h) => h.excerpt === 'zeitnah')!.message).toBe(
      '„zeitnah“ ist Amtssprache. Vorschlag: bald – besser mit Datum.',
    );
    expect(kinds('Wir besprechen das mit Ihrer BG.')).toEqual(['jargon']);
    expect(kinds('Der Bgm. kommt.')).toEqual([]);
    expect(kinds('Die eLb kommt.')).toEqual(['jargon']);
  });

  it('per plan: names each free text with hints like the hand-over check does', () => {
    const plan = printablePlan({
      mainSteps: [
        { text: 'Gabelstaplerschein erwerben', dueOn: null, responsible: 'person' },
        { text: 'Ein Vermittlungsvorschlag wird zeitnah zugesandt.', dueOn: null, responsible: 'jobcenter' },
      ],
    });
    const hints = planPlainLanguageHints(plan);
    const step = hints.find((h) => h.field === 'mainSteps.1.text')!;
    expect(step.label).toBe('Schritt 2');
    expect(step.hints.map((h) => h.kind).sort()).toEqual(['jargon', 'jargon', 'long-word', 'passive']);
    expect(hints.some((h) => h.field === 'mainSteps.0.text')).toBe(false);
  });

  it('the jargon list is data: a duplicated term or a bad limit fails naming the file', () => {
    const copy = structuredClone(defaultPlainLanguage);
    copy.jargon.push({ ...copy.jargon[0]!, id: 'noch-einmal' });
    expect(() => parsePlainLanguage(copy)).toThrow(ResourceDataError);
    expect(() => parsePlainLanguage(copy)).toThrow(/plan\/plain-language\.json[\s\S]*Eingliederung/);
    expect(() => parsePlainLanguage({ ...defaultPlainLanguage, maxSentenceWords: 2 })).toThrow(
      ResourceDataError,
    );
  });
});
