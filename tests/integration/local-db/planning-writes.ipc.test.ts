import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canonicalPlanContent,
  cooperationPlanSchema,
} from '../../../src/shared/domain/plan/cooperation-plan';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend();
});
afterEach(async () => {
  await b.t.destroy();
});

const strength = { text: 'Zuverlässig', competenceClass: 'personal' };
const entrySchool = {
  criterionId: 'school-education',
  strength: null,
  need: { focus: 'Hauptschulabschluss nachholen' },
  evidenceSources: ['conversation'],
};

async function competenceClass(): Promise<string> {
  const { COMPETENCE_CLASSES } = await import('../../../src/shared/domain/assessment/vocabulary');
  return COMPETENCE_CLASSES[0];
}
async function evidence(): Promise<string> {
  const { EVIDENCE_SOURCES } = await import('../../../src/shared/domain/assessment/vocabulary');
  return EVIDENCE_SOURCES[0];
}

/** A case with a finalized assessment (a need in school education). */
async function finalizedCase() {
  const { caseId } = await b.newCase();
  const draft = await b.call('assessments:create-draft', { caseId, values: {} });
  const source = await evidence();
  await b.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: { ...entrySchool, evidenceSources: [source] } as never,
  });
  await b.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'work-experience',
      strength: { ...strength, competenceClass: await competenceClass() },
      evidenceSources: [source],
    } as never,
  });
  await b.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: { integrationForecast: 'beyond12Months' },
  });
  const finalized = await b.call('assessments:finalize', { assessmentId: draft.id });
  return { caseId, assessment: finalized };
}

