/** German formats for dates, times and numbers (de-DE, Europe/Berlin). */
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
const numberFmt = new Intl.NumberFormat('de-DE');

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

/** '2026-11-23' -> 'Montag, 23. November 2026' */
export function formatLongDate(iso: string): string {
  return weekdayFmt.format(Date.parse(`${iso}T00:00:00Z`));
}

export function formatNumber(n: number): string {
  return numberFmt.format(n);
}

/** Full years between a birth date and a reference date (both ISO). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today's date in Berlin as ISO `YYYY-MM-DD`. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const PHASE_LABELS: Record<number, string> = {
  1: 'Profiling',
  2: 'Zielfestlegung',
  3: 'Strategieauswahl',
  4: 'Umsetzung und Nachhaltung',
};

export const CASE_STATUS_LABELS = {
  aktiv: 'aktiv',
  ruhend: 'ruhend',
  abgeschlossen: 'abgeschlossen',
} as const;

export const APPOINTMENT_STATUS_LABELS = {
  geplant: 'geplant',
  wahrgenommen: 'wahrgenommen',
  versaeumt: 'versäumt',
  abgesagt: 'abgesagt',
} as const;
