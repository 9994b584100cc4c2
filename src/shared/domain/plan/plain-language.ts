/**
 * Plain-language hints for the free texts of the Kooperationsplan while they are written: long
 * sentences, long compound words, passive voice and office jargon (the list with suggestions is
 * data in resources/plan/plain-language.json, revised by Fachadministration). Hints never block:
 * the plan is meant to be read by the person (§ 15 Abs. 2: in verständlicher Sprache).
 */
import { z } from 'zod';
import { duplicateIds, parseResource, ResourceDataError } from '../common/resource-data';
import type { CooperationPlan } from './cooperation-plan';
import { planFreeTexts } from './plan-health';
import data from '../../../../resources/plan/plain-language.json' with { type: 'json' };

const text = z.string().trim().min(1, { message: 'Text fehlt.' });
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  message: 'Die id besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.',
});

export const plainLanguageDocumentSchema = z.object({
  version: text,
  maxSentenceWords: z.number().int().min(8).max(40),
  maxWordLetters: z.number().int().min(12).max(40),
  jargon: z.array(z.object({ id: slug, term: text, suggestion: text })).min(1),
});
export type PlainLanguageDocument = z.output<typeof plainLanguageDocumentSchema>;
export const PLAIN_LANGUAGE_SOURCE = 'plan/plain-language.json';

export function parsePlainLanguage(input: unknown, source = PLAIN_LANGUAGE_SOURCE): PlainLanguageDocument {
  const doc = parseResource(plainLanguageDocumentSchema, input, source);
  const problems = duplicateIds(doc.jargon).map((p) => `jargon › ${p}`);
  const seen = new Map<string, string>();
  for (const j of doc.jargon) {
    const key = j.term.toLowerCase();
    if (seen.has(key))
      problems.push(`jargon › id "${j.id}": der Begriff „${j.term}“ steht schon bei "${seen.get(key)}"`);
    seen.set(key, j.id);
  }
  if (problems.length > 0) throw new ResourceDataError(source, problems);
  return doc;
}

export const defaultPlainLanguage: PlainLanguageDocument = parsePlainLanguage(data);
export const plainLanguageResourceParsers: Record<string, (input: unknown, source: string) => unknown> = {
  [PLAIN_LANGUAGE_SOURCE]: parsePlainLanguage,
};

export const HINT_KINDS = ['long-sentence', 'long-word', 'passive', 'jargon'] as const;
export type HintKind = (typeof HINT_KINDS)[number];

export interface PlainLanguageHint {
  readonly kind: HintKind;
  /** The words the hint is about (the word, the term, the start of the sentence). */
  readonly excerpt: string;
  readonly message: string;
}

const WORD = /[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*/gu;
const WERDEN = new Set(['wird', 'werden', 'wurde', 'wurden', 'worden', 'wirst', 'werde', 'würde', 'würden']);
/** Participles: lowercase words with ge- (also after a separable prefix), or -iert, or with an inseparable prefix ending in -t. */
const PARTICIPLE = /^(\p{Ll}{0,6}ge\p{Ll}{2,}(t|en)|\p{Ll}+iert|(be|er|ver|ent|zer)\p{Ll}{2,}t)$/u;

/** Sentences of a text (ends at . ! ? ; or a line break; abbreviations like "z. B." do not end one). */
function sentences(value: string): string[] {
  return value
    .replace(/\b(z|d|u|o|v|s|ggf|bzw|bzgl|ca|evtl|Nr|Abs|Str|inkl|usw)\.(\s*[a-zA-Z]\.)?/g, (m) =>
      m.replaceAll('.', '\u2024'),
    )
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const compiled = new WeakMap<PlainLanguageDocument, { term: string; suggestion: string; re: RegExp }[]>();
function jargonPatterns(doc: PlainLanguageDocument) {
  let list = compiled.get(doc);
  if (!list) {
    list = doc.jargon.map((j) => {
      const escaped = j.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const caseSensitive = j.term === j.term.toUpperCase() || /^[a-z]+[A-Z]/.test(j.term);
      // a word that starts with the term (so compounds and inflected forms are found)
      return {
        term: j.term,
        suggestion: j.suggestion,
        re: new RegExp(
          `(?<![\\p{L}])${escaped}${caseSensitive || j.term.endsWith('.') ? '(?![\\p{L}])' : ''}`,
          caseSensitive ? 'u' : 'iu',
        ),
      };
    });
    compiled.set(doc, list);
  }
  return list;
}

/** The hints for one free text, in reading order per kind: sentences, words, passive, jargon. */
export function plainLanguageHints(
  value: string,
  doc: PlainLanguageDocument = defaultPlainLanguage,
): PlainLanguageHint[] {
  const hints: PlainLanguageHint[] = [];
  for (const sentence of sentences(value)) {
    const words = sentence.match(WORD) ?? [];
    if (words.length > doc.maxSentenceWords) {
      hints.push({
        kind: 'long-sentence',
        excerpt: `${words.slice(0, 6).join(' ')} …`,
        message: `Der Satz hat ${words.length} Wörter. Kürzere Sätze (höchstens ${doc.maxSentenceWords} Wörter) sind leichter zu verstehen.`,
      });
    }
    const lower = words.map((w) => w.toLowerCase());
    const aux = lower.findIndex((w) => WERDEN.has(w));
    if (aux >= 0) {
      const participle = words.slice(aux + 1).find((w) => PARTICIPLE.test(w));
      if (participle) {
        hints.push({
          kind: 'passive',
          excerpt: `${words[aux]} … ${participle}`,
          message: `Passiv („${words[aux]} … ${participle}“): Bitte sagen, wer etwas tut, z. B. „Sie schicken …“ oder „Wir zahlen …“.`,
        });
      }
    }
  }
  const longWords = new Set<string>();
  for (const w of value.match(WORD) ?? []) {
    const letters = w.replace(/[^\p{L}]/gu, '');
    if (!w.includes('-') && letters.length > doc.maxWordLetters) longWords.add(w);
  }
  for (const w of longWords) {
    hints.push({
      kind: 'long-word',
      excerpt: w,
      message: `„${w}“ ist ein sehr langes Wort. Besser mit Bindestrich trennen oder umschreiben.`,
    });
  }
  // longest terms first; a shorter term inside a word a longer one matched is not reported again
  const taken: number[] = [];
  for (const j of [...jargonPatterns(doc)].sort((a, b) => b.term.length - a.term.length)) {
    const m = j.re.exec(value);
    if (m && !taken.includes(m.index)) {
      taken.push(m.index);
      hints.push({
        kind: 'jargon',
        excerpt: j.term,
        message: `„${j.term}“ ist Amtssprache. Vorschlag: ${j.suggestion}.`,
      });
    }
  }
  return hints;
}

/** Hints for every free text of the plan that has any, named like the hand-over check names them. */
export function planPlainLanguageHints(
  plan: CooperationPlan,
  doc: PlainLanguageDocument = defaultPlainLanguage,
): { field: string; label: string; hints: PlainLanguageHint[] }[] {
  return planFreeTexts(plan)
    .map((t) => ({ field: t.field, label: t.label, hints: plainLanguageHints(t.text, doc) }))
    .filter((t) => t.hints.length > 0);
}