describe('assessments', () => {
  it('drafts, finalizes with the derived Profillage, refuses changes afterwards and amends as a new version', async () => {
    const { caseId } = await b.newCase();
    const draft = await b.call('assessments:create-draft', { caseId, values: {} });
    expect(draft).toMatchObject({ version: 1, status: 'draft', createdBy: 'ifk-7', createdOn: '2026-03-02' });
    expect((await b.refused('assessments:create-draft', { caseId, values: {} })).message).toContain(
      'Entwurf',
    );

    const incomplete = await b.refused('assessments:finalize', { assessmentId: draft.id });
    expect(incomplete.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(incomplete.issues?.map((i) => i.message).join(' ')).toContain('Integrationsprognose');

    const unknown = await b.refused('assessments:record-entry', {
      assessmentId: draft.id,
      entry: { criterionId: 'no-such-criterion', evidenceSources: [await evidence()] },
    });
    expect(unknown.message).toContain('Merkmalskatalog');

    const source = await evidence();
    await b.call('assessments:record-entry', {
      assessmentId: draft.id,
      entry: { ...entrySchool, evidenceSources: [source] } as never,
    });
    await b.call('assessments:record-entry', {
      assessmentId: draft.id,
      entry: {
        criterionId: 'housing',
        need: { focus: 'Wohnung sichern' },
        evidenceSources: [source],
      } as never,
    });
    const removed = await b.call('assessments:remove-entry', {
      assessmentId: draft.id,
      criterionId: 'housing',
    });
    expect(removed.entries.map((e) => e.criterionId)).toEqual(['school-education']);
    await b.call('assessments:record-entry', {
      assessmentId: draft.id,
      entry: {
        criterionId: 'work-experience',
        strength: { ...strength, competenceClass: await competenceClass() },
        evidenceSources: [source],
      } as never,
    });
    const updated = await b.call('assessments:update-draft', {
      assessmentId: draft.id,
      changes: { integrationForecast: 'beyond12Months', dominantKeyFactor: 'qualification' },
    });
    expect(updated.integrationForecast).toBe('beyond12Months');

    const final = await b.call('assessments:finalize', { assessmentId: draft.id });
    expect(final).toMatchObject({ status: 'finalized', finalizedOn: '2026-03-02', finalizedBy: 'ifk-7' });
    expect(final.profileSituation?.assessmentId).toBe(draft.id);
    expect(final.profileSituation?.derived.explanation.length).toBeGreaterThan(10);
    expect(final.profileSituation?.override).toBeNull();

    const frozen = await b.refused('assessments:update-draft', {
      assessmentId: draft.id,
      changes: { integrationForecast: 'within12Months' },
    });
    expect(frozen.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(frozen.message).toContain('Fortschreibung');
    // The Profillage of a finalized version may still be overridden with a reason (logged beside
    // the version); the derivation made at finalizing and the content stay as they are.
    const derived = final.profileSituation!.derived;
    const overridden = await b.call('assessments:override-profile', {
      assessmentId: draft.id,
      override: { value: 'none', reason: 'Pflege eines Angehörigen' },
    });
    expect(overridden.profileSituation).toMatchObject({
      derived,
      override: { value: 'none', reason: 'Pflege eines Angehörigen', by: 'ifk-7' },
    });
    expect({ ...overridden, profileSituation: null, rowVersion: 0 }).toEqual({
      ...final,
      profileSituation: null,
      rowVersion: 0,
    });
    expect(
      (
        await b.refused('assessments:override-profile', {
          assessmentId: draft.id,
          override: { value: derived.result, reason: 'gleich' },
        })
      ).message,
    ).toContain('entspricht der abgeleiteten');
    const cleared = await b.call('assessments:override-profile', { assessmentId: draft.id, override: null });
    expect(cleared.profileSituation).toMatchObject({ derived, override: null });
    expect((await b.refused('assessments:create-draft', { caseId, values: {} })).message).toContain(
      'fortschreiben',
    );
    expect((await b.refused('assessments:amend', { assessmentId: draft.id, reason: '  ' })).code).toBe(
      'DOMAIN_RULE_VIOLATED',
    );

    const amended = await b.call('assessments:amend', { assessmentId: draft.id, reason: 'Neuer Zielberuf' });
    expect(amended).toMatchObject({
      version: 2,
      previousVersionId: draft.id,
      status: 'draft',
      amendmentReason: 'Neuer Zielberuf',
      profileSituation: null,
    });
    expect(amended.entries).toHaveLength(2);
    expect(
      (await b.refused('assessments:amend', { assessmentId: draft.id, reason: 'nochmal' })).message,
    ).toContain('neuere Fassung');
    expect(
      (await b.refused('assessments:amend', { assessmentId: amended.id, reason: 'x' })).message,
    ).toContain('abgeschlossene');
    const stored = tableRows(b.t.raw, 'assessments');
    expect(stored.map((r) => r['status'])).toEqual(['finalized', 'draft']);
  });

  it('an override chosen on the draft needs a reason and is kept at finalizing while it deviates', async () => {
    const { caseId } = await b.newCase();
    const draft = await b.call('assessments:create-draft', { caseId, values: {} });
    const source = await evidence();
    await b.call('assessments:record-entry', {
      assessmentId: draft.id,
      entry: {
        criterionId: 'work-experience',
        strength: { ...strength, competenceClass: await competenceClass() },
        evidenceSources: [source],
      } as never,
    });
    await b.call('assessments:update-draft', {
      assessmentId: draft.id,
      changes: { integrationForecast: 'within12Months' },
    });
    const noReason = await b.refused('assessments:override-profile', {
      assessmentId: draft.id,
      override: { value: 'none', reason: ' ' },
    });
    expect(noReason.message).toContain('Begründung');
    const preview = await b.call('assessments:override-profile', { assessmentId: draft.id, override: null });
    const derived = preview.profileSituation!.derived.result;
    expect(derived).not.toBe('none');
    const same = await b.refused('assessments:override-profile', {
      assessmentId: draft.id,
      override: { value: derived, reason: 'gleich' },
    });
    expect(same.message).toContain('entspricht der abgeleiteten');
    const overridden = await b.call('assessments:override-profile', {
      assessmentId: draft.id,
      override: { value: 'none', reason: 'Fachliche Einschätzung' },
    });
    expect(overridden.profileSituation?.override).toMatchObject({ value: 'none', by: 'ifk-7' });
    // a change of the draft keeps the override
    const changed = await b.call('assessments:update-draft', {
      assessmentId: draft.id,
      changes: { targetOccupation: { title: 'Lagerlogistik', kldbCode: null } } as never,
    });
    expect(changed.profileSituation?.override?.value).toBe('none');
    const final = await b.call('assessments:finalize', { assessmentId: draft.id });
    expect(final.profileSituation?.override?.reason).toBe('Fachliche Einschätzung');
  });
});

describe('goals and strategies', () => {
  it('creates and updates goals through the domain, intermediate goals in order', async () => {
    const { caseId, assessment } = await finalizedCase();
    const goal = await b.call('goals:create', {
      caseId,
      values: {
        type: 'employment',
        description: 'Arbeit in der Lagerlogistik',
        targetDate: '2026-12-31',
        assessmentId: assessment.id,
        intermediateGoals: [{ id: 'step-1', description: 'Staplerschein', targetDate: '2026-06-30' }],
      },
    });
    expect(goal).toMatchObject({ createdOn: '2026-03-02', createdBy: 'ifk-7' });
    const disordered = await b.refused('goals:update', {
      goalId: goal.id,
      changes: {
        intermediateGoals: [
          { id: 'a', description: 'Zwei', targetDate: '2026-08-01' },
          { id: 'b', description: 'Eins', targetDate: '2026-07-01' },
        ],
      },
    });
    expect(disordered.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(disordered.issues?.[0]?.message).toContain('zeitlich ordnen');
    const early = await b.refused('goals:update', { goalId: goal.id, changes: { targetDate: '2026-01-01' } });
    expect(early.issues?.[0]?.message).toContain('Zieldatum');
    const updated = await b.call('goals:update', {
      goalId: goal.id,
      changes: { description: 'Arbeit im Lager' },
    });
    expect(updated.description).toBe('Arbeit im Lager');
    const other = await b.newCase();
    expect(
      (
        await b.refused('goals:create', {
          caseId: other.caseId,
          values: { type: 'employment', description: 'x', assessmentId: assessment.id },
        })
      ).issues?.[0]?.path,
    ).toBe('assessmentId');
  });

  it('chooses strategies against the latest assessment and archives them', async () => {
    const { caseId: bare } = await b.newCase();
    expect(
      (
        await b.refused('strategies:choose', {
          caseId: bare,
          values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'] },
        })
      ).message,
    ).toContain('Potenzialanalyse');
    const { caseId, assessment } = await finalizedCase();
    const choice = await b.call('strategies:choose', {
      caseId,
      values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'] },
    });
    expect(choice).toMatchObject({ assessmentId: assessment.id, chosenBy: 'ifk-7' });
    const twice = await b.refused('strategies:choose', {
      caseId,
      values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'] },
    });
    expect(twice.message).toContain('bereits gewählt');
    const noNeed = await b.refused('strategies:choose', {
      caseId,
      values: { strategyId: 'school-leaving-certificate', servesNeeds: ['work-experience'] },
    });
    expect(noNeed.message).toContain('kein Handlungsbedarf');
    expect(await b.call('strategies:archive', { choiceId: choice.id })).toEqual({ id: choice.id });
    await b.call('strategies:choose', {
      caseId,
      values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'] },
    });
    expect((await b.refused('strategies:archive', { choiceId: choice.id })).code).toBe('NOT_FOUND');
  });
});

describe('measures', () => {
  it('proposes against the catalogue and moves along the status machine; ending needs an outcome', async () => {
    const { caseId } = await finalizedCase();
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'employment', description: 'Arbeit' },
    });
    const values = {
      measureId: 'aktivierung-45',
      needIds: ['school-education'],
      goalId: goal.id,
      provider: { name: 'Bildungsträger Torgau' },
      plannedStart: '2026-03-16',
      plannedEnd: '2026-06-16',
      withLegalConsequencesNotice: false,
    };
    expect(
      (await b.refused('measures:propose', { caseId, values: { ...values, measureId: 'gibt-es-nicht' } }))
        .issues?.[0]?.path,
    ).toBe('measureId');
    expect((await b.refused('measures:propose', { caseId, values: { ...values, needIds: [] } })).code).toBe(
      'VALIDATION_FAILED',
    );
    const proposed = await b.call('measures:propose', { caseId, values });
    expect(proposed).toMatchObject({
      status: 'proposed',
      catalogueVersion: '2026.2',
      proposedOn: '2026-03-02',
    });
    expect(
      (await b.refused('measures:transition', { assignmentId: proposed.id, event: { type: 'start' } })).code,
    ).toBe('INVALID_TRANSITION');
    expect(
      (
        await b.refused('measures:transition', {
          assignmentId: proposed.id,
          event: { type: 'assign' },
          on: '2026-04-01',
        })
      ).issues?.[0]?.message,
    ).toContain('Zukunft');
    await b.call('measures:transition', { assignmentId: proposed.id, event: { type: 'assign' } });
    const started = await b.call('measures:transition', {
      assignmentId: proposed.id,
      event: { type: 'start' },
    });
    expect(started.status).toBe('started');
    const noOutcome = await b.refused('measures:transition', {
      assignmentId: proposed.id,
      event: { type: 'end' },
    });
    expect(noOutcome.message).toContain('Ergebnis');
    const noNote = await b.refused('measures:transition', {
      assignmentId: proposed.id,
      event: { type: 'abort', outcome: { code: 'endedEarly' } },
    });
    expect(noNote.message).toContain('Grund');
    const ended = await b.call('measures:transition', {
      assignmentId: proposed.id,
      event: { type: 'end', outcome: { code: 'completedSuccessfully' } },
    });
    expect(ended).toMatchObject({
      status: 'ended',
      endedOn: '2026-03-02',
      outcome: { code: 'completedSuccessfully' },
    });
    expect(ended.history.map((h) => h.to)).toEqual(['proposed', 'assigned', 'started', 'ended']);
  });

  it('the facts the caseworker states in the wizard go on record with the proposal as a Vermerk', async () => {
    const { caseId } = await finalizedCase();
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'employment', description: 'Arbeit' },
    });
    const mag = {
      measureId: 'mag',
      needIds: ['school-education'],
      goalId: goal.id,
      provider: { name: 'Autohaus Oschatz' },
      plannedStart: '2026-03-09',
      plannedEnd: '2026-05-29', // 12 weeks: only with serious placement barriers (§ 45 Abs. 8 SGB III)
      withLegalConsequencesNotice: false,
    };
    const notesOfCase = () => tableRows(b.t.raw, 'notes').filter((n) => n['case_id'] === caseId);
    // refused without the statement: nothing written, no Vermerk either
    const refused = await b.refused('measures:propose', {
      caseId,
      values: mag,
      facts: { flags: { seriousPlacementBarriers: false } },
    });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(notesOfCase()).toHaveLength(0);

    const proposed = await b.call('measures:propose', {
      caseId,
      values: mag,
      facts: { flags: { seriousPlacementBarriers: true } },
    });
    expect(proposed).toMatchObject({ status: 'proposed', plannedEnd: '2026-05-29' });
    const notes = notesOfCase();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      category: 'Maßnahme',
      title: 'Maßnahme vorgeschlagen: Maßnahme bei einem Arbeitgeber (MAG)',
      restricted: 0,
    });
    expect(String(notes[0]!['body'])).toBe(
      '„Maßnahme bei einem Arbeitgeber (MAG)“ am 02.03.2026 vorgeschlagen (geplant 09.03.2026 bis 29.05.2026).\n' +
        'Für die Prüfung der Voraussetzungen von der Integrationsfachkraft angegeben:\n' +
        '- Schwerwiegende Vermittlungshemmnisse: trifft zu',
    );
    // without stated facts a proposal leaves no Vermerk
    await b.call('measures:propose', { caseId, values: { ...mag, plannedEnd: '2026-04-17' } });
    expect(notesOfCase()).toHaveLength(1);
  });
});

