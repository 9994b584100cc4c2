import { describe, expect, it } from 'vitest';
import { endOfBerlinDay, evaluateReadiness, type ReadinessInput } from './readiness';

const LOCAL = [
  { key: 'measure-catalogue', title: 'Maßnahmekatalog', sha256: 'aaa' },
  { key: 'strategies', title: 'Handlungsstrategien', sha256: 'bbb' },
];

function input(overrides: Partial<ReadinessInput> = {}): ReadinessInput {
  return {
    now: new Date('2026-12-01T15:00:00Z'),
    day: '2026-12-02',
    serverConfigured: true,
    sync: { pendingCount: 0, lastSuccessAt: '2026-12-01T14:50:00Z', conflictCount: 0, rejectionCount: 0 },
    reference: {
      announced: [
        { key: 'measure-catalogue', version: 1, sha256: 'aaa' },
        { key: 'strategies', version: 1, sha256: 'bbb' },
      ],
      announcedAt: '2026-12-01T14:50:00Z',
      local: LOCAL,
    },
    lease: { state: 'valid', until: '2026-12-04T14:50:00Z' },
    cases: [
      { caseId: 'c1', label: 'OSZ-2026-000001', present: true },
      { caseId: 'c2', label: 'OSZ-2026-000002', present: true },
    ],
    battery: { available: true, onBattery: false, percent: 95 },
    ...overrides,
  };
}

const item = (r: ReturnType<typeof evaluateReadiness>, id: string) => r.items.find((i) => i.id === id)!;

