/**
 * "Außentermin vorbereiten" (issue 12 item 6): whether this laptop is ready for a day without
 * network (JVA Torgau, home visits). A pure function over what the desktop knows: the outbox and
 * the last successful sync, the reference data the server announced at its last hello compared
 * with the versions Lotse carries, the offline lease against the end of the chosen day, the day's
 * cases in the local store, and the battery where the platform tells. Every item says in German
 * how it stands and what to do.
 */
import { stillOpen } from '../../sync/open-decisions';
import { addDays, dateInBerlin, formatGermanDate, type IsoDate } from '../common/dates';

export const READINESS_ITEMS = ['sync', 'reference', 'lease', 'cases', 'battery'] as const;
export type ReadinessItemId = (typeof READINESS_ITEMS)[number];

/**
 * ok: ready; warning: works, but better fix it before leaving; blocking: the day would fail
 * (cases missing, lease runs out during the day); unknown: the platform does not tell.
 */
export const READINESS_STATUSES = ['ok', 'warning', 'blocking', 'unknown'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];
export const READINESS_STATUS_LABELS: Readonly<Record<ReadinessStatus, string>> = {
  ok: 'Bereit',
  warning: 'Bitte prüfen',
  blocking: 'Nicht bereit',
  unknown: 'Nicht verfügbar',
};

export interface ReferenceVersion {
  readonly key: string;
  /** German name ("Maßnahmekatalog"). */
  readonly title: string;
  /** Fingerprint of the content (SHA-256 of its stable JSON). */
  readonly sha256: string;
}

export interface AnnouncedReference {
  readonly key: string;
  readonly version: number;
  readonly sha256: string;
}

export type BatteryInfo =
  | { readonly available: false }
  | { readonly available: true; readonly onBattery: boolean; readonly percent: number | null };

export interface ReadinessInput {
  /** The device clock. */
  readonly now: Date;
  /** The outreach day (Europe/Berlin). */
  readonly day: IsoDate;
  /** Whether a Lotse server is set up (without one there is nothing to sync or lease). */
  readonly serverConfigured: boolean;
  readonly sync: {
    readonly pendingCount: number;
    readonly lastSuccessAt: string | null;
    readonly conflictCount: number;
    readonly rejectionCount: number;
  };
  /** What the server announced at the last hello (null: never announced), and what Lotse carries. */
  readonly reference: {
    readonly announced: readonly AnnouncedReference[] | null;
    readonly announcedAt: string | null;
    readonly local: readonly ReferenceVersion[];
  };
  /** The signed offline lease: 'none' before the first contact with the server. */
  readonly lease: { readonly state: 'none' | 'valid' | 'expired'; readonly until: string | null };
  /** The day's cases (of the chosen appointments) and whether each is in the local store. */
  readonly cases: readonly { readonly caseId: string; readonly label: string; readonly present: boolean }[];
  readonly battery: BatteryInfo;
}

export interface ReadinessItem {
  readonly id: ReadinessItemId;
  /** What is checked ("Synchronisation"); the status and detail say how it stands. */
  readonly label: string;
  readonly status: ReadinessStatus;
  /** How it stands, in German. */
  readonly detail: string;
  /** What to do, in German (null when nothing is to do). */
  readonly action: string | null;
}

export interface Readiness {
  readonly items: readonly ReadinessItem[];
  /** No item is blocking. */
  readonly ready: boolean;
  /** Everything is ok (nothing to check). */
  readonly allOk: boolean;
}

/** A sync older than this before the day is worth a warning (changes of colleagues are missing). */
export const STALE_SYNC_HOURS = 12;
/** Below this charge (per cent) a day away from the socket is at risk. */
export const LOW_BATTERY_PERCENT = 80;

const berlinTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
});

/** "01.12.2026, 17:30 Uhr" (Europe/Berlin). */
export function formatGermanInstant(iso: string): string {
  const d = new Date(iso);
  return `${formatGermanDate(dateInBerlin(d))}, ${berlinTime.format(d)} Uhr`;
}

/** The first instant of the day after `day` at the offices (Europe/Berlin midnight). */
export function endOfBerlinDay(day: IsoDate): Date {
  const next = addDays(day, 1);
  const utcMidnight = Date.parse(`${next}T00:00:00Z`);
  // Berlin is UTC+1 or UTC+2: its midnight is 22:00 or 23:00 UTC of the day before
  for (const hours of [2, 1, 0]) {
    const t = new Date(utcMidnight - hours * 3_600_000);
    if (dateInBerlin(t) === next) return t;
  }
  return new Date(utcMidnight);
}