describe('extending a measure', () => {
  it('moves the planned end of a running measure, checked against the period rules of the catalogue', async () => {
    const { caseId } = await finalizedCase();
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'employment', description: 'Arbeit' },
    });
    const propose = (measureId: string, plannedStart: string, plannedEnd: string) =>
      b.call('measures:propose', {
        caseId,
        values: {
          measureId,
          needIds: ['school-education'],
          goalId: goal.id,
          provider: { name: 'Bildungsträger Torgau' },
          plannedStart,
          plannedEnd,
          withLegalConsequencesNotice: false,
        },
      });
    const running = async (measureId: string, plannedStart: string, plannedEnd: string) => {
      const a = await propose(measureId, plannedStart, plannedEnd);
      await b.call('measures:transition', { assignmentId: a.id, event: { type: 'assign' } });
      return b.call('measures:transition', { assignmentId: a.id, event: { type: 'start' } });
    };
    const activation = await running('aktivierung-45', '2026-02-02', '2026-03-01');
    const extended = await b.call('measures:extend', {
      assignmentId: activation.id,
      plannedEnd: '2026-05-29',
      expectedRowVersion: activation.rowVersion,
    });
    expect(extended).toMatchObject({ status: 'started', plannedEnd: '2026-05-29' });
    expect(extended.history.at(-1)).toEqual({ from: 'started', to: 'started', on: '2026-03-02' });
    // the list shows the new period and the measure is no longer past its end
    const listed = (await b.call('measures:list', { caseId })).find((a) => a.id === activation.id);
    expect(listed).toMatchObject({ plannedEnd: '2026-05-29', allowedEvents: ['end', 'abort'] });

    // not earlier than the planned end so far: at the field, nothing written
    const notLater = await b.refused('measures:extend', {
      assignmentId: activation.id,
      plannedEnd: '2026-05-01',
    });
    expect(notLater).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(notLater.issues?.[0]).toEqual({
      path: 'plannedEnd',
      message: 'Das neue Ende muss nach dem bisher geplanten Ende am 29.05.2026 liegen.',
    });
    // a day in the future is a field error
    expect(
      (
        await b.refused('measures:extend', {
          assignmentId: activation.id,
          plannedEnd: '2026-06-30',
          on: '2026-03-03',
        })
      ).issues?.[0]?.path,
    ).toBe('on');

    // MAG: at most six weeks (§ 45 Abs. 2 SGB III) – the extension past them is refused with the reason
    const mag = await running('mag', '2026-02-23', '2026-03-06');
    const tooLong = await b.refused('measures:extend', { assignmentId: mag.id, plannedEnd: '2026-06-30' });
    expect(tooLong.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(tooLong.message).toBe(
      '„Maßnahme bei einem Arbeitgeber (MAG)“ kann nicht bis zum 30.06.2026 verlängert werden.',
    );
    expect(tooLong.issues?.map((i) => i.message).join(' ')).toMatch(/Woche/);
    expect(
      (await b.call('measures:extend', { assignmentId: mag.id, plannedEnd: '2026-04-05' })).plannedEnd,
    ).toBe('2026-04-05');

    // an ended measure is not extended
    const ended = await b.call('measures:transition', {
      assignmentId: mag.id,
      event: { type: 'end', outcome: { code: 'completedSuccessfully' } },
    });
    expect(
      (await b.refused('measures:extend', { assignmentId: ended.id, plannedEnd: '2026-04-10' })).code,
    ).toBe('INVALID_TRANSITION');
  });
});

