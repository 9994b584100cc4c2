import { describe, expect, it } from 'vitest';
import { checkGoalForm, formPathOf, goalFormValues, occupationOf } from './goal-form';

const base = {
  ...goalFormValues(null),
  goalType: 'employment' as const,
  description: 'Arbeit im Lager',
};

describe('goal form', () => {
  it('German dates in, ISO dates out; the chosen Zielberuf keeps its code, typed text has none', () => {
    const checked = checkGoalForm(
      {
        ...base,
        occupationText: 'Fachkraft für Lagerlogistik',
        occupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
        dueDate: '31.12.2027',
        intermediateGoals: [
          { id: 'z-1', description: 'Führerschein', targetDate: '1.6.2027', achievedOn: null },
        ],
      },
      'c-1',
      'pa-1',
    );
    expect(checked).toEqual({
      ok: true,
      values: {
        type: 'employment',
        description: 'Arbeit im Lager',
        targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
        targetDate: '2027-12-31',
        assessmentId: 'pa-1',
        intermediateGoals: [
          { id: 'z-1', description: 'Führerschein', targetDate: '2027-06-01', achievedOn: null },
        ],
      },
    });
    expect(
      occupationOf({ occupationText: 'Lagerhelfer', occupation: { kldbCode: '51312', title: 'Fachkraft' } }),
    ).toEqual({
      kldbCode: null,
      title: 'Lagerhelfer',
    });
    expect(occupationOf({ occupationText: '  ', occupation: null })).toBeNull();
  });

  it('impossible dates, missing type, too long and bidi text: a German message at each field', () => {
    const checked = checkGoalForm(
      {
        ...base,
        goalType: '',
        description: 'Arbeit\u202E',
        occupationText: 'x'.repeat(201),
        dueDate: '31.04.2027',
        intermediateGoals: [{ id: 'z-1', description: '', targetDate: '30.02.2027', achievedOn: null }],
      },
      'c-1',
      null,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      goalType: 'Bitte eine Zielart wählen.',
      dueDate: 'Den 31. April 2027 gibt es nicht: Der April 2027 hat 30 Tage.',
      'intermediateGoals.0.targetDate': 'Den 30. Februar 2027 gibt es nicht: Der Februar 2027 hat 28 Tage.',
      'intermediateGoals.0.description': 'Bitte das Zwischenziel angeben.',
      occupationText: 'Höchstens 200 Zeichen erlaubt.',
    });
    expect(checked.errors['description']).toContain('U+202E');
  });

  it('maps paths of the IPC input to form paths', () => {
    expect(formPathOf('values.type')).toBe('goalType');
    expect(formPathOf('changes.targetDate')).toBe('dueDate');
    expect(formPathOf('values.targetOccupation.title')).toBe('occupationText');
    expect(formPathOf('values.intermediateGoals.0.description')).toBe('intermediateGoals.0.description');
  });

  it('the form of a stored goal shows German dates', () => {
    const values = goalFormValues({
      id: 'g-1',
      caseId: 'c-1',
      type: 'employment',
      description: 'Arbeit',
      targetOccupation: null,
      targetDate: '2027-12-31',
      assessmentId: null,
      createdOn: '2026-12-01',
      createdBy: 'ifk-1',
      intermediateGoals: [{ id: 'z-1', description: 'Kurs', targetDate: '2027-03-01', achievedOn: null }],
    });
    expect(values.dueDate).toBe('31.12.2027');
    expect(values.intermediateGoals[0]!.targetDate).toBe('01.03.2027');
  });
});
