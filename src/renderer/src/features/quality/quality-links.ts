import type { QualityDrillDown } from '../../../../shared/domain/quality/quality-dashboard';
import type { CaseSection } from '../../../../shared/domain/quality/quality-rules';
import type { QualityCasesSearch } from '../../app/route-params';

/**
 * Where a finding points to in the case workspace: each section of the quality rules
 * (CASE_SECTIONS) is one route of the workspace (app/routes.tsx).
 */
export const SECTION_ROUTES = {
  profiling: '/faelle/$caseId/profil',
  ziele: '/faelle/$caseId/ziel',
  strategien: '/faelle/$caseId/strategien',
  massnahmen: '/faelle/$caseId/massnahmen',
  kooperationsplan: '/faelle/$caseId/plan',
  termine: '/faelle/$caseId/termine',
  vermerke: '/faelle/$caseId/vermerke',
} as const satisfies Record<CaseSection, string>;

/** The address (search parameters of #/qualitaet/faelle) of a drill-down in a scope. */
export function drillDownSearch(team: boolean, d: QualityDrillDown): QualityCasesSearch {
  return {
    ...(team ? { bereich: 'team' as const } : {}),
    ...(d.caseworkerId !== undefined ? { fachkraft: d.caseworkerId } : {}),
    ...(d.measure !== undefined ? { kennzahl: d.measure } : {}),
    ...(d.ruleId !== undefined ? { regel: d.ruleId } : {}),
    ...(d.severity !== undefined ? { schweregrad: d.severity } : {}),
    ...(d.phase !== undefined ? { phase: d.phase } : {}),
    ...(d.series !== undefined ? { verlauf: d.series } : {}),
    ...(d.month !== undefined ? { monat: d.month } : {}),
  };
}

/** 'JJJJ-MM' -> 'November 2026' */
const monthFmt = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export function formatMonth(month: string): string {
  return monthFmt.format(Date.parse(`${month}-01T00:00:00Z`));
}
const shortMonthFmt = new Intl.DateTimeFormat('de-DE', { month: 'short', year: '2-digit', timeZone: 'UTC' });
export function formatShortMonth(month: string): string {
  return shortMonthFmt.format(Date.parse(`${month}-01T00:00:00Z`));
}

const decimalFmt = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Contacts per case: one decimal, German ('1,4'). */
export function formatDecimal(n: number): string {
  return decimalFmt.format(n);
}
