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
      '2026-11-23',
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
      '2026-11-23',
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

  it("the domain's date rules before sending: each message at its field, counted from the day the goal was set", () => {
    const dated = (dueDate: string, steps: string[]) => ({
      ...base,
      dueDate,
      intermediateGoals: steps.map((targetDate, i) => ({
        id: `z-${i + 1}`,
        description: `Schritt ${i + 1}`,
        targetDate,
        achievedOn: null,
      })),
    });
    const early = checkGoalForm(dated('01.06.2027', ['22.11.2026', '01.07.2027']), 'c-1', null, '2026-11-23');
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.errors).toEqual({
      'intermediateGoals.0.targetDate':
        'Zwischenziel 1 („Schritt 1“): Das Zieldatum 22.11.2026 liegt vor der Festlegung des Ziels (23.11.2026).',
      'intermediateGoals.1.targetDate':
        'Zwischenziel 2 („Schritt 2“): Das Zieldatum 01.07.2027 liegt nach dem Zieldatum des Ziels (01.06.2027).',
    });
    const goalBefore = checkGoalForm(dated('22.11.2026', []), 'c-1', null, '2026-11-23');
    expect(goalBefore.ok ? {} : goalBefore.errors).toEqual({
      dueDate: 'Das Zieldatum 22.11.2026 liegt vor der Festlegung des Ziels (23.11.2026).',
    });
    // a goal set earlier keeps its own day: the same dates are fine
    expect(checkGoalForm(dated('01.06.2027', ['22.11.2026']), 'c-1', null, '2026-11-01').ok).toBe(true);
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
