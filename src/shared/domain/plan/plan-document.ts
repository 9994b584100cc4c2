/**
 * The printable Kooperationsplan as ONE HTML document (print CSS, A4), built by a pure function from
 * the plan content, the case, the office, the contact person and a template version: the regime's
 * HTML template (resources/templates/kooperationsplan/<regime>.html) with its slots filled from
 * the fixed texts (texte-<version>.json). Every value is HTML-escaped. Free texts holding health
 * details are withheld (the hand-over check names them); notes are never part of a plan.
 * The same HTML goes to the preview, to Electron's printToPDF and to Chromium's page.pdf in tests.
 */
import { formatGermanDate, type IsoDate } from '../common/dates';
import type { OfficeId } from '../case/office';
import type { LegalRegime } from '../legal/legal-regimes';
import {
  FREQUENCY_LABELS,
  PLAN_POINT_LABELS,
  PLAN_POINTS,
  PROOF_FORM_LABELS,
  type CooperationPlan,
  type OwnEffort,
} from './cooperation-plan';
import { healthFields, type HealthTerms } from './plan-health';
import type { CompanionLanguage, PlanTexts } from './plan-texts';

/** The slots every template has; `personalOffer` only where the regime requires the offer. */
export const TEMPLATE_SLOTS = [
  'title',
  'letterhead',
  'heading',
  'intro',
  'goal',
  'mainSteps',
  'points',
  'ownEfforts',
  'measures',
  'review',
  'notes',
  'meta',
  'companion',
] as const;
export type TemplateSlot = (typeof TEMPLATE_SLOTS)[number] | 'personalOffer';

const SLOT = /<!--slot:([A-Za-z]+)-->/g;

/** The slots a template uses, in order (for checks of an edited template). */
export function templateSlots(template: string): string[] {
  return [...template.matchAll(SLOT)].map((m) => m[1]!);
}