describe('readiness for the outreach day', () => {
  it('everything synced, current, leased and present is ready with nothing to do', () => {
    const r = evaluateReadiness(input());
    expect(r.ready).toBe(true);
    expect(r.allOk).toBe(true);
    expect(r.items.map((i) => i.id)).toEqual(['sync', 'reference', 'lease', 'cases', 'battery']);
    expect(item(r, 'sync').detail).toContain('Letzte erfolgreiche Synchronisation: 01.12.2026, 15:50 Uhr');
    expect(item(r, 'lease').detail).toContain('reicht für den 02.12.2026');
  });

  it('pending changes warn with the count and what to do', () => {
    const r = evaluateReadiness(input({ sync: { ...input().sync, pendingCount: 3 } }));
    expect(item(r, 'sync')).toMatchObject({
      status: 'warning',
      detail: expect.stringContaining('3 Änderungen warten'),
    });
    expect(item(r, 'sync').action).toContain('Jetzt synchronisieren');
    expect(r.ready).toBe(true);
    expect(r.allOk).toBe(false);
  });

  it('never synced blocks; a stale sync and open conflicts warn', () => {
    expect(
      item(evaluateReadiness(input({ sync: { ...input().sync, lastSuccessAt: null } })), 'sync').status,
    ).toBe('blocking');
    const stale = evaluateReadiness(
      input({ sync: { ...input().sync, lastSuccessAt: '2026-11-30T08:00:00Z' } }),
    );
    expect(item(stale, 'sync')).toMatchObject({
      status: 'warning',
      detail: expect.stringContaining('älter als 12 Stunden'),
    });
    const open = evaluateReadiness(input({ sync: { ...input().sync, conflictCount: 1 } }));
    expect(item(open, 'sync').detail).toMatch(/Offen ist noch 1 Abgleichkonflikt\.$/);
    const both = evaluateReadiness(input({ sync: { ...input().sync, conflictCount: 2, rejectionCount: 1 } }));
    expect(item(both, 'sync').detail).toMatch(
      /Offen sind noch 2 Abgleichkonflikte und 1 abgelehnte Änderung\.$/,
    );
  });

  it('reference data: a newer server version is named; never announced asks for a sync', () => {
    const newer = evaluateReadiness(
      input({
        reference: {
          ...input().reference,
          announced: [
            { key: 'measure-catalogue', version: 4, sha256: 'zzz' },
            { key: 'strategies', version: 1, sha256: 'bbb' },
          ],
        },
      }),
    );
    expect(item(newer, 'reference')).toMatchObject({
      status: 'warning',
      detail: expect.stringContaining('Maßnahmekatalog (Version 4)'),
    });
    expect(item(newer, 'reference').detail).not.toContain('Handlungsstrategien');
    const never = evaluateReadiness(
      input({ reference: { ...input().reference, announced: null, announcedAt: null } }),
    );
    expect(item(never, 'reference').status).toBe('warning');
    // a document the server has and this build does not know is not a difference to act on
    const unknown = evaluateReadiness(
      input({
        reference: {
          ...input().reference,
          announced: [...input().reference.announced!, { key: 'new-doc', version: 1, sha256: 'x' }],
        },
      }),
    );
    expect(item(unknown, 'reference').status).toBe('ok');
  });

  it('the lease must last until the end of the chosen day (Berlin midnight)', () => {
    // the day 02.12.2026 ends at 23:00 UTC (CET)
    expect(endOfBerlinDay('2026-12-02').toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(endOfBerlinDay('2026-07-02').toISOString()).toBe('2026-07-02T22:00:00.000Z');
    const short = evaluateReadiness(input({ lease: { state: 'valid', until: '2026-12-02T12:00:00Z' } }));
    expect(item(short, 'lease')).toMatchObject({
      status: 'blocking',
      detail: expect.stringContaining('endet am 02.12.2026, 13:00 Uhr, vor dem Ende des 02.12.2026'),
    });
    expect(short.ready).toBe(false);
    const exact = evaluateReadiness(input({ lease: { state: 'valid', until: '2026-12-02T23:00:00Z' } }));
    expect(item(exact, 'lease').status).toBe('ok');
    const expired = evaluateReadiness(input({ lease: { state: 'expired', until: '2026-11-30T12:00:00Z' } }));
    expect(item(expired, 'lease').detail).toContain('abgelaufen');
    expect(item(evaluateReadiness(input({ lease: { state: 'none', until: null } })), 'lease').status).toBe(
      'blocking',
    );
  });

  it('a case of the day missing locally blocks and is named; no appointments chosen warns', () => {
    const r = evaluateReadiness(
      input({
        cases: [
          { caseId: 'c1', label: 'OSZ-2026-000001', present: true },
          { caseId: 'c2', label: 'OSZ-2026-000002', present: false },
        ],
      }),
    );
    expect(item(r, 'cases')).toMatchObject({
      status: 'blocking',
      detail: expect.stringContaining('1 von 2 Fällen fehlen'),
    });
    expect(item(r, 'cases').detail).toContain('OSZ-2026-000002');
    expect(item(evaluateReadiness(input({ cases: [] })), 'cases').status).toBe('warning');
  });

  it('battery: not available says so; on battery below 80 % warns', () => {
    const none = item(evaluateReadiness(input({ battery: { available: false } })), 'battery');
    expect(none).toMatchObject({ status: 'unknown', detail: expect.stringContaining('nicht verfügbar') });
    const low = item(
      evaluateReadiness(input({ battery: { available: true, onBattery: true, percent: 40 } })),
      'battery',
    );
    expect(low).toMatchObject({ status: 'warning', detail: 'Das Gerät läuft auf Akku (40 %).' });
    const unknownCharge = item(
      evaluateReadiness(input({ battery: { available: true, onBattery: true, percent: null } })),
      'battery',
    );
    expect(unknownCharge.status).toBe('warning');
    expect(evaluateReadiness(input({ battery: { available: false } })).ready).toBe(true);
  });

  it('without a server: nothing to sync or lease, a warning that the data stay on this device', () => {
    const r = evaluateReadiness(input({ serverConfigured: false, lease: { state: 'none', until: null } }));
    expect(item(r, 'sync').status).toBe('warning');
    expect(item(r, 'lease').status).toBe('ok');
    expect(item(r, 'reference').status).toBe('ok');
    expect(r.ready).toBe(true);
  });
});

describe('blank consent forms', () => {
  it('one page per copy, German wording with voluntariness, withdrawal and fields to fill by hand; input escaped', async () => {
    const { renderConsentForms } = await import('./consent-form');
    const html = renderConsentForms({
      day: '2026-12-02',
      location: 'JVA Torgau <Haus 2>',
      officeName: 'Jobcenter Nordsachsen, Standort Torgau',
      copies: 3,
    });
    expect(html.match(/<section class="form"/g)).toHaveLength(3);
    expect(html).toContain('Einwilligung in die Verarbeitung personenbezogener Daten');
    expect(html).toContain('Kontakt vor der Haftentlassung (JVA)');
    expect(html).toContain('jederzeit');
    expect(html).toContain('Art. 7 Abs. 3 DSGVO');
    expect(html).toContain('Unterschrift der Person');
    expect(html).toContain('Geburtsdatum (TT.MM.JJJJ)');
    expect(html).toContain('am 02.12.2026');
    expect(html).toContain('JVA Torgau &lt;Haus 2&gt;');
    expect(html).not.toContain('<Haus 2>');
    expect(
      renderConsentForms({ day: '2026-12-02', location: 'x', officeName: 'y', copies: 500 }).match(
        /<section/g,
      ),
    ).toHaveLength(50);
  });
});
