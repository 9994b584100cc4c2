/**
 * Sampled case audit (issue 15 item 2): per caseworker and quarter the team lead draws a sample of
 * the caseworker's cases, at random or stratified by the quality rules, and judges each drawn case
 * along a rubric built from the rules. The draw is reproducible: the same seed and the same
 * caseload (in any order) give the same cases, so a recorded sample can be checked afterwards.
 * Pure: no clock, no Math.random (the seed is given).
 */
import { fnv1a, seededRandom } from '../common/seeded';
import { z } from 'zod';
import { dateInBerlin, type IsoDate } from '../common/dates';
import type { QualityFinding, QualityRulesDocument } from './quality-rules';

// ---------------------------------------------------------------- quarters (Berlin time)

/** 'JJJJ-Qn', e.g. '2026-Q4'. */
export type Quarter = string & { readonly __quarter?: never };
const QUARTER = /^(\d{4})-Q([1-4])$/;

export const quarterSchema = z
  .string({ error: 'Bitte ein Quartal angeben.' })
  .regex(QUARTER, { message: 'Bitte ein Quartal im Format JJJJ-Qn angeben (z. B. 2026-Q4).' });

/** The quarter of a calendar date. */
export function quarterOfDate(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter an instant falls in at the offices (Europe/Berlin): 31.12. 23:30 UTC is already Q1. */
export function quarterInBerlin(instant: Date): Quarter {
  return quarterOfDate(dateInBerlin(instant));
}

/** First and last day of a quarter. */
export function quarterRange(q: Quarter): { from: IsoDate; to: IsoDate } {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`quarterRange: ${q} is not a quarter`);
  const year = m[1]!;
  const n = Number(m[2]);
  const first = (n - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const mm = (v: number) => String(v).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(last)}-${mm(lastDay)}` };
}

/** The quarter before (2027-Q1 -> 2026-Q4). */
export function previousQuarter(q: Quarter): Quarter {
  const m = QUARTER.exec(q);
  if (!m) throw new Error(`previousQuarter: ${q} is not a quarter`);
  const n = Number(m[2]);
  return n === 1 ? `${Number(m[1]) - 1}-Q4` : `${m[1]}-Q${n - 1}`;
}

/** 'JJJJ-Qn' -> '4. Quartal 2026'. */
export function formatQuarter(q: Quarter): string {
  const m = QUARTER.exec(q);
  return m ? `${m[2]}. Quartal ${m[1]}` : q;
}

// ---------------------------------------------------------------- the draw

export const SAMPLE_METHODS = ['zufall', 'geschichtet'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];
export const SAMPLE_METHOD_LABELS: Readonly<Record<SampleMethod, string>> = {
  zufall: 'Zufallsstichprobe',
  geschichtet: 'Geschichtet nach Prüfregeln',
};
export const sampleMethodSchema = z.enum(SAMPLE_METHODS, {
  error: 'Bitte „Zufall“ oder „geschichtet nach Prüfregeln“ wählen.',
});

export const MAX_SAMPLE_SIZE = 50;
export const sampleSizeSchema = z
  .number({ error: 'Bitte die Größe der Stichprobe angeben.' })
  .int({ message: 'Bitte eine ganze Zahl angeben.' })
  .min(1, { message: 'Die Stichprobe umfasst mindestens einen Fall.' })
  .max(MAX_SAMPLE_SIZE, { message: `Höchstens ${MAX_SAMPLE_SIZE} Fälle je Stichprobe.` });

/** A seed is an unsigned 32-bit integer (recorded with the sample). */
export const sampleSeedSchema = z
  .number({ error: 'Bitte einen Startwert angeben.' })
  .int({ message: 'Der Startwert ist eine ganze Zahl.' })
  .min(0, { message: 'Der Startwert ist eine Zahl von 0 bis 4294967295.' })
  .max(0xffff_ffff, { message: 'Der Startwert ist eine Zahl von 0 bis 4294967295.' });

/** A seed derived from a fresh random id (the caller's injected id generator). */
export function seedFromId(id: string): number {
  return fnv1a(id);
}

export interface SampleInput {
  /** The caseworker's cases (ids; order and duplicates do not matter). */
  readonly caseIds: readonly string[];
  readonly size: number;
  readonly method: SampleMethod;
  readonly seed: number;
  /** For 'geschichtet': the rule ids with a finding, per case (cases missing here have none). */
  readonly findingsByCase?: Readonly<Record<string, readonly string[]>>;
}

export interface SampleDraw {
  /** The drawn cases in the order of the draw. */
  readonly caseIds: string[];
  /** How many distinct cases the draw was made from. */
  readonly populationCount: number;
  /** A digest of the sorted population (hex), to check later that a draw is repeated on the same caseload. */
  readonly populationDigest: string;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Picks one element of `pool` (mutated: the element is removed) with `next`. */
function takeRandom(pool: string[], next: () => number): string {
  const i = Math.floor(next() * pool.length);
  const [picked] = pool.splice(i, 1);
  return picked!;
}

/**
 * Draws the sample. The population is sorted first, so only the seed and the set of cases decide.
 * - zufall: `size` cases uniformly without replacement;
 * - geschichtet: one case per rule with findings in turn (rules in id order, a random case of that
 *   rule's stratum not yet drawn), round after round, until the size is reached or no stratum has
 *   cases left; the rest at random from the cases not drawn.
 * A size above the caseload draws every case; an empty caseload draws none.
 */
export function drawSample(input: SampleInput): SampleDraw {
  const population = [...new Set(input.caseIds)].sort(byCodeUnit);
  const populationDigest = fnv1a(population.join('\n')).toString(16).padStart(8, '0');
  const size = Math.max(0, Math.min(Math.floor(input.size), population.length));
  const next = seededRandom(input.seed);
  const drawn: string[] = [];
  const taken = new Set<string>();

  if (input.method === 'geschichtet') {
    const findings = input.findingsByCase ?? {};
    const strata = new Map<string, string[]>();
    for (const caseId of population) {
      const rules = Object.hasOwn(findings, caseId) ? findings[caseId]! : [];
      for (const ruleId of new Set(rules)) {
        const stratum = strata.get(ruleId) ?? [];
        stratum.push(caseId);
        strata.set(ruleId, stratum);
      }
    }
    const order = [...strata.keys()].sort(byCodeUnit);
    let progress = true;
    while (drawn.length < size && progress) {
      progress = false;
      for (const ruleId of order) {
        if (drawn.length >= size) break;
        const pool = strata.get(ruleId)!.filter((c) => !taken.has(c));
        if (pool.length === 0) continue;
        const picked = takeRandom(pool, next);
        drawn.push(picked);
        taken.add(picked);
        progress = true;
      }
    }
  }
  const rest = population.filter((c) => !taken.has(c));
  while (drawn.length < size) drawn.push(takeRandom(rest, next));
  return { caseIds: drawn, populationCount: population.length, populationDigest };
}

// ---------------------------------------------------------------- the rubric

export const JUDGEMENTS = ['erfuellt', 'teilweise', 'nicht_erfuellt'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];
export const JUDGEMENT_LABELS: Readonly<Record<Judgement, string>> = {
  erfuellt: 'erfüllt',
  teilweise: 'teilweise erfüllt',
  nicht_erfuellt: 'nicht erfüllt',
};
export const judgementSchema = z.enum(JUDGEMENTS, {
  error: 'Bitte „erfüllt“, „teilweise erfüllt“ oder „nicht erfüllt“ wählen.',
});

/**
 * One item of the rubric: a quality rule, what the automatic check found in the case when the
 * sample was drawn (only whether and how often: finding texts may quote free text and stay out of
 * the audit) and the team lead's judgement (null until judged).
 */
export const rubricItemSchema = z.strictObject({
  ruleId: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  found: z.boolean(),
  findingCount: z.number().int().min(0).max(1000),
  judgement: judgementSchema.nullable(),
});
export type RubricItem = z.output<typeof rubricItemSchema>;

export const rubricSchema = z
  .array(rubricItemSchema)
  .max(100, { message: 'Höchstens 100 Prüfpunkte.' })
  .refine((items) => new Set(items.map((i) => i.ruleId)).size === items.length, {
    message: 'Jeder Prüfpunkt darf nur einmal vorkommen.',
  });

/** The rubric of a case: one item per enabled rule, in the rules' order, with the automatic result. */
export function buildRubric(findings: readonly QualityFinding[], rules: QualityRulesDocument): RubricItem[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return rules.rules
    .filter((r) => r.enabled)
    .map((r) => {
      const n = counts.get(r.id) ?? 0;
      return { ruleId: r.id, title: r.title, found: n > 0, findingCount: n, judgement: null };
    });
}

/** The rubric with the judgements given (by rule id) applied; an unknown rule id is refused. */
export function judgeRubric(
  items: readonly RubricItem[],
  judgements: Readonly<Record<string, Judgement | null>>,
): RubricItem[] {
  const known = new Set(items.map((i) => i.ruleId));
  for (const ruleId of Object.keys(judgements))
    if (!known.has(ruleId)) throw new RangeError(`judgeRubric: unknown rule ${ruleId}`);
  return items.map((i) =>
    Object.hasOwn(judgements, i.ruleId) ? { ...i, judgement: judgements[i.ruleId]! } : { ...i },
  );
}

/** Whether every item is judged (an audit can only be closed then). */
export function rubricComplete(items: readonly RubricItem[]): boolean {
  return items.every((i) => i.judgement !== null);
}
