/**
 * The fixed texts of the printed Kooperationsplan as versioned data
 * (resources/templates/kooperationsplan/texte-<version>.json): per legal regime the title, intro and
 * the regime's notes (not binding + Schlichtung; what follows when no plan is agreed or kept), the
 * labels of the document, the offices' addresses and the companion translations of the fixed texts.
 * Fachadministration revises texts by adding a new version file; a handed-over plan keeps the
 * version it was printed with (its PDF is stored), so a new version never alters an old printout.
 */
import { z } from 'zod';
import { isoDateSchema } from '../common/dates';
import { duplicateIds, parseResource, ResourceDataError } from '../common/resource-data';
import { OFFICE_IDS } from '../case/office';
import { REGIME_IDS, type RegimeId } from '../legal/legal-regimes';
import { PLAN_POINTS } from './cooperation-plan';
import v2026_1 from '../../../../resources/templates/kooperationsplan/texte-2026.1.json' with { type: 'json' };

const text = z.string().trim().min(1, { message: 'Text fehlt.' });

export const COMPANION_LANGUAGES = ['en', 'uk', 'ru', 'ar'] as const;
export type CompanionLanguage = (typeof COMPANION_LANGUAGES)[number];
export const COMPANION_LANGUAGE_LABELS: Readonly<Record<CompanionLanguage, string>> = {
  en: 'Englisch',
  uk: 'Ukrainisch',
  ru: 'Russisch',
  ar: 'Arabisch',
};

const LABEL_KEYS = [
  'person',
  'caseNumber',
  'planDate',
  'office',
  'contact',
  'phone',
  'email',
  'openingHours',
  'goal',
  'personalOffer',
  'mainSteps',
  'step',
  'dueOn',
  'responsible',
  'responsiblePerson',
  'responsibleJobcenter',
  'responsibleJoint',
  'points',
  'notApplicable',
  'ownEfforts',
  'effort',
  'frequency',
  'proof',
  'measures',
  'noMeasures',
  'review',
  'reviewText',
  'withheld',
  'page',
  'issuedOn',
  'templateVersion',
] as const;

const HEADING_KEYS = [
  'notes',
  'sections',
  'goal',
  'personalOffer',
  'mainSteps',
  'points',
  'ownEfforts',
  'measures',
  'review',
  'notApplicable',
] as const;

/** The fields of an office's letterhead, in print order, with their German names. */
export const OFFICE_FIELDS = [
  'name',
  'street',
  'postalCode',
  'town',
  'phone',
  'email',
  'openingHours',
] as const;
export type OfficeField = (typeof OFFICE_FIELDS)[number];
const OFFICE_FIELD_LABELS: Readonly<Record<OfficeField, string>> = {
  name: 'Name',
  street: 'Straße',
  postalCode: 'Postleitzahl',
  town: 'Ort',
  phone: 'Telefon',
  email: 'E-Mail',
  openingHours: 'Sprechzeiten',
};

const byRegime = <S extends z.ZodType>(schema: S) =>
  z.object(Object.fromEntries(REGIME_IDS.map((r) => [r, schema])) as Record<RegimeId, S>);

export const planTextsSchema = z.object({
  /** "2026.1": year and running number; the newest valid version is used for new printouts. */
  version: z.string().regex(/^\d{4}\.\d+$/, { message: 'Die Version hat die Form JJJJ.N (z. B. 2026.1).' }),
  validFrom: isoDateSchema,
  /** Note for Fachadministration (never printed). */
  reviewNote: z.string().trim().optional(),
  regimes: z.array(
    z.object({
      id: z.enum(REGIME_IDS),
      title: text,
      subtitle: text,
      intro: text,
      notesHeading: text,
      notes: z.array(text).min(1),
    }),
  ),
  labels: z.object(
    Object.fromEntries(LABEL_KEYS.map((k) => [k, text])) as Record<(typeof LABEL_KEYS)[number], typeof text>,
  ),
  offices: z.array(
    z.object({
      id: z.enum(OFFICE_IDS),
      name: text,
      street: text,
      postalCode: z.string().regex(/^\d{5}$/, { message: 'Die Postleitzahl hat fünf Ziffern.' }),
      town: text,
      phone: text,
      email: z.email({ message: 'Keine gültige E-Mail-Adresse.' }),
      openingHours: text,
      /** Which of the fields above are checked against a public source (the rest is demo data). */
      provenance: z
        .object({
          sourced: z.array(z.enum(OFFICE_FIELDS)),
          sources: z.array(z.url({ message: 'Die Quelle ist keine Adresse (URL).' })),
        })
        .default({ sourced: [], sources: [] }),
    }),
  ),
  companion: z.array(
    z.object({
      id: z.enum(COMPANION_LANGUAGES),
      language: text,
      dir: z.enum(['ltr', 'rtl']),
      title: text,
      authoritative: text,
      authoritativeDe: text,
      intro: byRegime(text),
      notes: byRegime(z.array(text).min(1)),
      headings: z.object(
        Object.fromEntries(HEADING_KEYS.map((k) => [k, text])) as Record<
          (typeof HEADING_KEYS)[number],
          typeof text
        >,
      ),
      points: z.array(text).length(PLAN_POINTS.length, {
        message: `Es sind genau ${PLAN_POINTS.length} Punkte zu übersetzen.`,
      }),
    }),
  ),
});
export type PlanTexts = z.output<typeof planTextsSchema>;
export type PlanOffice = PlanTexts['offices'][number];
export type PlanCompanion = PlanTexts['companion'][number];