function syncItem(input: ReadinessInput): ReadinessItem {
  const label = 'Synchronisation';
  if (!input.serverConfigured)
    return {
      id: 'sync',
      label,
      status: 'warning',
      detail: 'Für dieses Gerät ist kein Lotse-Server eingerichtet; die Daten liegen nur auf diesem Gerät.',
      action: 'Wenn die Fälle auch im Büro gebraucht werden: Server einrichten lassen (IT-Betreuung).',
    };
  const { pendingCount, lastSuccessAt, conflictCount, rejectionCount } = input.sync;
  const last = lastSuccessAt
    ? `Letzte erfolgreiche Synchronisation: ${formatGermanInstant(lastSuccessAt)}.`
    : '';
  if (lastSuccessAt === null)
    return {
      id: 'sync',
      label,
      status: 'blocking',
      detail: 'Dieses Gerät hat sich noch nie mit dem Server abgeglichen.',
      action: 'Vor dem Termin im Büronetz „Jetzt synchronisieren“ wählen.',
    };
  if (pendingCount > 0)
    return {
      id: 'sync',
      label,
      status: 'warning',
      detail: `${pendingCount === 1 ? 'Eine Änderung wartet' : `${pendingCount} Änderungen warten`} noch auf die Übertragung. ${last}`,
      action: 'Vor dem Aufbruch im Büronetz „Jetzt synchronisieren“ wählen, bis nichts mehr wartet.',
    };
  const ageHours = (input.now.getTime() - Date.parse(lastSuccessAt)) / 3_600_000;
  const open = conflictCount + rejectionCount;
  if (ageHours > STALE_SYNC_HOURS)
    return {
      id: 'sync',
      label,
      status: 'warning',
      detail: `Nichts wartet, aber der letzte Abgleich ist älter als ${STALE_SYNC_HOURS} Stunden. ${last}`,
      action: 'Jetzt synchronisieren, damit Änderungen der Kolleginnen und Kollegen mitkommen.',
    };
  if (open > 0)
    return {
      id: 'sync',
      label,
      status: 'warning',
      detail: `Alles übertragen. ${last} Offen ${stillOpen(conflictCount, rejectionCount)}.`,
      action: 'Konflikte und Ablehnungen auf der Seite Synchronisation ansehen und entscheiden.',
    };
  return { id: 'sync', label, status: 'ok', detail: `Keine Änderung wartet. ${last}`, action: null };
}

function referenceItem(input: ReadinessInput): ReadinessItem {
  const label = 'Kataloge und Vorlagen';
  const { announced, announcedAt, local } = input.reference;
  if (!input.serverConfigured)
    return {
      id: 'reference',
      label,
      status: 'ok',
      detail: 'Lotse nutzt die mitgelieferten Kataloge und Vorlagen (kein Server eingerichtet).',
      action: null,
    };
  if (announced === null)
    return {
      id: 'reference',
      label,
      status: 'warning',
      detail: 'Der Server hat seinen Stand der Kataloge und Vorlagen noch nicht gemeldet.',
      action: 'Jetzt synchronisieren; danach zeigt diese Prüfung den Vergleich.',
    };
  const byKey = new Map(local.map((r) => [r.key, r]));
  const outdated = announced.filter((a) => {
    const mine = byKey.get(a.key);
    return mine !== undefined && mine.sha256 !== a.sha256;
  });
  const when = announcedAt ? ` (Stand des Servers vom ${formatGermanInstant(announcedAt)})` : '';
  if (outdated.length > 0) {
    const names = outdated.map((a) => `${byKey.get(a.key)!.title} (Version ${a.version})`).join(', ');
    return {
      id: 'reference',
      label,
      status: 'warning',
      detail: `Auf dem Server gibt es neuere Fassungen: ${names}${when}. Lotse nutzt die mitgelieferte Fassung.`,
      action:
        'Vor dem Termin Lotse aktualisieren lassen oder die Abweichung mit der Fachadministration klären.',
    };
  }
  return {
    id: 'reference',
    label,
    status: 'ok',
    detail: `Alle ${local.length} Kataloge und Vorlagen entsprechen dem Stand des Servers${when}.`,
    action: null,
  };
}

