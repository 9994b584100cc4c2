/** Pure helpers of the sync screens: the engine's status and records in German words. */
import { ENTITIES, nestedValueLabel, valueLabel, type EntityDefinition } from '../../../../shared/entities';
import type {
  AccessLogStatusDto,
  PlanDocumentUploadsDto,
  SyncStatusDto,
} from '../../../../shared/ipc/sync-contract';
import { stillOpen } from '../../../../shared/sync/open-decisions';
import { isIsoDate, isoInstantSchema } from '../../../../shared/domain/common/dates';
import { formatDate, formatDateTime } from '../../components/format';

export type SyncState = SyncStatusDto['state'];

const STATE_LABELS: Record<SyncState, string> = {
  not_configured: 'Nicht eingerichtet',
  idle: 'Synchronisiert',
  syncing: 'Synchronisation läuft',
  offline: 'Offline',
  error: 'Fehler',
  upgrade_required: 'Aktualisierung nötig',
  revoked: 'Gerät gesperrt',
  signed_out: 'Neu anmelden',
  wiped: 'Daten entfernt',
  locked: 'Anmeldung nötig',
  stopped: 'Angehalten',
};

/** The state of the sync engine in German words ('idle' -> 'Synchronisiert'). */
export function syncStateLabel(state: SyncState): string {
  return STATE_LABELS[state];
}

/** A German sentence explaining the state for the page. */
export function syncStateHint(
  status: Pick<SyncStatusDto, 'state' | 'pendingCount' | 'conflictCount' | 'rejectionCount'>,
): string {
  switch (status.state) {
    case 'not_configured':
      return 'Für dieses Gerät ist kein Lotse-Server eingerichtet. Sie arbeiten vollständig offline; Ihre Änderungen bleiben lokal verschlüsselt gespeichert.';
    case 'idle': {
      if (status.pendingCount > 0) return 'Die Änderungen werden beim nächsten Abgleich übertragen.';
      const open = stillOpen(status.conflictCount, status.rejectionCount);
      return open === ''
        ? 'Alle Änderungen sind mit dem Server abgeglichen.'
        : `Alle Änderungen sind übertragen; offen ${open}.`;
    }
    case 'syncing':
      return 'Der Abgleich mit dem Server läuft. Sie können währenddessen weiterarbeiten.';
    case 'offline':
      return 'Der Server ist nicht erreichbar. Sie können weiterarbeiten; der Abgleich folgt, sobald die Verbindung besteht.';
    case 'error':
      return 'Der letzte Abgleich ist fehlgeschlagen. Lotse versucht es selbstständig erneut.';
    case 'upgrade_required':
      return 'Der Server verlangt eine neuere Lotse-Version. Bitte lassen Sie Lotse aktualisieren.';
    case 'revoked':
      return 'Dieses Gerät wurde für den Abgleich gesperrt. Bitte wenden Sie sich an die IT.';
    case 'signed_out':
      return 'Ihre Anmeldung am Server ist abgelaufen oder wurde widerrufen. Bitte melden Sie sich erneut an; Ihre Änderungen bleiben auf diesem Gerät und werden danach übertragen.';
    case 'wiped':
      return 'Die lokalen Daten wurden auf Anweisung des Servers entfernt.';
    case 'locked':
      return 'Bitte melden Sie sich erneut an, damit der Abgleich fortgesetzt werden kann.';
    case 'stopped':
      return 'Der Abgleich ist angehalten.';
  }
}

/** The definition of an entity named on the wire (undefined for an unknown name). */
function definitionOf(entity: string): EntityDefinition | undefined {
  return Object.hasOwn(ENTITIES, entity)
    ? (ENTITIES as Readonly<Record<string, EntityDefinition>>)[entity]
    : undefined;
}

/** German name of one record of an entity ('notes' -> 'Vermerk'); unknown names as 'Datensatz'. */
export function entityLabel(entity: string): string {
  return definitionOf(entity)?.label ?? 'Datensatz';
}

