/**
 * The passphrase rules of the vault, shared by the renderer (live feedback) and main (enforcement).
 * A passphrase protects the data key of a laptop that may be lost: at least 12 characters, and a
 * strength estimated by zxcvbn-ts (guesses an attacker needs, with the common-password lists, the
 * German dictionary with first and last names, and the words of this Jobcenter's world: offices,
 * towns, frequent street names). Length beats symbols: a sentence is a good passphrase.
 * Pure (no Node, no DOM): the estimator is plain JavaScript.
 */
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as german from '@zxcvbn-ts/language-de';

export const MIN_PASSPHRASE_LENGTH = 12;
export const MAX_PASSPHRASE_LENGTH = 1024;
/** zxcvbn score a passphrase needs (3: about 10^8 guesses, "safely unguessable" online and slow offline). */
export const MIN_ACCEPTABLE_SCORE = 3;

export type PassphraseStrength = 0 | 1 | 2 | 3 | 4;

export interface PassphraseAssessment {
  readonly acceptable: boolean;
  readonly strength: PassphraseStrength;
  /** German label of the strength, e.g. "stark". */
  readonly label: string;
  /** German hints what would make it stronger; empty when nothing is missing. */
  readonly hints: readonly string[];
}

const LABELS: Record<PassphraseStrength, string> = {
  0: 'sehr schwach',
  1: 'schwach',
  2: 'mittel',
  3: 'stark',
  4: 'sehr stark',
};

/** Words of Lotse's world an attacker tries first: the organisation, its towns, common streets. */
export const LOTSE_WORDS: readonly string[] = [
  'jobcenter',
  'lotse',
  'nordsachsen',
  'sachsen',
  'oschatz',
  'delitzsch',
  'eilenburg',
  'torgau',
  'leipzig',
  'dresden',
  'elbe',
  'mulde',
  'arbeitsagentur',
  'bundesagentur',
  'integrationsfachkraft',
  'fallmanager',
  'buergergeld',
  'bürgergeld',
  'passwort',
  'kennwort',
  'geheim',
  'hauptstraße',
  'hauptstrasse',
  'bahnhofstraße',
  'bahnhofstrasse',
  'schulstraße',
  'schulstrasse',
  'gartenstraße',
  'gartenstrasse',
  'dorfstraße',
  'dorfstrasse',
  'bergstraße',
  'bergstrasse',
  'lindenstraße',
  'lindenstrasse',
  'kirchstraße',
  'kirchstrasse',
  'waldstraße',
  'waldstrasse',
  'ringstraße',
  'ringstrasse',
  'schillerstraße',
  'schillerstrasse',
  'goethestraße',
  'goethestrasse',
  'friedrich-ebert-straße',
  'karl-marx-straße',
  'leipziger straße',
  'dresdner straße',
  'markt',
  'marktplatz',
  'straße',
  'strasse',
  'weg',
  'platz',
];

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...german.dictionary, lotse: [...LOTSE_WORDS] },
  });
  return factory;
}

function hintsOf(result: ZxcvbnResult): string[] {
  const hints = new Set<string>();
  for (const m of result.sequence) {
    if (m.pattern === 'dictionary')
      hints.add('Vermeiden Sie einzelne Wörter, Namen und Orte wie „Jobcenter“, „Torgau“ oder Straßennamen.');
    else if (m.pattern === 'repeat') hints.add('Vermeiden Sie Wiederholungen wie „aaaa“ oder „1212“.');
    else if (m.pattern === 'sequence') hints.add('Vermeiden Sie Folgen wie „abcd“ oder „1234“.');
    else if (m.pattern === 'spatial') hints.add('Vermeiden Sie Tastaturmuster wie „qwertz“ oder „asdf“.');
    else if (m.pattern === 'date' || m.pattern === 'regex')
      hints.add('Vermeiden Sie Jahreszahlen und Daten wie „2026“.');
  }
  return [...hints];
}

/** Assesses a passphrase. Pure and fast enough to run on every keystroke. */
export function assessPassphrase(value: string): PassphraseAssessment {
  const hints: string[] = [];
  const length = [...value].length;

  if (length < MIN_PASSPHRASE_LENGTH) {
    hints.push(`Mindestens ${MIN_PASSPHRASE_LENGTH} Zeichen (noch ${MIN_PASSPHRASE_LENGTH - length}).`);
  }
  if (length > MAX_PASSPHRASE_LENGTH) hints.push(`Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.`);

  // The estimator's cost grows with the length; beyond 256 characters the first 256 decide.
  const result = length === 0 ? undefined : estimator().check([...value].slice(0, 256).join(''));
  let score: number = result?.score ?? 0;
  // One or two guessable parts and hardly anything else (a street and a house number or a
  // year, a word and a date) are never strong, whatever their length.
  if (result) {
    const guessable = result.sequence.filter((m) => m.pattern !== 'bruteforce');
    const rest = result.sequence
      .filter((m) => m.pattern === 'bruteforce')
      .reduce((n, m) => n + m.token.replace(/[\s\p{P}\p{S}]/gu, '').length, 0);
    if (guessable.length <= 2 && rest <= 3) score = Math.min(score, 2);
  }
  if (length < MIN_PASSPHRASE_LENGTH) score = Math.min(score, length >= 8 ? 1 : 0);
  const strength = Math.max(0, Math.min(4, score)) as PassphraseStrength;
  if (result && strength < MIN_ACCEPTABLE_SCORE) hints.push(...hintsOf(result));

  if (hints.length === 0 && strength < MIN_ACCEPTABLE_SCORE) {
    hints.push('Länger ist sicherer: ein kurzer Satz aus mehreren Wörtern ist gut zu merken.');
  }
  const acceptable =
    length >= MIN_PASSPHRASE_LENGTH && length <= MAX_PASSPHRASE_LENGTH && strength >= MIN_ACCEPTABLE_SCORE;
  return { acceptable, strength, label: LABELS[strength], hints };
}