describe('extending an AGH beyond 24 months (§ 16d Abs. 6 SGB II)', () => {
  it('needs the documented re-check the caseworker states, and ends at 36 months even with it', async () => {
    const { caseId } = await finalizedCase();
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'employment', description: 'Arbeit' },
    });
    const agh = await b.call('measures:propose', {
      caseId,
      values: {
        measureId: 'agh',
        needIds: ['school-education'],
        goalId: goal.id,
        provider: { name: 'Kommunaler Beschäftigungsträger Oschatz' },
        plannedStart: '2024-03-04',
        plannedEnd: '2026-03-03',
        withLegalConsequencesNotice: false,
      },
    });
    await b.call('measures:transition', { assignmentId: agh.id, event: { type: 'assign' } });
    const running = await b.call('measures:transition', { assignmentId: agh.id, event: { type: 'start' } });
    // the list offers the condition of an extension beyond the regular maximum
    const listed = (await b.call('measures:list', { caseId })).find((a) => a.id === agh.id);
    expect(listed?.extensionConditions).toEqual([
      {
        flag: 'documentedRecheck',
        label: 'Erneute Prüfung der Voraussetzungen dokumentiert (§ 16d Abs. 6 SGB II)',
        description: 'Nötig für mehr als 24 Monate in 5 Jahren; höchstens 12 Monate mehr.',
      },
    ]);

    // without the re-check: refused with what it takes, nothing written
    const without = await b.refused('measures:extend', { assignmentId: agh.id, plannedEnd: '2026-09-30' });
    expect(without.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(without.issues?.map((i) => i.message).join(' ')).toContain(
      'Eine Verlängerung um bis zu 12 Monate setzt voraus: erneute Prüfung der Voraussetzungen dokumentiert.',
    );
    // a flag that is no condition of this extension is refused at the field
    const other = await b.refused('measures:extend', {
      assignmentId: agh.id,
      plannedEnd: '2026-09-30',
      conditionsMet: ['placementHindered'],
    });
    expect(other).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(other.issues?.[0]).toEqual({
      path: 'conditionsMet',
      message: 'Diese Angabe gehört nicht zur Verlängerung dieser Maßnahme.',
    });
    // beyond 36 months: refused even with the re-check
    const tooLong = await b.refused('measures:extend', {
      assignmentId: agh.id,
      plannedEnd: '2027-06-30',
      conditionsMet: ['documentedRecheck'],
    });
    expect(tooLong.issues?.map((i) => i.message).join(' ')).toContain('höchstens 36 Monate');
    const unchanged = (await b.call('measures:list', { caseId })).find((a) => a.id === agh.id);
    expect(unchanged).toMatchObject({ plannedEnd: '2026-03-03', rowVersion: running.rowVersion });

    // with the re-check: up to 12 more months
    const extended = await b.call('measures:extend', {
      assignmentId: agh.id,
      plannedEnd: '2026-09-30',
      conditionsMet: ['documentedRecheck'],
      expectedRowVersion: running.rowVersion,
    });
    expect(extended).toMatchObject({ status: 'started', plannedEnd: '2026-09-30' });
    // the stated re-check is on record in the case file: one Vermerk, written with the extension
    const notes = tableRows(b.t.raw, 'notes').filter((n) => n['case_id'] === caseId);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      category: 'Maßnahme',
      title: 'Verlängerung: Arbeitsgelegenheit mit Mehraufwandsentschädigung (AGH)',
    });
    expect(String(notes[0]!['body'])).toContain(
      'am 02.03.2026 verlängert bis 30.09.2026 (bisher bis 03.03.2026).',
    );
    expect(String(notes[0]!['body'])).toContain(
      '- Erneute Prüfung der Voraussetzungen dokumentiert (§ 16d Abs. 6 SGB II)',
    );
  });
});

