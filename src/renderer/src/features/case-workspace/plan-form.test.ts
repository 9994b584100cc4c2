import { describe, expect, it } from 'vitest';
import { cooperationPlanSchema } from '../../../../shared/domain/plan/cooperation-plan';
import {
  checkPlanForm,
  effortsToTake,
  emptyEffort,
  emptyStep,
  fieldHints,
  fieldId,
  focusTargetOf,
  formPathOf,
  planFormValues,
  type PlanFormValues,
} from './plan-form';

const PLAN_ID = '00000000-0000-4000-8000-000000000001';

const stored = cooperationPlanSchema.parse({
  id: PLAN_ID,
  caseId: '00000000-0000-4000-8000-000000000002',
  planDate: '2026-03-02',
  goal: 'Arbeit im Lager',
  mainSteps: [{ text: 'Gabelstaplerschein erwerben', dueOn: '2026-05-01', responsible: 'person' }],
  points: {
    supportServices: { state: 'answered', text: 'MAG' },
    languageCoursePriority: { state: 'not_applicable', note: 'kein Bedarf' },
  },
  ownEfforts: [
    { description: 'Bewerbungen', frequency: { count: 4, per: 'month' }, proof: 'bewerbungsliste' },
  ],
  reviewDueOn: '2026-08-31',
  companionLanguage: 'ar',
});

const values = (): PlanFormValues => planFormValues(stored);