/** Whether a field is free text merged on concurrent edits (then "Zusammenführen" is offered). */
export function isMergeableText(entity: string, field: string): boolean {
  const def = definitionOf(entity);
  return def !== undefined && Object.hasOwn(def.fields, field) && def.fields[field]?.policy === 'text-merge';
}

/** German label of a field from its definition ('notes', 'body' -> 'Text'); unknown as 'Feld „body“'. */
function labelOfField(entity: string, field: string): string {
  const def = definitionOf(entity);
  const label = def && Object.hasOwn(def.fieldLabels, field) ? def.fieldLabels[field] : undefined;
  return label ?? `Feld „${field}“`;
}

/** The field of a conflict with its record's German name ('notes', 'body' -> 'Vermerk: Text'). */
export function fieldLabel(entity: string, field: string): string {
  return `${entityLabel(entity)}: ${labelOfField(entity, field)}`;
}

/**
 * A stored value for display: text as is, empty as '(leer)', yes/no in German, numbers in German
 * format, a list of plain values joined by commas, a structured value as readable text (see
 * structuredText); JSON only when nothing readable is left.
 */
export function formatValue(value: unknown): string {
  return valueText(value, null);
}

/** A code inside a structured value by its path from the field, in German words; null if none. */
interface Codes {
  readonly field: string;
  label(path: string, value: unknown): string | null;
}

function valueText(value: unknown, codes: Codes | null): string {
  if (value === null || value === undefined || value === '') return '(leer)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nein';
  if (typeof value === 'number') return new Intl.NumberFormat('de-DE').format(value);
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))
    return value.length === 0 ? '(leer)' : value.map((v) => formatValue(v)).join(', ');
  const text = structuredText(value, 0, codes?.field ?? '', codes);
  return text !== '' ? text : JSON.stringify(value);
}

/** A date or point in time in German (the domain's checks), other text as written. */
function textOf(value: string): string {
  if (isIsoDate(value)) return formatDate(value);
  if (isoInstantSchema.safeParse(value).success) return formatDateTime(value, value);
  return value;
}

/** Keys people do not read: record ids and references to other records. */
const isIdKey = (key: string) => key === 'id' || key === 'ids' || /Ids?$/.test(key);

/**
 * A structured value (a list of steps, an occupation, a frequency) as people can read it: each
 * item of a list on its own line, the parts of an item joined by ' · ' in their stored order, dates
 * in German, codes by their German label where the definition names them ('frequency.per': 'month'
 * -> 'pro Monat'); ids, empty parts and yes/no flags without their name are left out. Two levels deep.
 */
function structuredText(value: unknown, depth: number, path: string, codes: Codes | null): string {
  if (Array.isArray(value))
    return value
      .map((item) =>
        item !== null && typeof item === 'object'
          ? structuredText(item, depth + 1, path, codes)
          : (codes?.label(path, item) ?? part(item)),
      )
      .filter((t) => t !== '')
      .join(depth === 0 ? '\n' : ', ');
  if (value === null || typeof value !== 'object') return codes?.label(path, value) ?? part(value);
  const record = value as Record<string, unknown>;
  // a period {from, to} reads as one part: "01.01.2020 – 31.12.2021", open-ended "ab 01.05.2023"
  const period = typeof record['from'] === 'string' && Object.hasOwn(record, 'to');
  const parts: string[] = [];
  for (const [key, v] of Object.entries(record)) {
    if (isIdKey(key) || typeof v === 'boolean' || (period && key === 'to')) continue;
    const at = path === '' ? key : `${path}.${key}`;
    if (period && key === 'from') parts.push(periodText(record['from'] as string, record['to']));
    else if (v !== null && typeof v === 'object')
      parts.push(depth < 2 ? structuredText(v, depth + 1, at, codes) : '');
    else parts.push(codes?.label(at, v) ?? part(v));
  }
  return parts.filter((t) => t !== '').join(' · ');
}

function periodText(from: string, to: unknown): string {
  return typeof to === 'string' && to !== '' ? `${textOf(from)} – ${textOf(to)}` : `ab ${textOf(from)}`;
}

function part(value: unknown): string {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return '';
  if (typeof value === 'string') return textOf(value);
  return formatValue(value);
}