describe('own efforts and cooperation plans', () => {
  const points = {
    supportServices: { state: 'answered', text: 'Aktivierungsmaßnahme' },
    ownEfforts: { state: 'not_applicable' },
    languageCoursePriority: { state: 'not_applicable' },
    otherAgencies: { state: 'not_applicable' },
    targetActivities: { state: 'answered', text: 'Lagerlogistik' },
    rehabilitationNeed: { state: 'not_applicable' },
  };

  it('records own efforts and proofs', async () => {
    const { caseId } = await b.newCase();
    const effort = await b.call('own-efforts:create', {
      caseId,
      values: {
        description: 'Bewerbungen schreiben',
        frequency: { count: 4, per: 'month' },
        proof: 'bewerbungsliste',
        agreedOn: '2026-02-01',
      },
    });
    const proved = await b.call('own-efforts:record-proof', {
      ownEffortId: effort.id,
      proof: { receivedOn: '2026-03-01', form: 'bewerbungsliste', count: 4 },
    });
    expect(proved.proofs).toEqual([
      { receivedOn: '2026-03-01', form: 'bewerbungsliste', count: 4, note: null },
    ]);
    expect(
      (
        await b.refused('own-efforts:record-proof', {
          ownEffortId: effort.id,
          proof: { receivedOn: '2026-01-01', form: 'bewerbungsliste' },
        })
      ).message,
    ).toContain('vor der Vereinbarung');
    expect(
      (
        await b.refused('own-efforts:record-proof', {
          ownEffortId: effort.id,
          proof: { receivedOn: '2026-05-01', form: 'bewerbungsliste' },
        })
      ).issues?.[0]?.message,
    ).toContain('Zukunft');
  });

  it('saves a draft, refuses the handover while something is missing, then hands over immutably', async () => {
    const { caseId: bare } = await b.newCase();
    const plan = await b.call('plans:save-draft', {
      caseId: bare,
      values: { planDate: '2026-03-02', points: {} } as never,
    });
    const missing = await b.refused('plans:hand-over', { planId: plan.id, form: 'ausdruck' });
    expect(missing.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(missing.issues?.map((i) => i.path)).toContain('assessment');
    expect(missing.issues?.map((i) => i.path)).toContain('goal');
    expect(tableRows(b.t.raw, 'plan_handovers')).toHaveLength(0);

    const { caseId } = await finalizedCase();
    const draft = await b.call('plans:save-draft', {
      caseId,
      values: { planDate: '2026-03-02', goal: 'Arbeit im Lager', points } as never,
    });
    const saved = await b.call('plans:save-draft', {
      planId: draft.id,
      changes: {
        mainSteps: [{ text: 'Bewerbungen schreiben', responsible: 'person' }],
        personalOffer: 'Monatliche Beratung',
        reviewDueOn: '2026-09-01',
      } as never,
    });
    expect(saved).toMatchObject({ reviewDueOn: '2026-09-01', goal: 'Arbeit im Lager' });
    const handover = await b.call('plans:hand-over', { planId: draft.id, form: 'ausdruck' });
    const content = cooperationPlanSchema.parse({ ...saved, rowVersion: undefined });
    expect(handover).toMatchObject({
      planId: draft.id,
      version: 1,
      handedOverOn: '2026-03-02',
      handedOverBy: 'ifk-7',
      form: 'ausdruck',
      contentHash: createHash('sha256').update(canonicalPlanContent(content)).digest('hex'),
    });
    const entries = tableRows(b.t.raw, 'sync_outbox', 'seq').slice(-2);
    expect(entries.map((e) => `${e['entity']}:${e['op']}`)).toEqual([
      'plan_handovers:create',
      'cases:update',
    ]);
    expect(entries[0]?.['local_tx_id']).toBe(entries[1]?.['local_tx_id']);
    expect((await b.cases.getCase(caseId)).case.nextReviewOn).toBe('2026-09-01');
    const second = await b.call('plans:hand-over', { planId: draft.id, form: 'e-mail' });
    expect(second.version).toBe(2);
    expect(
      (await b.refused('plans:hand-over', { planId: draft.id, form: 'ausdruck', expectedRowVersion: 7 }))
        .code,
    ).toBe('CONFLICT');
  });

  it('a review date that has passed by the day of the hand-over blocks it, naming the field', async () => {
    await b.t.destroy();
    let now = Date.parse('2026-03-02T08:00:00.000Z');
    b = await createWriteBackend({ clock: { now: () => new Date(now) } });
    const { caseId } = await finalizedCase();
    const draft = await b.call('plans:save-draft', {
      caseId,
      values: {
        planDate: '2026-03-02',
        goal: 'Arbeit im Lager',
        points,
        mainSteps: [{ text: 'Bewerbungen schreiben', responsible: 'person' }],
        reviewDueOn: '2026-03-09',
      } as never,
    });
    now = Date.parse('2026-03-09T20:00:00.000Z'); // 21 Uhr in Berlin: still the review day
    expect((await b.call('plans:missing', { planId: draft.id })).missing).toEqual([]);
    now = Date.parse('2026-03-10T07:00:00.000Z');
    const refused = await b.refused('plans:hand-over', { planId: draft.id, form: 'ausdruck' });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(refused.issues).toEqual([
      {
        path: 'reviewDueOn',
        message:
          'Der Überprüfungstermin 09.03.2026 liegt in der Vergangenheit: Bitte einen Termin ab heute (10.03.2026) festlegen.',
      },
    ]);
    expect(tableRows(b.t.raw, 'plan_handovers')).toHaveLength(0);
    // the write service alone refuses it too
    await expect(b.writes.plans.handOver(draft.id, 'ausdruck')).rejects.toMatchObject({
      code: 'DOMAIN_RULE_VIOLATED',
    });
    await b.call('plans:save-draft', { planId: draft.id, changes: { reviewDueOn: '2026-06-01' } as never });
    expect((await b.call('plans:hand-over', { planId: draft.id, form: 'ausdruck' })).handedOverOn).toBe(
      '2026-03-10',
    );
  });
});
