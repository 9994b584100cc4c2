import { describe, expect, it } from 'vitest';
import { appointmentChangeProblem, appointmentDay, isOutreach } from './appointment';
import { duplicateOf, findDuplicates, foldName, similarName } from './duplicates';
import { phaseAdvanceCheck, type PhaseFacts } from './phase-advance';

describe('duplicate detection at intake', () => {
  const anna = { firstName: 'Anna', lastName: 'Schäfer', birthDate: '1985-03-12' };
  it('folds German spelling variants', () => {
    expect(foldName('Müller')).toBe(foldName('Mueller'));
    expect(foldName('Schäfer')).toBe(foldName('Schaefer'));
    expect(foldName('Großmann')).toBe(foldName('Grossmann'));
    expect(foldName('José-Luis')).toBe('joseluis');
    expect(similarName('Schneider', 'Schnieder')).toBe(false);
    expect(similarName('Schneider', 'Schneidr')).toBe(true);
    expect(similarName('Anna', 'Anne')).toBe(false);
    expect(similarName('---', 'Anna')).toBe(false);
  });
  it('needs the same birth date and a same, similar or swapped name', () => {
    expect(duplicateOf({ ...anna, lastName: 'Schaefer' }, anna)?.match).toBe('sameName');
    expect(duplicateOf({ ...anna, lastName: 'Schaefer' }, anna)?.reason).toContain('anderer Schreibweise');
    expect(duplicateOf(anna, anna)?.reason).toBe('Gleiches Geburtsdatum (12.03.1985) und gleicher Name.');
    expect(
      duplicateOf({ firstName: 'Schaefer', lastName: 'Anna', birthDate: '1985-03-12' }, anna)?.match,
    ).toBe('swappedNames');
    expect(duplicateOf({ ...anna, lastName: 'Schäffer' }, anna)?.match).toBe('similarName');
    expect(duplicateOf({ ...anna, birthDate: '1985-03-13' }, anna)).toBeUndefined();
    expect(duplicateOf({ ...anna, birthDate: null }, anna)).toBeUndefined();
    expect(duplicateOf({ ...anna, firstName: 'Berta' }, anna)).toBeUndefined();
    const found = findDuplicates({ ...anna, lastName: 'Schaefer' }, [
      { ...anna, lastName: 'Schäffer', id: 2 },
      { ...anna, id: 1 },
      { ...anna, firstName: 'Zoe', id: 3 },
    ]);
    expect(found.map((f) => f.id)).toEqual([1, 2]);
  });
});

describe('appointments', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('a day at the offices is the Berlin day', () => {
    expect(appointmentDay('2026-03-02T23:30:00.000Z')).toBe('2026-03-03');
    expect(appointmentDay('2026-07-01T22:30:00.000Z')).toBe('2026-07-02');
    expect(appointmentDay('2026-07-01T21:30:00.000Z')).toBe('2026-07-01');
    expect(isOutreach('jva')).toBe(true);
    expect(isOutreach('beratung')).toBe(false);
  });
  it('reschedules only planned ones and records attended or missed only after the start', () => {
    const planned = { status: 'geplant' as const, startsAt: '2026-03-02T09:00:00+01:00' };
    expect(appointmentChangeProblem(planned, { status: 'wahrgenommen' }, now)).toBeNull();
    expect(appointmentChangeProblem(planned, { startsAt: '2026-03-04T09:00:00+01:00' }, now)).toBeNull();
    expect(
      appointmentChangeProblem(planned, { startsAt: '2026-03-04T09:00:00+01:00', status: 'versaeumt' }, now),
    ).toContain('noch nicht begonnen');
    const attended = { status: 'wahrgenommen' as const, startsAt: planned.startsAt };
    expect(appointmentChangeProblem(attended, { startsAt: '2026-03-04T09:00:00+01:00' }, now)).toContain(
      'Nur ein geplanter Termin',
    );
    expect(appointmentChangeProblem(attended, { startsAt: '2026-03-02T08:00:00Z' }, now)).toBeNull();
    expect(appointmentChangeProblem(attended, { status: 'abgesagt' }, now)).toContain('kann nicht');
  });
});

describe('phase advance', () => {
  const base: PhaseFacts = {
    phase: 1,
    assessment: null,
    goalCount: 0,
    servedNeeds: [],
    strategyCount: 0,
    planHandedOverOn: null,
    measuresUnderWay: 0,
  };
  const finalized = {
    status: 'finalized' as const,
    finalizedOn: '2026-02-01',
    needs: [
      { criterionId: 'school-education', label: 'Schulbildung' },
      { criterionId: 'mobility', label: 'Mobilität' },
    ],
  };
  it('explains each phase with what is missing or met', () => {
    expect(phaseAdvanceCheck(base).explanation).toBe(
      'Der Fall bleibt in Phase 1 „Profiling“: Es gibt noch keine Potenzialanalyse.',
    );
    expect(
      phaseAdvanceCheck({ ...base, assessment: { ...finalized, status: 'draft', finalizedOn: null } })
        .conditions[0]?.text,
    ).toContain('Entwurf');
    const one = phaseAdvanceCheck({ ...base, assessment: finalized });
    expect(one).toMatchObject({ canAdvance: true, to: 2 });
    expect(one.explanation).toContain('01.02.2026');
    expect(phaseAdvanceCheck({ ...base, phase: 2, assessment: finalized }).canAdvance).toBe(false);
    expect(phaseAdvanceCheck({ ...base, phase: 2, goalCount: 1 }).canAdvance).toBe(true);
    const three = {
      ...base,
      phase: 3 as const,
      assessment: finalized,
      goalCount: 1,
      strategyCount: 1,
      servedNeeds: ['school-education'],
    };
    const open = phaseAdvanceCheck(three);
    expect(open.canAdvance).toBe(false);
    expect(open.conditions[0]?.text).toBe(
      'Für den Handlungsbedarf „Mobilität“ ist noch keine Handlungsstrategie gewählt.',
    );
    expect(open.conditions[1]?.met).toBe(false);
    const served = { ...three, servedNeeds: ['school-education', 'mobility'] };
    expect(phaseAdvanceCheck({ ...served, measuresUnderWay: 1 }).canAdvance).toBe(true);
    expect(phaseAdvanceCheck({ ...served, planHandedOverOn: '2026-02-20' }).conditions[1]?.text).toContain(
      '20.02.2026',
    );
    expect(phaseAdvanceCheck({ ...base, phase: 3 }).conditions[0]?.text).toContain(
      'keine Handlungsstrategie',
    );
    expect(phaseAdvanceCheck({ ...base, phase: 4 })).toMatchObject({
      to: null,
      canAdvance: false,
      conditions: [],
    });
  });
});