/**
 * A stored value of one field as people read it: a choice by its German label ('assignment' ->
 * 'Zuweisung durch das Jobcenter'), a date as '02.03.2026', a point in time as '02.03.2026, 09:30
 * Uhr' (free text stays as written), everything else as formatValue.
 */
export function formatFieldValue(entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(leer)';
  const def = definitionOf(entity);
  const f = def && Object.hasOwn(def.fields, field) ? def.fields[field] : undefined;
  if (def && f) {
    const label = valueLabel(def, field, value);
    if (label !== null) return label;
    if (typeof value === 'string' && f.policy !== 'text-merge') return textOf(value);
    return valueText(value, { field, label: (path, v) => nestedValueLabel(def, path, v) });
  }
  return formatValue(value);
}

const labelOrder = new Intl.Collator('de-DE');

/**
 * The values a refused edit of a record of `entity` carried, per field with its German label, in
 * the order of the labels (German alphabet), for display ('(leer)' for empty).
 */
export function refusedValues(
  entity: string,
  values: Readonly<Record<string, unknown>>,
): { field: string; label: string; text: string }[] {
  return Object.keys(values)
    .map((field) => ({
      field,
      label: labelOfField(entity, field),
      text: formatFieldValue(entity, field, values[field]),
    }))
    .sort((a, b) => labelOrder.compare(a.label, b.label) || labelOrder.compare(a.field, b.field));
}

/** The operation of a refused edit in German. */
export function rejectionOpLabel(op: 'create' | 'update' | 'archive' | null): string {
  switch (op) {
    case 'create':
      return 'Neuanlage';
    case 'update':
      return 'Änderung';
    case 'archive':
      return 'Archivierung';
    default:
      return 'Bearbeitung';
  }
}

/** Text for the header indicator: the state, plus pending changes when there are any. */
export function indicatorText(status: Pick<SyncStatusDto, 'state' | 'pendingCount'>): string {
  const label = syncStateLabel(status.state);
  if (status.pendingCount === 0) return label;
  const n = new Intl.NumberFormat('de-DE').format(status.pendingCount);
  return `${label}, ${n} ${status.pendingCount === 1 ? 'Änderung' : 'Änderungen'} ausstehend`;
}

/** The access log on the sync page: how many openings of cases still wait for the server. */
export function accessLogSummary(
  status: Pick<AccessLogStatusDto, 'pending' | 'oldestPendingAt'>,
  serverConfigured = true,
): string {
  if (status.pending === 0)
    return serverConfigured
      ? 'Alle Fallaufrufe sind im Zugriffsprotokoll des Servers.'
      : 'Ohne Server bleibt das Zugriffsprotokoll verschlüsselt auf diesem Gerät; jeder Fallaufruf wird dort festgehalten.';
  const n = new Intl.NumberFormat('de-DE').format(status.pending);
  const what = status.pending === 1 ? 'Fallaufruf wartet' : 'Fallaufrufe warten';
  return `${n} ${what} auf die Übertragung ins Zugriffsprotokoll des Servers (ältester: ${formatDateTime(status.oldestPendingAt)}).`;
}

/** Plan PDFs on the sync page: how many still wait for the server's document store, and their size. */
export function planDocumentsSummary(
  status: Pick<PlanDocumentUploadsDto, 'pending' | 'pendingBytes'>,
  serverConfigured = true,
): string {
  if (status.pending === 0)
    return serverConfigured
      ? 'Alle ausgehändigten Kooperationspläne liegen als PDF auf dem Server.'
      : 'Ohne Server bleiben die PDFs ausgehändigter Kooperationspläne auf diesem Gerät.';
  const n = new Intl.NumberFormat('de-DE').format(status.pending);
  const size = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(
    status.pendingBytes / (1024 * 1024),
  );
  const what =
    status.pending === 1 ? 'PDF eines Kooperationsplans wartet' : 'PDFs von Kooperationsplänen warten';
  return `${n} ${what} auf die Übertragung zum Server (${size} MB); ein abgebrochener Upload wird fortgesetzt.`;
}
