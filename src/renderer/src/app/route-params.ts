import { z } from 'zod';
import { CASE_STATUSES } from '../../../shared/domain/case/case';
import { OFFICE_IDS, type OfficeId } from '../../../shared/domain/case/office';
import { TARGET_GROUPS } from '../../../shared/domain/case/target-groups';
import { CASELOAD_SORT_COLUMNS } from '../../../shared/ipc/contract';
import { isoDateSchema } from '../../../shared/domain/common/dates';
import { recordIdSchema } from '../../../shared/domain/common/schemas';
import { catalogueIdSchema } from '../../../shared/domain/assessment/vocabulary';
import {
  CASE_MEASURES,
  TREND_SERIES,
  type QualityDrillDown,
} from '../../../shared/domain/quality/quality-dashboard';
import { SEVERITIES } from '../../../shared/domain/quality/quality-rules';

/**
 * Search and path parameters of the routes, validated with zod. A hand-edited or outdated address
 * never breaks a screen: unknown values fall back to the defaults.
 */

export const CASELOAD_STATUS_FILTERS = [...CASE_STATUSES, 'alle'] as const;
export type CaseloadStatusFilter = (typeof CASELOAD_STATUS_FILTERS)[number];

/**
 * #/faelle?q=…&sort=…&dir=…&office=…&phase=…&group=…&overdue=1 – search text, sort and filters of
 * Mein Bestand survive opening a case and a reload.
 */
export const caseloadSearchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(CASELOAD_STATUS_FILTERS).optional().catch(undefined),
  sort: z.enum(CASELOAD_SORT_COLUMNS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  office: z.enum(OFFICE_IDS).optional().catch(undefined),
  phase: z.coerce
    .number()
    .pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
    .optional()
    .catch(undefined),
  group: z.enum(TARGET_GROUPS).optional().catch(undefined),
  overdue: z.coerce.number().pipe(z.literal(1)).optional().catch(undefined),
});
export type CaseloadSearch = z.infer<typeof caseloadSearchSchema>;

/**
 * #/faelle/<id>/massnahmen?bedarf=…&strategie=… – the assignment wizard opened from a need and a
 * chosen strategy (Strategieauswahl), with the need preselected. Anything malformed is dropped.
 */
export const measuresSearchSchema = z.object({
  bedarf: catalogueIdSchema.optional().catch(undefined),
  strategie: recordIdSchema.optional().catch(undefined),
});
export type MeasuresSearch = z.infer<typeof measuresSearchSchema>;

/**
 * #/termine/JJJJ-MM-TT?standort=…&ort=aussen|dienststelle – the day view for one office and for an
 * outreach day (JVA consultation day, home visits) or only the appointments at the office.
 */
export const APPOINTMENT_PLACE_FILTERS = ['aussen', 'dienststelle'] as const;
export const appointmentsSearchSchema = z.object({
  standort: z.enum(OFFICE_IDS).optional().catch(undefined),
  ort: z.enum(APPOINTMENT_PLACE_FILTERS).optional().catch(undefined),
});
export type AppointmentsSearch = z.infer<typeof appointmentsSearchSchema>;

/** The filter of appointments:list-day that an address's search parameters mean. */
export function dayViewFilter(search: AppointmentsSearch): { officeId?: OfficeId; outreach?: boolean } {
  return {
    ...(search.standort ? { officeId: search.standort } : {}),
    ...(search.ort ? { outreach: search.ort === 'aussen' } : {}),
  };
}

/** The status filter of the caseload when the address names none. */
export const DEFAULT_CASELOAD_STATUS: CaseloadStatusFilter = 'aktiv';

/** Leaves defaults out of the address, so #/faelle stays #/faelle. */
export function caseloadSearch(q: string, status: CaseloadStatusFilter): CaseloadSearch {
  return {
    ...(q !== '' ? { q } : {}),
    ...(status !== DEFAULT_CASELOAD_STATUS ? { status } : {}),
  };
}

/** The day of #/termine/$day, or `today` when the segment is not a real calendar date. */
export function dayFromParam(day: string | undefined, today: string): string {
  return day !== undefined && isoDateSchema.safeParse(day).success ? day : today;
}

/**
 * Why a case address cannot name a case, in German, or null when the id has the right form (the
 * case may still not exist: that answer comes from cases:get).
 */
export function caseIdProblem(caseId: string): string | null {
  return recordIdSchema.safeParse(caseId).success
    ? null
    : 'Dieser Link führt zu keinem Fall: Die Fallkennung in der Adresse ist ungültig.';
}

/**
 * #/qualitaet?bereich=team|eigen – the dashboard's scope; without it the role's own view (a team
 * lead's team, everyone else's own caseload).
 */
export const qualitySearchSchema = z.object({
  bereich: z.enum(['team', 'eigen']).optional().catch(undefined),
});
export type QualitySearch = z.infer<typeof qualitySearchSchema>;

/**
 * #/qualitaet/faelle?bereich=…&fachkraft=…&kennzahl=…&regel=…&schweregrad=…&phase=…&verlauf=…&monat=…
 * – the cases behind a number of the dashboard (German names of the drill-down's conditions).
 */
export const qualityCasesSearchSchema = qualitySearchSchema.extend({
  fachkraft: z.string().min(1).max(200).optional().catch(undefined),
  kennzahl: z.enum(CASE_MEASURES).optional().catch(undefined),
  regel: z.string().min(1).max(100).optional().catch(undefined),
  schweregrad: z.enum(SEVERITIES).optional().catch(undefined),
  phase: z.coerce
    .number()
    .pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
    .optional()
    .catch(undefined),
  verlauf: z.enum(TREND_SERIES).optional().catch(undefined),
  monat: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
export type QualityCasesSearch = z.infer<typeof qualityCasesSearchSchema>;

/** The drill-down an address means (a trend series without its month, or the reverse, is dropped). */
export function qualityDrillDownOf(s: QualityCasesSearch): QualityDrillDown {
  const trend = s.verlauf !== undefined && s.monat !== undefined;
  return {
    ...(s.fachkraft !== undefined ? { caseworkerId: s.fachkraft } : {}),
    ...(s.kennzahl !== undefined ? { measure: s.kennzahl } : {}),
    ...(s.regel !== undefined ? { ruleId: s.regel } : {}),
    ...(s.schweregrad !== undefined ? { severity: s.schweregrad } : {}),
    ...(s.phase !== undefined ? { phase: s.phase } : {}),
    ...(trend ? { series: s.verlauf!, month: s.monat! } : {}),
  };
}
