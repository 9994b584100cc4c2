/**
 * The HTML templates of the Kooperationsplan, one per legal regime, read from the shipped
 * resources folder (resources/templates/kooperationsplan/<regime>.html with the shared plan.css;
 * packaged with the app),
 * and the version id stored with a handed-over plan: the fixed texts' version plus the first
 * 8 hex digits of the template's SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REGIME_IDS, type RegimeId } from '../../../../shared/domain/legal/legal-regimes';
import { planTextsOn, PLAN_TEXTS_DIR, type PlanTexts } from '../../../../shared/domain/plan/plan-texts';

export interface PlanTemplate {
  readonly html: string;
  readonly texts: PlanTexts;
  /** "2026.1+1a2b3c4d": texts version + template hash prefix. */
  readonly version: string;
}

export interface PlanTemplates {
  /** The template and texts for a plan of this date under this regime. */
  forPlan(regimeId: RegimeId, planDate: string): PlanTemplate;
}

export function templateVersionOf(texts: PlanTexts, html: string): string {
  return `${texts.version}+${createHash('sha256').update(html, 'utf8').digest('hex').slice(0, 8)}`;
}

const INCLUDE = /<!--include:([a-z0-9-]+\.css)-->/g;

/**
 * A template with its includes inlined: `<!--include:plan.css-->` becomes a `<style>` element with
 * that file of the templates folder (the print CSS both regimes share). Only plain .css names of that folder; an
 * unknown one fails when the templates are read, not at a hand-over. The template version hashes
 * the result, so a changed stylesheet is a new template version too.
 */
export function inlineIncludes(html: string, read: (name: string) => string): string {
  return html.replace(INCLUDE, (_, name: string) => `<style>\n${read(name).trimEnd()}\n</style>`);
}

/** The resources folder of a checkout (tests, browser bridge); the app passes its own. */
export const DEFAULT_RESOURCES_DIR = resolve('resources');

/** Reads the templates once (at the first print) from `resourcesDir`. */
export function planTemplatesFrom(resourcesDir: string = DEFAULT_RESOURCES_DIR): PlanTemplates {
  let html: Record<RegimeId, string> | undefined;
  const read = (name: string) => readFileSync(join(resourcesDir, PLAN_TEXTS_DIR, name), 'utf8');
  const load = () =>
    (html ??= Object.fromEntries(
      REGIME_IDS.map((id) => [id, inlineIncludes(read(`${id}.html`), read)]),
    ) as Record<RegimeId, string>);
  return {
    forPlan(regimeId, planDate) {
      const texts = planTextsOn(planDate);
      const template = load()[regimeId];
      return { html: template, texts, version: templateVersionOf(texts, template) };
    },
  };
}