/** Parses one version file and checks what zod cannot: unique ids, every office, every language. */
export function parsePlanTexts(input: unknown, source: string): PlanTexts {
  const doc = parseResource(planTextsSchema, input, source);
  const problems = [
    ...duplicateIds(doc.regimes).map((p) => `regimes › ${p}`),
    ...duplicateIds(doc.offices).map((p) => `offices › ${p}`),
    ...duplicateIds(doc.companion).map((p) => `companion › ${p}`),
  ];
  for (const id of REGIME_IDS)
    if (!doc.regimes.some((r) => r.id === id)) problems.push(`regimes: das Regelwerk "${id}" fehlt`);
  for (const id of OFFICE_IDS)
    if (!doc.offices.some((o) => o.id === id)) problems.push(`offices: der Standort "${id}" fehlt`);
  for (const id of COMPANION_LANGUAGES)
    if (!doc.companion.some((c) => c.id === id)) problems.push(`companion: die Sprache "${id}" fehlt`);
  if (!doc.labels.reviewText.includes('{date}'))
    problems.push('labels › reviewText: der Platzhalter {date} fehlt');
  if (!source.endsWith(`texte-${doc.version}.json`))
    problems.push(`version: die Datei muss texte-${doc.version}.json heißen`);
  if (problems.length > 0) throw new ResourceDataError(source, problems);
  return doc;
}

export const PLAN_TEXTS_DIR = 'templates/kooperationsplan';

/** Every shipped version file (a new version = a new file, listed here). */
const SHIPPED: Readonly<Record<string, unknown>> = {
  [`${PLAN_TEXTS_DIR}/texte-2026.1.json`]: v2026_1,
};

/** The shipped version files with their content (distributed by the server as reference data). */
export const PLAN_TEXT_FILES: readonly {
  readonly resource: string;
  readonly version: string;
  readonly shipped: unknown;
}[] = Object.entries(SHIPPED).map(([resource, shipped]) => ({
  resource,
  version: (shipped as { version: string }).version,
  shipped,
}));

export const planTextsResourceParsers: Record<string, (input: unknown, source: string) => unknown> =
  Object.fromEntries(Object.keys(SHIPPED).map((file) => [file, parsePlanTexts]));

/** The shipped versions, parsed, oldest first. */
export const PLAN_TEXT_VERSIONS: readonly PlanTexts[] = Object.entries(SHIPPED)
  .map(([file, data]) => parsePlanTexts(data, file))
  .sort((a, b) => compareVersions(a.version, b.version));

export function compareVersions(a: string, b: string): number {
  const [ay, an] = a.split('.').map(Number) as [number, number];
  const [by, bn] = b.split('.').map(Number) as [number, number];
  return ay - by || an - bn;
}

/** The newest version valid on `on` (the plan's date); the oldest one before any is valid. */
export function planTextsOn(on: string, versions: readonly PlanTexts[] = PLAN_TEXT_VERSIONS): PlanTexts {
  const valid = versions.filter((v) => v.validFrom <= on);
  return (valid.length > 0 ? valid[valid.length - 1] : versions[0]) as PlanTexts;
}

/** The writing direction of a companion language, as the plan texts valid on `on` give it. */
export function companionDirection(
  language: CompanionLanguage,
  on: string,
  versions: readonly PlanTexts[] = PLAN_TEXT_VERSIONS,
): 'ltr' | 'rtl' {
  return planTextsOn(on, versions).companion.find((c) => c.id === language)?.dir ?? 'ltr';
}

/** The letterhead fields of an office that no public source backs (demo data until checked). */
export function officeDemoFields(office: Pick<PlanOffice, 'provenance'>): OfficeField[] {
  return OFFICE_FIELDS.filter((f) => !office.provenance.sourced.includes(f));
}

/**
 * A German note for the preview when the letterhead holds demo data, naming the fields (null when
 * every field is backed by a source).
 */
export function officeDemoNote(office: PlanOffice): string | null {
  const demo = officeDemoFields(office);
  if (demo.length === 0) return null;
  return `Briefkopf ${office.name}: ${demo.map((f) => OFFICE_FIELD_LABELS[f]).join(', ')} ${demo.length === 1 ? 'ist' : 'sind'} Demodaten ohne Quelle – vor Inbetriebnahme durch die Fachadministration zu prüfen.`;
}
