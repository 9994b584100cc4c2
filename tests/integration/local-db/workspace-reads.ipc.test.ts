/**
 * The read channels of the case workspace (phase stepper in cases:get, assessment history, goal,
 * strategy proposals, Zielberuf search) through the real dispatch on a real encrypted database,
 * and bad input on the 4PM forms refused with a German message at the field, nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffAssessments } from '../../../src/shared/domain/assessment/diff';
import { defaultCriteriaCatalogue } from '../../../src/shared/domain/assessment/criteria';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend();
});
afterEach(async () => {
  await b.t.destroy();
});

const strengthEntry = {
  criterionId: 'work-experience',
  strength: { text: 'Zehn Jahre Lager, zuverlässig', competenceClass: 'activityImplementation' as const },
  need: null,
  evidenceSources: ['conversation' as const],
};
const mobility = {
  criterionId: 'mobility',
  strength: null,
  need: { focus: 'Kein Führerschein' },
  evidenceSources: ['selfReport' as const],
};
const german = {
  criterionId: 'german-language',
  strength: null,
  need: { focus: 'Deutsch für den Beruf (B1)' },
  evidenceSources: ['documents' as const],
};

/** Everything the synced tables and the outbox hold, to prove a refusal wrote nothing. */
function snapshot() {
  return ['assessments', 'goals', 'strategy_choices', 'sync_outbox'].map((t) => tableRows(b.t.raw, t));
}

async function finalizedAssessment(caseId: string) {
  const draft = await b.call('assessments:create-draft', { caseId, values: {} });
  for (const entry of [strengthEntry, mobility, german])
    await b.call('assessments:record-entry', { assessmentId: draft.id, entry });
  await b.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: {
      integrationForecast: 'within12Months',
      dominantKeyFactor: 'frameworkConditions',
      targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
    },
  });
  return b.call('assessments:finalize', { assessmentId: draft.id });
}

describe('case workspace reads', () => {
  it('the phase stepper in cases:get follows profiling, goal and strategies', async () => {
    const { caseId } = await b.newCase();
    const get = () => b.call('cases:get', { caseId });
    expect((await get()).phases.map((p) => p.state)).toEqual(['open', 'open', 'open', 'open']);

    const v1 = await finalizedAssessment(caseId);
    expect(v1.profileSituation?.derived.result).toBe('promotion');
    let phases = (await get()).phases;
    expect(phases[0]).toMatchObject({ state: 'complete', summary: 'Phase 1 Profiling: abgeschlossen.' });
    expect(phases[2]!.missing).toContain(
      'Für den Handlungsbedarf „Kein Führerschein“ ist noch keine Strategie gewählt.',
    );

    expect(await b.call('goals:get', { caseId })).toBeNull();
    const goal = await b.call('goals:create', {
      caseId,
      values: {
        type: 'employment',
        description: 'Arbeit als Fachkraft im Lager',
        targetOccupation: { kldbCode: '51312', title: 'Fachkraft für Lagerlogistik' },
        assessmentId: v1.id,
        intermediateGoals: [{ id: 'z-1', description: 'Führerschein Klasse B', targetDate: '2026-06-30' }],
      },
    });
    expect(await b.call('goals:get', { caseId })).toMatchObject({ id: goal.id, type: 'employment' });

    const overview = await b.call('strategies:list', { caseId });
    expect(overview.assessmentId).toBe(v1.id);
    expect(overview.proposals.map((p) => [p.need.criterionId, p.dominant])).toEqual([
      ['german-language', false],
      ['mobility', true],
    ]);
    const mob = overview.proposals[1]!;
    expect(mob.keyFactorStrategies.map((s) => s.id)).toContain('improve-mobility');
    expect(mob.localStrategies.map((s) => s.id)).toContain('jobcafe');
    expect(overview.proposals[0]!.localStrategies.map((s) => s.id)).toContain('jobfabrik-workshops');

    await b.call('strategies:choose', {
      caseId,
      values: { strategyId: 'improve-mobility', servesNeeds: ['mobility'], goalId: goal.id },
    });
    await b.call('strategies:choose', {
      caseId,
      values: { strategyId: 'jobfabrik-workshops', servesNeeds: ['german-language'], goalId: goal.id },
    });
    const chosen = await b.call('strategies:list', { caseId });
    expect(chosen.choices.map((c) => [c.strategyId, c.group, c.goalId])).toEqual([
      ['improve-mobility', 'frameworkConditions', goal.id],
      ['jobfabrik-workshops', 'local', goal.id],
    ]);
    phases = (await get()).phases;
    expect(phases.map((p) => p.state)).toEqual(['complete', 'complete', 'inProgress', 'open']);
    expect(phases[2]!.missing).toEqual([
      'Es ist noch keine Maßnahme für die Handlungsbedarfe vorgeschlagen.',
    ]);
  });

  it('the history lists finalized versions and the amendment; the diff names what changed', async () => {
    const { caseId } = await b.newCase();
    const v1 = await finalizedAssessment(caseId);
    const v2 = await b.call('assessments:amend', { assessmentId: v1.id, reason: 'Führerschein begonnen' });
    // an amendment in progress does not move the basis of strategies
    expect((await b.call('strategies:list', { caseId })).assessmentId).toBe(v1.id);
    await b.call('assessments:record-entry', {
      assessmentId: v2.id,
      entry: { ...mobility, need: { focus: 'Führerschein in Arbeit, Prüfung im Juni' } },
    });
    const final2 = await b.call('assessments:finalize', { assessmentId: v2.id });
    const { versions } = await b.call('assessments:list', { caseId });
    expect(versions.map((v) => [v.version, v.status, v.amendmentReason])).toEqual([
      [2, 'finalized', 'Führerschein begonnen'],
      [1, 'finalized', null],
    ]);
    expect(versions[0]).toEqual(final2);
    const diff = diffAssessments(versions[1]!, versions[0]!, defaultCriteriaCatalogue);
    expect(diff.map((d) => [d.label, d.before, d.after])).toEqual([
      ['Mobilität – Handlungsbedarf', 'Kein Führerschein', 'Führerschein in Arbeit, Prüfung im Juni'],
    ]);
    expect((await b.call('strategies:list', { caseId })).assessmentId).toBe(v2.id);
    expect((await b.refused('assessments:list', { caseId: 'gibt-es-nicht' })).code).toBe('NOT_FOUND');
    expect((await b.refused('goals:get', { caseId: 'gibt-es-nicht' })).code).toBe('NOT_FOUND');
    expect((await b.refused('strategies:list', { caseId: 'gibt-es-nicht' })).code).toBe('NOT_FOUND');
  });

  it('strategies wait for a finalized Potenzialanalyse', async () => {
    const { caseId } = await b.newCase();
    expect(await b.call('strategies:list', { caseId })).toEqual({
      assessmentId: null,
      assessmentVersion: null,
      proposals: [],
      choices: [],
    });
    const draft = await b.call('assessments:create-draft', { caseId, values: {} });
    await b.call('assessments:record-entry', { assessmentId: draft.id, entry: mobility });
    const refused = await b.refused('strategies:choose', {
      caseId,
      values: { strategyId: 'improve-mobility', servesNeeds: ['mobility'] },
    });
    expect(refused.message).toContain('abgeschlossene Potenzialanalyse');
  });

  it('Zielberuf search over the KldB list, folded German; an over-long query is named', async () => {
    const found = await b.call('occupations:search', { query: 'baecker' });
    expect(found[0]?.occupation.code).toBe('29222');
    expect(
      (await b.call('occupations:search', { query: '5131', limit: 1 })).map((m) => m.occupation.code),
    ).toEqual(['51311']);
    const long = await b.refused('occupations:search', { query: 'x'.repeat(101) });
    expect(long.issues).toEqual([
      { path: 'query', message: 'Der Suchbegriff ist zu lang (höchstens 100 Zeichen).' },
    ]);
  });
});

