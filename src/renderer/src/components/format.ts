/** German formats for dates, times and numbers (de-DE, Europe/Berlin). */
// Labels and calendar arithmetic come from the domain, so every screen uses one vocabulary.
import { dateInBerlin } from '../../../shared/domain/common/dates';

export { addDays, ageOn } from '../../../shared/domain/common/dates';
export { APPOINTMENT_STATUS_LABELS } from '../../../shared/domain/case/appointment';
export { CASE_STATUS_LABELS, PHASE_LABELS, PHASES } from '../../../shared/domain/case/case';

const dateFmt = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFmt = new Intl.DateTimeFormat('de-DE', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
});
const weekdayFmt = new Intl.DateTimeFormat('de-DE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFmt = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Berlin',
});
const numberFmt = new Intl.NumberFormat('de-DE');
const languageNames = new Intl.DisplayNames('de-DE', { type: 'language' });

/** ISO 639-1 code -> its German name ('uk' -> 'Ukrainisch'); '–' when not recorded. */
export function formatLanguage(code: string | null | undefined): string {
  if (!code) return '–';
  const name = languageNames.of(code);
  return name ? name.charAt(0).toLocaleUpperCase('de-DE') + name.slice(1) : code;
}

/** '2026-11-23' -> '23.11.2026' */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const ms = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? '–' : dateFmt.format(ms);
}

/** ISO timestamp -> '09:30 Uhr' (Berlin time) */
export function formatTime(isoTimestamp: string): string {
  return `${timeFmt.format(Date.parse(isoTimestamp))} Uhr`;
}

/** ISO timestamp -> '23.11.2026, 09:30 Uhr' (Berlin time); fallback when missing or invalid. */
export function formatDateTime(iso: string | null | undefined, fallback = '–'): string {
  if (!iso) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : `${dateTimeFmt.format(ms)} Uhr`;
}

/** '2026-11-23' -> 'Montag, 23. November 2026' */
export function formatLongDate(iso: string): string {
  return weekdayFmt.format(Date.parse(`${iso}T00:00:00Z`));
}

export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/** Today's date in Berlin as ISO `YYYY-MM-DD`. */
export function todayIso(): string {
  return dateInBerlin(new Date());
}
