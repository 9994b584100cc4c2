import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../../../../shared/entities';
import {
  accessLogSummary,
  planDocumentsSummary,
  entityLabel,
  fieldLabel,
  formatFieldValue,
  formatValue,
  indicatorText,
  isMergeableText,
  refusedValues,
  rejectionOpLabel,
  syncStateHint,
  syncStateLabel,
} from './sync-view';
import { formatDateTime } from '../../components/format';

describe('sync status in German words', () => {
  it('names every state', () => {
    expect(syncStateLabel('not_configured')).toBe('Nicht eingerichtet');
    expect(syncStateLabel('idle')).toBe('Synchronisiert');
    expect(syncStateLabel('syncing')).toBe('Synchronisation läuft');
    expect(syncStateLabel('offline')).toBe('Offline');
    expect(syncStateLabel('error')).toBe('Fehler');
    expect(syncStateLabel('locked')).toBe('Anmeldung nötig');
    expect(syncStateLabel('upgrade_required')).toBe('Aktualisierung nötig');
    expect(syncStateLabel('revoked')).toBe('Gerät gesperrt');
    expect(syncStateLabel('wiped')).toBe('Daten entfernt');
    expect(syncStateLabel('stopped')).toBe('Angehalten');
  });

  it('explains the state, depending on pending changes when synchronised', () => {
    const none = { conflictCount: 0, rejectionCount: 0 };
    expect(syncStateHint({ state: 'idle', pendingCount: 0, ...none })).toMatch(/Alle Änderungen sind/);
    expect(syncStateHint({ state: 'idle', pendingCount: 3, ...none })).toMatch(/beim nächsten Abgleich/);
    // nothing waits to be sent, but a person still has to decide: not "all reconciled"
    expect(syncStateHint({ state: 'idle', pendingCount: 0, conflictCount: 2, rejectionCount: 1 })).toBe(
      'Alle Änderungen sind übertragen; offen sind noch 2 Abgleichkonflikte und 1 abgelehnte Änderung.',
    );
    expect(syncStateHint({ state: 'idle', pendingCount: 0, conflictCount: 1, rejectionCount: 0 })).toBe(
      'Alle Änderungen sind übertragen; offen ist noch 1 Abgleichkonflikt.',
    );
    expect(syncStateHint({ state: 'not_configured', pendingCount: 0, ...none })).toMatch(/kein Lotse-Server/);
    expect(syncStateHint({ state: 'offline', pendingCount: 0, ...none })).toMatch(/nicht erreichbar/);
  });

  it('shows the pending count in the header text, singular and plural, German digits', () => {
    expect(indicatorText({ state: 'idle', pendingCount: 0 })).toBe('Synchronisiert');
    expect(indicatorText({ state: 'offline', pendingCount: 1 })).toBe('Offline, 1 Änderung ausstehend');
    expect(indicatorText({ state: 'error', pendingCount: 1234 })).toBe('Fehler, 1.234 Änderungen ausstehend');
  });
});