function leaseItem(input: ReadinessInput): ReadinessItem {
  const label = 'Offline-Freigabe';
  const dayEnd = endOfBerlinDay(input.day);
  const dayText = formatGermanDate(input.day);
  if (!input.serverConfigured)
    return {
      id: 'lease',
      label,
      status: 'ok',
      detail: 'Ohne Server gibt es keine Offline-Freigabe; Lotse arbeitet lokal.',
      action: null,
    };
  const { state, until } = input.lease;
  if (state === 'none' || until === null)
    return {
      id: 'lease',
      label,
      status: 'blocking',
      detail: 'Der Server hat diesem Gerät noch keine Offline-Freigabe erteilt.',
      action: 'Im Büronetz „Jetzt synchronisieren“ wählen; dabei erteilt der Server die Freigabe.',
    };
  if (state === 'expired' || Date.parse(until) <= input.now.getTime())
    return {
      id: 'lease',
      label,
      status: 'blocking',
      detail: `Die Offline-Freigabe ist am ${formatGermanInstant(until)} abgelaufen.`,
      action: 'Im Büronetz „Jetzt synchronisieren“ wählen, um sie zu erneuern.',
    };
  if (Date.parse(until) < dayEnd.getTime())
    return {
      id: 'lease',
      label,
      status: 'blocking',
      detail: `Die Offline-Freigabe endet am ${formatGermanInstant(until)}, vor dem Ende des ${dayText}. Danach sperrt Lotse, bis es den Server erreicht.`,
      action:
        'Am Vortag oder am Morgen des Termins im Büronetz synchronisieren; das verlängert die Freigabe.',
    };
  return {
    id: 'lease',
    label,
    status: 'ok',
    detail: `Die Offline-Freigabe gilt bis ${formatGermanInstant(until)} und reicht für den ${dayText}.`,
    action: null,
  };
}

function casesItem(input: ReadinessInput): ReadinessItem {
  const label = 'Fälle des Tages auf diesem Gerät';
  const { cases } = input;
  if (cases.length === 0)
    return {
      id: 'cases',
      label,
      status: 'warning',
      detail: 'Es sind keine Termine für den Tag ausgewählt.',
      action: 'Die Termine des Außentermins oben auswählen.',
    };
  const missing = cases.filter((c) => !c.present);
  if (missing.length > 0)
    return {
      id: 'cases',
      label,
      status: 'blocking',
      detail: `${missing.length} von ${cases.length} Fällen fehlen auf diesem Gerät: ${missing.map((c) => c.label).join(', ')}.`,
      action:
        'Im Büronetz synchronisieren; fehlt ein Fall danach noch, die Zuständigkeit mit der Teamleitung klären.',
    };
  return {
    id: 'cases',
    label,
    status: 'ok',
    detail: `${cases.length === 1 ? 'Der Fall liegt' : `Alle ${cases.length} Fälle liegen`} verschlüsselt auf diesem Gerät.`,
    action: null,
  };
}

function batteryItem(input: ReadinessInput): ReadinessItem {
  const label = 'Akku';
  const b = input.battery;
  if (!b.available)
    return {
      id: 'battery',
      label,
      status: 'unknown',
      detail: 'Der Akkustand ist auf dieser Plattform nicht verfügbar.',
      action: 'Gerät vor dem Termin vollständig laden und das Netzteil mitnehmen.',
    };
  const percent = b.percent === null ? '' : ` (${b.percent} %)`;
  if (b.onBattery && (b.percent === null || b.percent < LOW_BATTERY_PERCENT))
    return {
      id: 'battery',
      label,
      status: 'warning',
      detail: `Das Gerät läuft auf Akku${percent}.`,
      action: 'Vor dem Aufbruch ans Netz anschließen und das Netzteil mitnehmen.',
    };
  return {
    id: 'battery',
    label,
    status: 'ok',
    detail: b.onBattery ? `Das Gerät läuft auf Akku${percent}.` : `Das Gerät ist am Netz${percent}.`,
    action: 'Netzteil mitnehmen.',
  };
}

/** The readiness of the laptop for the outreach day; items in a fixed order. */
export function evaluateReadiness(input: ReadinessInput): Readiness {
  const items = [
    syncItem(input),
    referenceItem(input),
    leaseItem(input),
    casesItem(input),
    batteryItem(input),
  ];
  return {
    items,
    ready: items.every((i) => i.status !== 'blocking'),
    allOk: items.every((i) => i.status === 'ok'),
  };
}
