/**
 * The HTML templates of the Kooperationsplan, one per legal regime, bundled with main (their text is
 * imported, so the packaged app needs no file access), and the version id stored with a handed-over
 * plan: the fixed texts' version plus the first 8 hex digits of the template's SHA-256.
 */
import { createHash } from 'node:crypto';
import type { RegimeId } from '../../../../shared/domain/legal/legal-regimes';
import { planTextsOn, type PlanTexts } from '../../../../shared/domain/plan/plan-texts';
import buergergeld from '../../../../../resources/templates/kooperationsplan/buergergeld.html?raw';
import grundsicherung from '../../../../../resources/templates/kooperationsplan/grundsicherung.html?raw';

export const PLAN_TEMPLATES: Readonly<Record<RegimeId, string>> = { buergergeld, grundsicherung };

export interface PlanTemplate {
  readonly html: string;
  readonly texts: PlanTexts;
  /** "2026.1+1a2b3c4d": texts version + template hash prefix. */
  readonly version: string;
}

export function templateVersionOf(texts: PlanTexts, html: string): string {
  return `${texts.version}+${createHash('sha256').update(html, 'utf8').digest('hex').slice(0, 8)}`;
}

/** The template and texts for a plan of this date under this regime. */
export function planTemplateFor(regimeId: RegimeId, planDate: string): PlanTemplate {
  const texts = planTextsOn(planDate);
  const html = PLAN_TEMPLATES[regimeId];
  return { html, texts, version: templateVersionOf(texts, html) };
}
