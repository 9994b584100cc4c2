import { describe, expect, it } from 'vitest';
import cases, { demoRows } from './cases/sync-e2e.bench';

/** The cases' shape only: running them needs PostgreSQL, the server process and PouchDB (npm run bench). */
describe('sync end-to-end bench cases', () => {
  it('measures the first sync and the PouchDB peer at the same sizes, their ratio, and the edit round trip', () => {
    const byName = (name: string) => cases.filter((c) => c.name === name);
    const sizes = (name: string) => byName(name).map((c) => c.params['cases']);
    expect(sizes('sync.initial').length).toBeGreaterThan(0);
    expect(sizes('sync.peer_pouchdb')).toEqual(sizes('sync.initial'));
    expect(sizes('sync.initial_vs_pouchdb')).toEqual(sizes('sync.initial'));
    for (const c of byName('sync.initial')) expect([c.unit, c.lowerIsBetter]).toEqual(['rows/s', false]);
    for (const c of byName('sync.peer_pouchdb')) expect([c.unit, c.lowerIsBetter]).toEqual(['docs/s', false]);
    for (const c of byName('sync.initial_vs_pouchdb')) expect(c.params['target']).toBe(5);
    const [roundtrip] = byName('sync.edit_roundtrip');
    expect(roundtrip?.unit).toBe('ms');
    expect(roundtrip?.runs).toBeGreaterThanOrEqual(5);
  });

  it('seeds realistic demo cases: every case with its household, person and further records', () => {
    const rows = demoRows(3, 'ifk-1');
    const entities = new Set(rows.map((r) => r.entity));
    for (const e of ['households', 'persons', 'cases', 'notes', 'appointments'])
      expect(entities).toContain(e);
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(3);
    expect(rows.every((r) => r.rowVersion === 1)).toBe(true);
  });
});