/** German problems of a template for a regime (missing or unknown slots); empty when usable. */
export function templateProblems(template: string, regime: Pick<LegalRegime, 'plan'>): string[] {
  const used = templateSlots(template);
  const needed: string[] = [
    ...TEMPLATE_SLOTS,
    ...(regime.plan.requiresPersonalOffer ? ['personalOffer'] : []),
  ];
  const problems = needed
    .filter((s) => !used.includes(s))
    .map((s) => `der Platzhalter <!--slot:${s}--> fehlt`);
  for (const s of used) {
    if (![...TEMPLATE_SLOTS, 'personalOffer'].includes(s)) problems.push(`unbekannter Platzhalter ${s}`);
  }
  if (!/<html[^>]*\slang="de"/.test(template)) problems.push('das Dokument braucht <html lang="de">');
  return problems;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Escaped text with line breaks kept. */
const para = (value: string) => escapeHtml(value).replaceAll('\n', '<br>');

export interface PlanContactPerson {
  readonly name: string;
  readonly phone?: string | null;
  readonly email?: string | null;
}

export interface PlanDocumentInput {
  readonly plan: CooperationPlan;
  readonly regime: LegalRegime;
  readonly texts: PlanTexts;
  /** The regime's HTML template. */
  readonly template: string;
  /** Texts version and template id, printed small and stored with a handed-over version. */
  readonly templateVersion: string;
  readonly personName: string;
  readonly caseNumber: string;
  readonly officeId: OfficeId;
  readonly contact: PlanContactPerson | null;
  /** The day the document is made (hand-over or preview). */
  readonly issuedOn: IsoDate;
  readonly healthTerms: HealthTerms;
}

export class PlanTemplateError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Die Vorlage des Kooperationsplans ist fehlerhaft: ${problems.join('; ')}`);
    this.name = 'PlanTemplateError';
  }
}

function frequencyText(e: OwnEffort): string {
  if (e.frequency === null) return '–';
  if (e.frequency.per === 'once')
    return e.frequency.count === 1 ? 'einmal' : `${e.frequency.count}-mal (einmalig)`;
  return `${e.frequency.count}-mal ${FREQUENCY_LABELS[e.frequency.per]}`;
}

/** Builds the complete HTML document. Pure: the same input gives the same text. */
export function renderPlanDocument(input: PlanDocumentInput): string {
  const { plan, regime, texts, contact } = input;
  const problems = templateProblems(input.template, regime);
  if (problems.length > 0) throw new PlanTemplateError(problems);
  const regimeTexts = texts.regimes.find((r) => r.id === regime.id)!;
  const office = texts.offices.find((o) => o.id === input.officeId);
  if (!office)
    throw new PlanTemplateError([`kein Standort "${input.officeId}" in den Texten ${texts.version}`]);
  const L = texts.labels;
  const withheld = healthFields(plan, input.healthTerms);
  /** A free text as printed: escaped, or the withheld notice when it holds a health detail. */
  const free = (field: string, value: string) =>
    withheld.has(field) ? `<em class="withheld">${escapeHtml(L.withheld)}</em>` : para(value);
  const section = (id: string, heading: string, body: string) =>
    `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${escapeHtml(heading)}</h2>${body}</section>`;

  const contactRows = [
    contact ? `<dt>${escapeHtml(L.contact)}</dt><dd>${escapeHtml(contact.name)}</dd>` : '',
    `<dt>${escapeHtml(L.phone)}</dt><dd>${escapeHtml(contact?.phone || office.phone)}</dd>`,
    `<dt>${escapeHtml(L.email)}</dt><dd>${escapeHtml(contact?.email || office.email)}</dd>`,
    `<dt>${escapeHtml(L.openingHours)}</dt><dd>${escapeHtml(office.openingHours)}</dd>`,
  ].join('');
  const letterhead = `<header class="letterhead">
<address><strong>${escapeHtml(office.name)}</strong><br>${escapeHtml(office.street)}<br>${escapeHtml(office.postalCode)} ${escapeHtml(office.town)}</address>
<dl>${contactRows}</dl>
</header>`;

  const heading = `<h1>${escapeHtml(regimeTexts.title)}</h1>
<p class="subtitle">${escapeHtml(regimeTexts.subtitle)}</p>
<table class="facts"><tbody>
<tr><th scope="row">${escapeHtml(L.person)}</th><td>${escapeHtml(input.personName)}</td></tr>
<tr><th scope="row">${escapeHtml(L.caseNumber)}</th><td>${escapeHtml(input.caseNumber)}</td></tr>
<tr><th scope="row">${escapeHtml(L.planDate)}</th><td>${formatGermanDate(plan.planDate)}</td></tr>
</tbody></table>`;

  const responsible = {
    person: L.responsiblePerson,
    jobcenter: L.responsibleJobcenter,
    gemeinsam: L.responsibleJoint,
  } as const;
  const steps =
    plan.mainSteps.length === 0
      ? '<p>–</p>'
      : `<table><thead><tr><th scope="col">Nr.</th><th scope="col">${escapeHtml(L.step)}</th><th scope="col">${escapeHtml(L.responsible)}</th><th scope="col">${escapeHtml(L.dueOn)}</th></tr></thead><tbody>${plan.mainSteps
          .map(
            (s, i) =>
              `<tr><td>${i + 1}.</td><td>${free(`mainSteps.${i}.text`, s.text)}</td><td>${escapeHtml(responsible[s.responsible])}</td><td>${s.dueOn ? formatGermanDate(s.dueOn) : '–'}</td></tr>`,
          )
          .join('')}</tbody></table>`;

  const points = `<table class="points"><tbody>${PLAN_POINTS.map((p) => {
    const a = plan.points[p];
    const label = `<th scope="row">${escapeHtml(PLAN_POINT_LABELS[p])}</th>`;
    if (a.state === 'answered') return `<tr>${label}<td>${free(`points.${p}`, a.text)}</td></tr>`;
    if (a.state === 'not_applicable')
      return `<tr>${label}<td><span class="na">${escapeHtml(L.notApplicable)}</span>${a.note ? ` – ${free(`points.${p}`, a.note)}` : ''}</td></tr>`;
    return `<tr>${label}<td>–</td></tr>`;
  }).join('')}</tbody></table>`;

  const efforts =
    plan.ownEfforts.length === 0
      ? `<p class="na">${escapeHtml(L.notApplicable)}</p>`
      : `<table><thead><tr><th scope="col">${escapeHtml(L.effort)}</th><th scope="col">${escapeHtml(L.frequency)}</th><th scope="col">${escapeHtml(L.proof)}</th></tr></thead><tbody>${plan.ownEfforts
          .map(
            (e, i) =>
              `<tr><td>${free(`ownEfforts.${i}.description`, e.description)}</td><td>${escapeHtml(frequencyText(e))}</td><td>${e.proof ? escapeHtml(PROOF_FORM_LABELS[e.proof]) : '–'}</td></tr>`,
          )
          .join('')}</tbody></table>`;

  const measures =
    plan.measures.length === 0
      ? `<p>${escapeHtml(L.noMeasures)}</p>`
      : `<ul>${plan.measures.map((m, i) => `<li>${free(`measures.${i}.title`, m.title)}</li>`).join('')}</ul>`;

  const review = plan.reviewDueOn
    ? `<p>${escapeHtml(L.reviewText).replace('{date}', `<strong>${formatGermanDate(plan.reviewDueOn)}</strong>`)}</p>`
    : '<p>–</p>';

  const notes = `<ul class="notes">${regimeTexts.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  const meta = `<p class="meta">${escapeHtml(L.issuedOn)} ${formatGermanDate(input.issuedOn)} · ${escapeHtml(L.templateVersion)} ${escapeHtml(input.templateVersion)} · ${escapeHtml(regime.name)}</p>`;

  const slots: Record<TemplateSlot, string> = {
    title: `${escapeHtml(regimeTexts.title)} – ${escapeHtml(input.personName)}`,
    letterhead,
    heading,
    intro: `<p>${escapeHtml(regimeTexts.intro)}</p>`,
    personalOffer: section(
      'offer',
      L.personalOffer,
      `<p>${free('personalOffer', plan.personalOffer) || '–'}</p>`,
    ),
    goal: section('goal', L.goal, `<p>${free('goal', plan.goal) || '–'}</p>`),
    mainSteps: section('steps', L.mainSteps, steps),
    points: section('points', L.points, points),
    ownEfforts: section('efforts', L.ownEfforts, efforts),
    measures: section('measures', L.measures, measures),
    review: section('review', L.review, review),
    notes: section('notes', regimeTexts.notesHeading, notes),
    meta,
    companion: plan.companionLanguage ? companionPage(texts, plan.companionLanguage, regime) : '',
  };
  return input.template.replace(SLOT, (_, name: string) => slots[name as TemplateSlot]);
}

/**
 * The companion page: the fixed texts in the person's language, printed after the German plan,
 * which stays authoritative (said in the language and in German). Arabic is right-to-left.
 */
export function companionPage(texts: PlanTexts, language: CompanionLanguage, regime: LegalRegime): string {
  const c = texts.companion.find((x) => x.id === language);
  if (!c) throw new PlanTemplateError([`keine Übersetzung "${language}" in den Texten ${texts.version}`]);
  const h = c.headings;
  const L = texts.labels;
  const sections: [string, string][] = [
    [L.goal, h.goal],
    ...(regime.plan.requiresPersonalOffer
      ? ([[L.personalOffer, h.personalOffer]] as [string, string][])
      : []),
    [L.mainSteps, h.mainSteps],
    [L.points, h.points],
    [L.ownEfforts, h.ownEfforts],
    [L.measures, h.measures],
    [L.review, h.review],
    [L.notApplicable, h.notApplicable],
  ];
  return `<section class="companion" lang="${c.id}" dir="${c.dir}" aria-labelledby="h-companion">
<h1 id="h-companion">${escapeHtml(c.title)}</h1>
<div class="authoritative"><p>${escapeHtml(c.authoritative)}</p><p lang="de" dir="ltr">${escapeHtml(c.authoritativeDe)}</p></div>
<p>${escapeHtml(c.intro[regime.id])}</p>
<h2>${escapeHtml(h.notes)}</h2>
<ul>${c.notes[regime.id].map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>
<h2>${escapeHtml(h.points)}</h2>
<ol>${c.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ol>
<h2>${escapeHtml(h.sections)}</h2>
<table><tbody>${sections.map(([de, x]) => `<tr><td lang="de" dir="ltr">${escapeHtml(de)}</td><td>${escapeHtml(x)}</td></tr>`).join('')}</tbody></table>
</section>`;
}