describe('dates and values', () => {
  it('formats a timestamp as German date and Berlin time', () => {
    expect(formatDateTime('2026-11-23T08:30:00.000Z')).toBe('23.11.2026, 09:30 Uhr');
    expect(formatDateTime('2026-07-01T08:30:00.000Z')).toBe('01.07.2026, 10:30 Uhr');
    expect(formatDateTime(null, 'noch nie')).toBe('noch nie');
    expect(formatDateTime('kein Datum')).toBe('–');
  });

  it('shows values in German', () => {
    expect(formatValue(null)).toBe('(leer)');
    expect(formatValue('')).toBe('(leer)');
    expect(formatValue('Text')).toBe('Text');
    expect(formatValue(true)).toBe('Ja');
    expect(formatValue(false)).toBe('Nein');
    expect(formatValue(1500)).toBe('1.500');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue([])).toBe('(leer)');
    // structured values as readable text: one line per item, parts joined, dates in German, no ids
    expect(
      formatValue([
        { id: 'z1', description: 'Führerschein Klasse B', targetDate: '2027-06-30', achievedOn: null },
        { id: 'z2', description: 'Bewerbungstraining', targetDate: '2027-02-15', achievedOn: '2027-02-10' },
      ]),
    ).toBe('Führerschein Klasse B · 30.06.2027\nBewerbungstraining · 15.02.2027 · 10.02.2027');
    expect(formatValue({ kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' })).toBe(
      '51312 · Fachkraft für Lagerlogistik',
    );
    expect(formatValue({ count: 5, per: 'Monat', proofRequired: true, tags: ['a', 'b'] })).toBe(
      '5 · Monat · a, b',
    );
    expect(
      formatValue([
        { from: '2020-01-01', to: '2021-12-31' },
        { caseworkerId: 'ifk-2', from: '2023-05-01', to: null },
      ]),
    ).toBe('01.01.2020 – 31.12.2021\nab 01.05.2023');
    expect(formatValue({ caseId: 'c1', ids: ['x'] })).toBe('{"caseId":"c1","ids":["x"]}');
    expect(formatValue({ a: { b: { c: { d: 'tief' } } } })).toBe('{"a":{"b":{"c":{"d":"tief"}}}}');
  });

  it('shows a stored field value as people read it: choices by label, dates in German, free text as written', () => {
    expect(formatFieldValue('measure_assignments', 'kind', 'assignment')).toBe(
      'Zuweisung durch das Jobcenter',
    );
    expect(formatFieldValue('contacts', 'channel', 'jva')).toBe('Sprechtag JVA');
    expect(formatFieldValue('persons', 'birthDate', '1990-05-17')).toBe('17.05.1990');
    expect(formatFieldValue('contacts', 'occurredAt', '2026-11-23T08:30:00.000Z')).toBe(
      '23.11.2026, 09:30 Uhr',
    );
    expect(formatFieldValue('notes', 'body', '2026-03-02')).toBe('2026-03-02');
    expect(formatFieldValue('persons', 'phone', null)).toBe('(leer)');
    expect(formatFieldValue('persons', 'firstName', 'Erika')).toBe('Erika');
    expect(formatFieldValue('unbekannt', 'x', 'assignment')).toBe('assignment');
  });

  it('shows codes inside a structured value by their German label', () => {
    expect(formatFieldValue('own_efforts', 'frequency', { count: 4, per: 'month' })).toBe('4 · pro Monat');
    expect(
      formatFieldValue('own_efforts', 'proofs', [
        { form: 'bewerbungsliste', note: 'monatlich' },
        { form: 'bestaetigung-arbeitgeber' },
      ]),
    ).toBe('Liste der Bewerbungen · monatlich\nBestätigung des Arbeitgebers');
    expect(
      formatFieldValue('cooperation_plans', 'mainSteps', [
        { text: 'Lebenslauf überarbeiten', dueOn: '2026-12-15', responsible: 'gemeinsam' },
      ]),
    ).toBe('Lebenslauf überarbeiten · 15.12.2026 · Gemeinsam');
    expect(
      formatFieldValue('cases', 'substitutions', [
        { caseworkerId: 'ifk-2', from: '2026-12-01', to: '2026-12-12', reason: 'urlaub' },
      ]),
    ).toBe('01.12.2026 – 12.12.2026 · Urlaub');
    // a list of codes inside an item, and a code of a newer version as stored
    expect(
      formatFieldValue('assessments', 'entries', [
        { id: 'e1', text: 'Pünktlich', evidenceSources: ['conversation', 'employer'] },
        { id: 'e2', text: 'Ruhig', evidenceSources: ['telepathy'] },
      ]),
    ).toBe('Pünktlich · Gespräch, Arbeitgeber\nRuhig · telepathy');
    // the same shape without a definition keeps its codes
    expect(formatValue({ count: 4, per: 'month' })).toBe('4 · month');
  });

  it('lists the values of a refused edit by German field label, in German', () => {
    expect(
      refusedValues('persons', {
        phone: '0341 222',
        integrationCourseCompleted: false,
        street: null,
        firstName: 'Erika',
        shoeSize: 1500,
        germanLevel: 'none',
      }),
    ).toEqual([
      { field: 'germanLevel', label: 'Deutschkenntnisse', text: 'keine Deutschkenntnisse' },
      { field: 'shoeSize', label: 'Feld „shoeSize“', text: '1.500' },
      { field: 'integrationCourseCompleted', label: 'Integrationskurs abgeschlossen', text: 'Nein' },
      { field: 'street', label: 'Straße und Hausnummer', text: '(leer)' },
      { field: 'phone', label: 'Telefon', text: '0341 222' },
      { field: 'firstName', label: 'Vorname', text: 'Erika' },
    ]);
    // the German alphabet: „Überprüfung“ comes before „Ziel“
    expect(
      refusedValues('cooperation_plans', {
        goal: 'Arbeit',
        reviewDueOn: null,
        personalOffer: 'Beratung',
      }).map((v) => v.label),
    ).toEqual(['Persönliches Angebot', 'Überprüfung fällig am', 'Ziel']);
    expect(refusedValues('unbekannt', { phone: 'x' })).toEqual([
      { field: 'phone', label: 'Feld „phone“', text: 'x' },
    ]);
    expect(refusedValues('persons', {})).toEqual([]);
  });

  it('names the operation of a refused edit', () => {
    expect(rejectionOpLabel('create')).toBe('Neuanlage');
    expect(rejectionOpLabel('update')).toBe('Änderung');
    expect(rejectionOpLabel('archive')).toBe('Archivierung');
    expect(rejectionOpLabel(null)).toBe('Bearbeitung');
  });
});

describe('records from the entity spine', () => {
  it('uses the German record name of the entity', () => {
    expect(entityLabel('notes')).toBe('Vermerk');
    expect(entityLabel('unbekannt')).toBe('Datensatz');
    expect(entityLabel('constructor')).toBe('Datensatz');
  });

  it('names a field by its German label, never by its wire name', () => {
    expect(fieldLabel('notes', 'body')).toBe('Vermerk: Text');
    expect(fieldLabel('notes', 'title')).toBe('Vermerk: Titel');
    expect(fieldLabel('persons', 'phone')).toBe('Person: Telefon');
    expect(fieldLabel('persons', 'birthDate')).toBe('Person: Geburtsdatum');
    expect(fieldLabel('cases', 'caseNumber')).toBe('Fall: Aktenzeichen');
    expect(fieldLabel('measure_assignments', 'plannedEnd')).toBe('Maßnahmezuweisung: Geplantes Ende');
    expect(fieldLabel('cooperation_plans', 'reviewDueOn')).toBe('Kooperationsplan: Überprüfung fällig am');
  });

  it('falls back to the wire name, marked as a field, for an unknown entity or field', () => {
    expect(fieldLabel('notes', 'mood')).toBe('Vermerk: Feld „mood“');
    expect(fieldLabel('notes', 'toString')).toBe('Vermerk: Feld „toString“');
    expect(fieldLabel('unbekannt', 'body')).toBe('Datensatz: Feld „body“');
  });

  it('has a German label for every field of every entity, distinct within the entity', () => {
    for (const name of ENTITY_NAMES) {
      const def = ENTITIES[name];
      const labels = new Map<string, string>(Object.entries(def.fieldLabels));
      const seen = new Set<string>();
      for (const field of Object.keys(def.fields)) {
        const label = labels.get(field) ?? '';
        expect(label.trim(), `${name}.${field}`).not.toBe('');
        expect(label, `${name}.${field}`).not.toBe(field);
        expect(seen.has(label), `${name}.${field}: „${label}“ twice`).toBe(false);
        seen.add(label);
        expect(fieldLabel(name, field)).toBe(`${def.label}: ${label}`);
      }
    }
  });

  it('offers merging only for free-text fields', () => {
    expect(isMergeableText('notes', 'body')).toBe(true);
    expect(isMergeableText('notes', 'title')).toBe(false);
    expect(isMergeableText('unbekannt', 'body')).toBe(false);
  });
});

describe('the access log in German words', () => {
  it('says whether openings of cases still wait for the server', () => {
    expect(accessLogSummary({ pending: 0, oldestPendingAt: null })).toBe(
      'Alle Fallaufrufe sind im Zugriffsprotokoll des Servers.',
    );
    expect(accessLogSummary({ pending: 1, oldestPendingAt: '2026-03-02T08:00:00.000Z' })).toBe(
      '1 Fallaufruf wartet auf die Übertragung ins Zugriffsprotokoll des Servers (ältester: 02.03.2026, 09:00 Uhr).',
    );
    expect(accessLogSummary({ pending: 1200, oldestPendingAt: null })).toMatch(
      /^1\.200 Fallaufrufe warten .*ältester: –\)\.$/,
    );
    // without a server nothing goes anywhere: no claim about the server's log
    expect(accessLogSummary({ pending: 0, oldestPendingAt: null }, false)).toBe(
      'Ohne Server bleibt das Zugriffsprotokoll verschlüsselt auf diesem Gerät; jeder Fallaufruf wird dort festgehalten.',
    );
  });
});

describe('plan documents in German words', () => {
  it('says how many plan PDFs still wait for the server and how large they are', () => {
    expect(planDocumentsSummary({ pending: 0, pendingBytes: 0 })).toBe(
      'Alle ausgehändigten Kooperationspläne liegen als PDF auf dem Server.',
    );
    expect(planDocumentsSummary({ pending: 1, pendingBytes: 1.5 * 1024 * 1024 })).toBe(
      '1 PDF eines Kooperationsplans wartet auf die Übertragung zum Server (1,5 MB); ein abgebrochener Upload wird fortgesetzt.',
    );
    expect(planDocumentsSummary({ pending: 1200, pendingBytes: 0 })).toMatch(
      /^1\.200 PDFs von Kooperationsplänen warten .*\(0 MB\)/,
    );
    expect(planDocumentsSummary({ pending: 0, pendingBytes: 0 }, false)).toBe(
      'Ohne Server bleiben die PDFs ausgehändigter Kooperationspläne auf diesem Gerät.',
    );
  });
});