describe('bad input on the 4PM forms', () => {
  it('too long, control characters, U+202E and impossible dates: German message at the field, nothing written', async () => {
    const { caseId } = await b.newCase();
    const draft = await b.call('assessments:create-draft', { caseId, values: {} });
    await b.call('assessments:record-entry', { assessmentId: draft.id, entry: strengthEntry });
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'stabilization', description: 'Stabil' },
    });
    const before = snapshot();

    const cases: [string, unknown, string, string][] = [
      [
        'assessments:record-entry',
        { assessmentId: draft.id, entry: { ...mobility, need: { focus: 'x'.repeat(2001) } } },
        'entry.need.focus',
        'Höchstens 2.000 Zeichen erlaubt.',
      ],
      [
        'assessments:record-entry',
        { assessmentId: draft.id, entry: { ...mobility, need: { focus: 'Kein\u0007Führerschein' } } },
        'entry.need.focus',
        'Die Eingabe enthält unzulässige Steuerzeichen.',
      ],
      [
        'assessments:record-entry',
        {
          assessmentId: draft.id,
          entry: { ...strengthEntry, strength: { ...strengthEntry.strength, text: 'Lager\u202Egal' } },
        },
        'entry.strength.text',
        'Die Eingabe enthält unsichtbare Steuerzeichen für die Schreibrichtung (z. B. U+202E). Bitte den Text ohne sie eingeben.',
      ],
      [
        'goals:update',
        {
          goalId: goal.id,
          changes: { intermediateGoals: [{ id: 'z-1', description: 'Kurs', targetDate: '2026-02-30' }] },
        },
        'changes.intermediateGoals.0.targetDate',
        'Bitte ein gültiges Datum im Format JJJJ-MM-TT angeben.',
      ],
      [
        'goals:create',
        { caseId, values: { type: 'employment', description: 'Arbeit\u202E', targetOccupation: null } },
        'values.description',
        'Die Eingabe enthält unsichtbare Steuerzeichen für die Schreibrichtung (z. B. U+202E). Bitte den Text ohne sie eingeben.',
      ],
      [
        'assessments:amend',
        { assessmentId: draft.id, reason: 'x'.repeat(2001) },
        'reason',
        'Höchstens 2000 Zeichen erlaubt.',
      ],
    ];
    for (const [channel, input, path, message] of cases) {
      const error = await b.refused(channel as never, input);
      expect(error.code, `${channel} ${path}`).toBe('VALIDATION_FAILED');
      expect(error.issues, `${channel} ${path}`).toContainEqual({ path, message });
    }
    expect(snapshot()).toEqual(before);
  });
});