describe('the plan editor form', () => {
  it('shows a stored plan with German dates and gives back the same content', () => {
    const v = values();
    expect(v.mainSteps[0]).toMatchObject({ text: 'Gabelstaplerschein erwerben', dueOn: '01.05.2026' });
    expect(v.points.languageCoursePriority).toEqual({ state: 'not_applicable', text: 'kein Bedarf' });
    expect(v.points.otherAgencies).toEqual({ state: 'open', text: '' });
    expect(v.ownEfforts[0]).toMatchObject({ count: '4', per: 'month', proof: 'bewerbungsliste' });
    expect(v.reviewDueOn).toBe('31.08.2026');
    const checked = checkPlanForm(v, PLAN_ID);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const { goal, personalOffer, mainSteps, points, ownEfforts, reviewDueOn, companionLanguage } = stored;
    expect(checked.changes).toEqual({
      goal,
      personalOffer,
      mainSteps,
      points,
      ownEfforts,
      reviewDueOn,
      companionLanguage,
    });
  });

  it('leaves rows just added out; names impossible dates, bad counts and empty answers at their fields', () => {
    const v = values();
    v.mainSteps.push(emptyStep());
    v.ownEfforts.push(emptyEffort());
    const ok = checkPlanForm(v, PLAN_ID);
    expect(ok.ok && ok.changes.mainSteps.length).toBe(1);
    expect(ok.ok && ok.changes.ownEfforts.length).toBe(1);

    v.mainSteps.push({ ...emptyStep(), text: 'Lebenslauf', dueOn: '30.02.2026' });
    v.ownEfforts[1] = { ...emptyEffort(), description: 'Anrufe', count: 'vier', per: '' };
    v.points.otherAgencies = { state: 'answered', text: '' };
    v.reviewDueOn = '2026-08-31';
    const bad = checkPlanForm(v, PLAN_ID);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors['mainSteps.2.dueOn']).toMatch(/Februar/);
    expect(bad.errors['ownEfforts.1.count']).toBe('Bitte eine ganze Zahl angeben, z. B. 4.');
    expect(bad.errors['ownEfforts.1.per']).toBe('Bitte den Zeitraum wählen.');
    expect(bad.errors['reviewDueOn']).toMatch(/TT\.MM\.JJJJ/);
    expect(bad.errors['points.otherAgencies.text']).toBe('Bitte eine Antwort eintragen.');
  });

  it('maps schema issues of kept rows back to the rows of the form', () => {
    const v = values();
    v.mainSteps.unshift(emptyStep()); // row 0 is empty and not saved: the saved step 0 is form row 1
    v.mainSteps[1]!.text = 'x'.repeat(501);
    const bad = checkPlanForm(v, PLAN_ID);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors)).toEqual(['mainSteps.1.text']);
    v.mainSteps[1]!.text = 'Bewerben';
    v.ownEfforts[0]!.count = '0';
    const zero = checkPlanForm(v, PLAN_ID);
    expect(!zero.ok && zero.errors['ownEfforts.0.count']).toBe('Mindestens einmal.');
  });

  it('refuses hostile text the channel refuses (control characters)', () => {
    const v = values();
    v.goal = 'Arbeit\u202Eim Lager';
    const bad = checkPlanForm(v, PLAN_ID);
    expect(bad.ok).toBe(false);
  });

  it('maps paths of the save input to form paths', () => {
    expect(formPathOf('changes.goal')).toBe('goal');
    expect(formPathOf('changes.points.otherAgencies.note')).toBe('points.otherAgencies.text');
    expect(formPathOf('changes.ownEfforts.2.frequency.count')).toBe('ownEfforts.2.count');
    expect(formPathOf('changes.ownEfforts.2.frequency.per')).toBe('ownEfforts.2.per');
    expect(formPathOf('changes.ownEfforts.2.frequency')).toBe('ownEfforts.2.count');
  });

  it('knows where each entry of the missing list sits in the editor', () => {
    expect(focusTargetOf('goal')).toBe('plan-goal');
    expect(focusTargetOf('reviewDueOn')).toBe('plan-reviewDueOn');
    expect(focusTargetOf('mainSteps')).toBe('plan-mainSteps-add');
    expect(focusTargetOf('ownEfforts')).toBe('plan-ownEfforts-add');
    expect(focusTargetOf('points.rehabilitationNeed')).toBe('plan-points-rehabilitationNeed-state');
    expect(focusTargetOf('points.unknown')).toBeNull();
    expect(focusTargetOf('mainSteps.1.text')).toBe('plan-mainSteps-1-text');
    expect(focusTargetOf('mainSteps.0.dueOn')).toBe('plan-mainSteps-0-dueOn');
    expect(focusTargetOf('ownEfforts.0.frequency')).toBe('plan-ownEfforts-0-count');
    expect(focusTargetOf('ownEfforts.3.proof')).toBe('plan-ownEfforts-3-proof');
    expect(focusTargetOf('assessment')).toBeNull();
    expect(focusTargetOf('measures.0.title')).toBeNull();
    expect(fieldId('points.goal.text')).toBe('plan-points-goal-text');
  });

  it('hints under a free text: health terms first, then plain language; nothing for an empty text', () => {
    expect(fieldHints('  ')).toEqual([]);
    expect(fieldHints('Bewerbungen schreiben')).toEqual([]);
    const hints = fieldHints('Wegen der Depression wird die Maßnahme durch den Träger verlängert.');
    expect(hints[0]?.kind).toBe('health');
    expect(hints[0]?.message).toContain('„Depression“');
    expect(hints.map((h) => h.kind)).toContain('passive');
    expect(fieldHints('Die Eingliederungsvereinbarungsfortschreibung folgt.').map((h) => h.kind)).toContain(
      'long-word',
    );
  });
});

describe('Eigenbemühungen recorded in the case, taken into the plan', () => {
  it('takes running records the plan does not list yet, with frequency and proof', () => {
    const v = values(); // lists "Bewerbungen"
    const taken = effortsToTake(
      [
        { description: ' bewerbungen ', frequency: { count: 2, per: 'week' }, proof: null, endsOn: null },
        {
          description: 'Termin bei der Schuldnerberatung',
          frequency: { count: 1, per: 'once' },
          proof: 'teilnahmebescheinigung',
          endsOn: '2026-06-30',
        },
        { description: 'Alte Eigenbemühung', frequency: null, proof: null, endsOn: '2026-02-28' },
        { description: 'Lebenslauf', frequency: null, proof: null, endsOn: null },
      ],
      v.ownEfforts,
      '2026-03-02',
    );
    expect(taken.map(({ key: _k, ...e }) => e)).toEqual([
      {
        description: 'Termin bei der Schuldnerberatung',
        count: '1',
        per: 'once',
        proof: 'teilnahmebescheinigung',
      },
      { description: 'Lebenslauf', count: '', per: '', proof: '' },
    ]);
  });
});
