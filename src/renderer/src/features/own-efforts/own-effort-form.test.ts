import { describe, expect, it } from 'vitest';
import { checkOwnEffortForm, checkProofForm } from './own-effort-form';

const effort = {
  description: 'Bewerbungen als Lagerhelfer',
  count: '4',
  per: 'month',
  proof: 'bewerbungsliste',
  agreedOn: '01.12.2026',
  endsOn: '',
};

describe('checkOwnEffortForm', () => {
  it('gives the values for own-efforts:create', () => {
    expect(checkOwnEffortForm(effort)).toEqual({
      ok: true,
      values: {
        description: 'Bewerbungen als Lagerhelfer',
        frequency: { count: 4, per: 'month' },
        proof: 'bewerbungsliste',
        agreedOn: '2026-12-01',
        endsOn: null,
        planId: null,
      },
    });
  });

  it('puts German messages at the fields: what, how often, which proof, dates', () => {
    const r = checkOwnEffortForm({
      description: ' ',
      count: '0',
      per: '',
      proof: '',
      agreedOn: '31.11.2026',
      endsOn: '1.1.26',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      description: 'Bitte die Eigenbemühung beschreiben.',
      count: 'Bitte angeben, wie oft (mindestens einmal).',
      per: 'Bitte den Zeitraum wählen.',
      proof: 'Bitte den Nachweis wählen.',
      agreedOn: expect.stringMatching(/November/),
      endsOn: expect.stringMatching(/TT\.MM\.JJJJ/),
    });
    const many = checkOwnEffortForm({ ...effort, count: '51', endsOn: '30.11.2026' });
    expect(many.ok ? {} : many.errors).toEqual({
      count: 'Höchstens 50 Mal je Zeitraum.',
      endsOn: 'Das Ende liegt vor der Vereinbarung.',
    });
  });
});

describe('checkProofForm', () => {
  const proof = { receivedOn: '15.12.2026', form: 'bewerbungsliste', count: '2', note: '' };
  it('gives the receipt for own-efforts:record-proof', () => {
    expect(checkProofForm(proof, '2026-12-01')).toEqual({
      ok: true,
      values: { receivedOn: '2026-12-15', form: 'bewerbungsliste', count: 2, note: null },
    });
    expect(checkProofForm({ ...proof, count: '', note: ' per Post ' }, '2026-12-01')).toMatchObject({
      ok: true,
      values: { count: 1, note: 'per Post' },
    });
  });
  it('refuses a proof before the agreement, a missing form and a bad count, in German', () => {
    const r = checkProofForm({ receivedOn: '30.11.2026', form: '', count: '0', note: '' }, '2026-12-01');
    expect(r.ok ? {} : r.errors).toEqual({
      receivedOn: 'Ein Nachweis kann nicht vor der Vereinbarung eingegangen sein.',
      form: 'Bitte die Form des Nachweises wählen.',
      count: 'Bitte eine Anzahl von 1 bis 200 angeben.',
    });
    const bad = checkProofForm({ ...proof, receivedOn: '' }, '2026-12-01');
    expect(bad.ok ? {} : bad.errors).toEqual({ receivedOn: 'Bitte ein Datum angeben (TT.MM.JJJJ).' });
  });
});
