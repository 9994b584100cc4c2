import { describe, expect, it } from 'vitest';
import '../../validation';
import {
  appointmentSchema,
  canChangeAppointmentStatus,
  consecutiveMissed,
  lastContactOn,
} from './appointment';
import { canMoveToPhase, caseSchema, responsibleCaseworker } from './case';
import { householdSchema, isSingleParentHousehold, minorChildrenOn } from './household';
import { isPrintable, noteSchema } from './note';
import { officeName, OFFICES } from './office';
import { languageLevelAtLeast, personSchema } from './person';

const baseCase = {
  id: 'c1',
  caseNumber: '04758-2026-0001',
  personId: 'p1',
  officeId: 'torgau',
  caseworkerId: 'u-ifk-1',
  phase: 1,
  status: 'aktiv',
  openedOn: '2026-01-05',
};

describe('case', () => {
  it('accepts a valid case and fills defaults', () => {
    const c = caseSchema.parse(baseCase);
    expect(c.closedOn).toBeNull();
    expect(c.substitutions).toEqual([]);
  });

  it.each([
    [{ officeId: 'leipzig' }, 'Bitte einen der vier Standorte wählen.'],
    [{ phase: 5 }, 'Die Phase muss 1, 2, 3 oder 4 sein.'],
    [{ status: 'abgeschlossen' }, 'Ein abgeschlossener Fall braucht ein Abschlussdatum.'],
    [{ closedOn: '2026-02-01' }, 'Nur abgeschlossene Fälle haben ein Abschlussdatum.'],
    [{ status: 'abgeschlossen', closedOn: '2025-12-31' }, 'Der Fall kann nicht vor seiner Eröffnung enden.'],
    [
      { caseNumber: 'x' },
      'Das Aktenzeichen besteht aus Ziffern, Großbuchstaben, / und - (3 bis 40 Zeichen).',
    ],
    [{ openedOn: '2026-02-30' }, 'Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.'],
  ])('refuses %o with a German message', (patch, message) => {
    const result = caseSchema.safeParse({ ...baseCase, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('hands the case to the substitute only during the substitution', () => {
    const c = caseSchema.parse({
      ...baseCase,
      substitutions: [{ caseworkerId: 'u-ifk-2', from: '2026-03-01', to: '2026-03-14', reason: 'urlaub' }],
    });
    expect(responsibleCaseworker(c, '2026-02-28')).toBe('u-ifk-1');
    expect(responsibleCaseworker(c, '2026-03-01')).toBe('u-ifk-2');
    expect(responsibleCaseworker(c, '2026-03-14')).toBe('u-ifk-2');
    expect(responsibleCaseworker(c, '2026-03-15')).toBe('u-ifk-1');
  });

  it('refuses a substitution that ends before it starts', () => {
    const r = caseSchema.safeParse({
      ...baseCase,
      substitutions: [{ caseworkerId: 'u2', from: '2026-03-10', to: '2026-03-01', reason: 'urlaub' }],
    });
    expect(r.error?.issues[0]?.message).toBe('Die Vertretung darf nicht vor ihrem Beginn enden.');
  });

  it('moves one phase forward or back to any earlier phase', () => {
    expect(canMoveToPhase(1, 2)).toBe(true);
    expect(canMoveToPhase(1, 3)).toBe(false);
    expect(canMoveToPhase(4, 1)).toBe(true);
    expect(canMoveToPhase(2, 2)).toBe(false);
  });

  it('names the four offices', () => {
    expect(OFFICES.map((o) => o.name)).toEqual(['Oschatz', 'Delitzsch', 'Eilenburg', 'Torgau']);
    expect(officeName('eilenburg')).toBe('Eilenburg');
  });
});

describe('person', () => {
  const person = {
    id: 'p1',
    customerNumber: '123A456789',
    firstName: 'Jürgen',
    lastName: 'Müßig',
    birthDate: '1990-02-28',
  };

  it('accepts umlauts and fills defaults', () => {
    const p = personSchema.parse(person);
    expect(p.disability).toBe('none');
    expect(p.benefitPeriods).toEqual([]);
    expect(p.germanLevel).toBeNull();
  });

  it('has no field for diagnoses', () => {
    const p = personSchema.parse({ ...person, diagnosis: 'F32.1' });
    expect(p).not.toHaveProperty('diagnosis');
  });

  it.each([
    [{ firstName: '  ' }, 'Bitte den Vornamen angeben.'],
    [
      { preferredLanguage: 'Ukrainisch' },
      'Bitte einen Sprachcode aus zwei Kleinbuchstaben angeben (z. B. „uk“).',
    ],
    [
      { benefitPeriods: [{ from: '2025-05-01', to: '2025-04-01' }] },
      'Das Ende darf nicht vor dem Beginn liegen.',
    ],
    [{ customerNumber: 'x'.repeat(51) }, 'Höchstens 50 Zeichen erlaubt.'],
  ])('refuses %o', (patch, message) => {
    const r = personSchema.safeParse({ ...person, ...patch });
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });

  it('orders language levels', () => {
    expect(languageLevelAtLeast('B1', 'A2')).toBe(true);
    expect(languageLevelAtLeast('A2', 'B1')).toBe(false);
    expect(languageLevelAtLeast('none', 'A1')).toBe(false);
  });
});

describe('household', () => {
  const single = householdSchema.parse({
    id: 'h1',
    householdNumber: '04758BG0001',
    members: [
      { role: 'applicant', birthDate: '1988-05-01' },
      { role: 'child', birthDate: '2015-06-01' },
    ],
  });

  it('counts minor children on a date', () => {
    expect(minorChildrenOn(single, '2033-05-31')).toBe(1);
    expect(minorChildrenOn(single, '2033-06-01')).toBe(0);
  });

  it('recognises single parents, not couples or adults without minors', () => {
    expect(isSingleParentHousehold(single, '2026-01-01')).toBe(true);
    expect(isSingleParentHousehold(single, '2034-01-01')).toBe(false);
    const couple = householdSchema.parse({
      ...single,
      members: [...single.members, { role: 'partner', birthDate: '1987-01-01' }],
    });
    expect(isSingleParentHousehold(couple, '2026-01-01')).toBe(false);
  });

  it('refuses an empty household', () => {
    const r = householdSchema.safeParse({ id: 'h', householdNumber: 'B', members: [] });
    expect(r.error?.issues[0]?.message).toBe('Eine Bedarfsgemeinschaft hat mindestens ein Mitglied.');
  });
});

describe('appointments', () => {
  const at = (startsAt: string, status: 'geplant' | 'wahrgenommen' | 'versaeumt' | 'abgesagt') => ({
    startsAt,
    status,
  });

  it('validates an appointment', () => {
    const a = appointmentSchema.parse({
      id: 'a1',
      caseId: 'c1',
      startsAt: '2026-03-02T09:00:00+01:00',
      durationMinutes: 30,
      kind: 'beratung',
    });
    expect(a.status).toBe('geplant');
    expect(appointmentSchema.safeParse({ ...a, durationMinutes: 2 }).error?.issues[0]?.message).toBe(
      'Ein Termin dauert mindestens 5 Minuten.',
    );
  });

  it('finds the last attended contact on or before a date', () => {
    const list = [
      at('2026-01-10T09:00:00Z', 'wahrgenommen'),
      at('2026-02-10T09:00:00Z', 'versaeumt'),
      at('2026-03-10T09:00:00Z', 'wahrgenommen'),
      at('2026-04-10T09:00:00Z', 'geplant'),
    ];
    expect(lastContactOn(list, '2026-03-09')).toBe('2026-01-10');
    expect(lastContactOn(list, '2026-05-01')).toBe('2026-03-10');
    expect(lastContactOn([], '2026-05-01')).toBeNull();
  });

  it('counts missed appointments in a row, ignoring cancelled ones', () => {
    const list = [
      at('2026-01-10T09:00:00Z', 'wahrgenommen'),
      at('2026-02-10T09:00:00Z', 'versaeumt'),
      at('2026-02-20T09:00:00Z', 'abgesagt'),
      at('2026-03-10T09:00:00Z', 'versaeumt'),
      at('2026-04-10T09:00:00Z', 'geplant'),
    ];
    expect(consecutiveMissed(list, '2026-03-31')).toBe(2);
    expect(consecutiveMissed(list, '2026-02-15')).toBe(1);
    expect(consecutiveMissed(list, '2026-01-31')).toBe(0);
  });

  it('allows status corrections but not from attended to cancelled', () => {
    expect(canChangeAppointmentStatus('geplant', 'wahrgenommen')).toBe(true);
    expect(canChangeAppointmentStatus('wahrgenommen', 'abgesagt')).toBe(false);
    expect(canChangeAppointmentStatus('abgesagt', 'geplant')).toBe(true);
  });
});

describe('notes', () => {
  const note = {
    id: 'n1',
    caseId: 'c1',
    category: 'Beratung',
    title: 'Gespräch',
    body: 'Bewerbung besprochen.',
    writtenAt: '2026-03-02T09:00:00+01:00',
    authorId: 'u1',
  };

  it('always restricts health notes and keeps them off printouts', () => {
    const health = noteSchema.parse({ ...note, category: 'Gesundheit', restricted: false });
    expect(health.restricted).toBe(true);
    expect(isPrintable(health)).toBe(false);
    expect(isPrintable(noteSchema.parse(note))).toBe(true);
  });

  it('refuses an unknown category and an empty title', () => {
    expect(noteSchema.safeParse({ ...note, category: 'Diagnose' }).error?.issues[0]?.message).toBe(
      'Bitte eine Kategorie wählen.',
    );
    expect(noteSchema.safeParse({ ...note, title: '' }).error?.issues[0]?.message).toBe(
      'Bitte einen Titel angeben.',
    );
  });
});
