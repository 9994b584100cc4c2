/**
 * The channels of the case workspace, part 2 (issue 10), through the real dispatch on an
 * encrypted store: the wizard's candidates (equal to the domain's engine on three dates, one
 * before and one after the legal cut-over), proposals checked again in main, the status machine,
 * the phase advance with its explanation, Eigenbemühungen, appointments by Berlin day, notes,
 * contacts and the duplicate check before an intake. Bad input changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../src/shared/domain/case/person';
import { defaultMeasureCatalogue, evaluateEligibility } from '../../../src/shared/domain/measures';
import { eligibilityFactsFor } from '../../../src/shared/domain/measures/facts-from-case';
import { flagsFromNeeds } from '../../../src/shared/domain/measures/wizard';
import { tableRows } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

let b: WriteBackend;
beforeEach(async () => {
  b = await createWriteBackend();
});
afterEach(async () => {
  await b.t.destroy();
});

const count = (table: string) => tableRows(b.t.raw, table).length;
const outboxSize = () => count('sync_outbox');

/** A case in phase 3: benefit receipt, a finalized assessment with a need in school education, a goal and a strategy. */
async function phase3Case() {
  const created = await b.newCase();
  const { caseId, personId } = created;
  await b.call('persons:update', {
    personId,
    changes: { benefitPeriods: [{ from: '2019-01-01', to: null }], unemployedSince: '2024-01-01' },
  });
  const { COMPETENCE_CLASSES, EVIDENCE_SOURCES } =
    await import('../../../src/shared/domain/assessment/vocabulary');
  const draft = await b.call('assessments:create-draft', { caseId, values: {} });
  await b.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'school-education',
      strength: null,
      need: { focus: 'Hauptschulabschluss nachholen' },
      evidenceSources: [EVIDENCE_SOURCES[0]],
    } as never,
  });
  await b.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'work-experience',
      strength: { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] },
      evidenceSources: [EVIDENCE_SOURCES[0]],
    } as never,
  });
  await b.call('assessments:update-draft', {
    assessmentId: draft.id,
    changes: { integrationForecast: 'beyond12Months' },
  });
  await b.call('assessments:finalize', { assessmentId: draft.id });
  const goal = await b.call('goals:create', {
    caseId,
    values: { type: 'employment', description: 'Arbeit' },
  });
  const strategy = await b.call('strategies:choose', {
    caseId,
    values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'], goalId: goal.id },
  });
  return { ...created, goalId: goal.id, strategyChoiceId: strategy.id };
}

describe('measures:candidates (the wizard)', () => {
  it('lists every catalogue entry, eligible first, refused ones with German reasons and legal reference', async () => {
    const { caseId, strategyChoiceId, goalId } = await phase3Case();
    const result = await b.call('measures:candidates', {
      caseId,
      strategyChoiceId,
      plannedStart: '2026-03-16',
      plannedEnd: '2026-04-24',
    });
    expect(result.candidates).toHaveLength(defaultMeasureCatalogue.entries.length);
    expect(result.strategyGoalId).toBe(goalId);
    expect(result.needs).toEqual([
      expect.objectContaining({ criterionId: 'school-education', selected: true }),
    ]);
    expect(result.regime?.id).toBe('buergergeld');
    const ranks = result.candidates.map(
      (c) => ({ eligible: 0, eligible_with_warnings: 1, not_eligible: 2 })[c.status],
    );
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));

    const expired = result.candidates.find((c) => c.measureId === 'schritt-fuer-schritt');
    expect(expired?.status).toBe('not_eligible');
    expect(expired?.reasons.find((r) => r.severity === 'unmet')?.text).toContain('abgelaufen');
    const juventus = result.candidates.find((c) => c.measureId === 'juventus');
    expect(juventus?.statusLabel).toBe('nicht möglich');
    expect(juventus?.reasons.find((r) => r.severity === 'unmet')).toMatchObject({
      check: 'maxAge',
      ref: expect.stringContaining('AMIP'),
    });

    const voucher = result.candidates.find((c) => c.measureId === 'fbw-bildungsgutschein');
    expect(voucher).toMatchObject({ kind: 'referral', form: 'referral' });
    expect(voucher?.formLabel).toContain('Agentur für Arbeit');
    expect(voucher?.obligation.noticeAllowed).toBe(false);
    const debt = result.candidates.find((c) => c.measureId === 'kommunal-suchtberatung');
    expect(debt?.form).toBe('municipalOffer');
    expect(debt?.formLabel).toContain('keine Zuweisung');
    expect(debt?.obligation.explanation).toContain('§ 16a SGB II');
    const activation = result.candidates.find((c) => c.measureId === 'aktivierung-45');
    expect(activation?.obligation.noticeAllowed).toBe(true);
    expect(activation?.obligation.options.map((o) => o.withLegalConsequencesNotice)).toEqual([false, true]);
    const mag = result.candidates.find((c) => c.measureId === 'mag');
    expect(mag?.duration).toMatchObject({ unit: 'weeks', max: 6 });
  });

  it.each(['2024-12-02', '2026-06-30', '2026-07-01'])(
    'on a planned start of %s the results equal the domain engine for every catalogue entry',
    async (plannedStart) => {
      const { caseId, personId } = await phase3Case();
      const result = await b.call('measures:candidates', {
        caseId,
        needIds: ['school-education'],
        plannedStart,
      });
      const { person } = await b.call('cases:get', { caseId });
      expect(person.id).toBe(personId);
      const expected = evaluateEligibility(
        defaultMeasureCatalogue,
        eligibilityFactsFor(
          {
            person: person as unknown as Person,
            household: null,
            assignments: [],
            recordedFlags: flagsFromNeeds(['school-education']),
          },
          { measureStart: plannedStart },
          '2026-03-02',
        ),
        { on: '2026-03-02' },
      );
      const byId = new Map(result.candidates.map((c) => [c.measureId, c]));
      for (const e of expected) {
        expect(byId.get(e.measureId)?.status, e.measureId).toBe(e.status);
        expect(byId.get(e.measureId)?.reasons, e.measureId).toEqual(e.reasons);
      }
      expect(result.regime?.id).toBe(plannedStart >= '2026-07-01' ? 'grundsicherung' : 'buergergeld');
    },
  );

  it('refuses needs the assessment does not record and strategies of other cases', async () => {
    const { caseId } = await phase3Case();
    const other = await b.newCase();
    const unknown = await b.refused('measures:candidates', {
      caseId,
      needIds: ['housing'],
      plannedStart: '2026-03-16',
    });
    expect(unknown.code).toBe('VALIDATION_FAILED');
    expect(unknown.issues?.[0]?.message).toContain('nicht als Handlungsbedarf erfasst');
    const noAssessment = await b.refused('measures:candidates', {
      caseId: other.caseId,
      needIds: ['school-education'],
      plannedStart: '2026-03-16',
    });
    expect(noAssessment.message).toContain('Potenzialanalyse');
    const impossible = await b.refused('measures:candidates', { caseId, plannedStart: '2026-02-30' });
    expect(impossible.code).toBe('VALIDATION_FAILED');
    // a derived fact is never taken from the renderer
    const claimed = await b.refused('measures:candidates', {
      caseId,
      plannedStart: '2026-03-16',
      facts: { flags: { employableBenefitRecipient: true } },
    });
    expect(claimed.code).toBe('VALIDATION_FAILED');
  });
});

describe('measures:propose checks again in main', () => {
  it('refuses an ineligible measure, an unknown need and a forbidden Rechtsfolgenbelehrung; nothing written', async () => {
    const { caseId, goalId } = await phase3Case();
    const before = { rows: count('measure_assignments'), outbox: outboxSize() };
    const base = {
      needIds: ['school-education'],
      goalId,
      provider: { name: 'Bildungsträger Torgau' },
      plannedStart: '2026-03-16',
      plannedEnd: '2026-04-24',
      withLegalConsequencesNotice: false,
    };
    const tooOld = await b.refused('measures:propose', {
      caseId,
      values: { ...base, measureId: 'juventus' },
    });
    expect(tooOld.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(tooOld.message).toContain('nicht möglich');
    expect(tooOld.issues?.map((i) => i.message).join(' ')).toContain('verlangt höchstens 30 Jahre');
    const expired = await b.refused('measures:propose', {
      caseId,
      values: { ...base, measureId: 'schritt-fuer-schritt' },
    });
    expect(expired.issues?.[0]?.message).toContain('abgelaufen');
    const need = await b.refused('measures:propose', {
      caseId,
      values: { ...base, measureId: 'mag', needIds: ['housing'] },
    });
    expect(need.issues?.[0]).toMatchObject({ path: 'needIds' });
    const notice = await b.refused('measures:propose', {
      caseId,
      values: { ...base, measureId: 'kommunal-schuldnerberatung', withLegalConsequencesNotice: true },
    });
    expect(notice.code).toBe('DOMAIN_RULE_VIOLATED');
    expect(notice.message).toContain('§ 16a SGB II');
    const tooLong = await b.refused('measures:propose', {
      caseId,
      values: { ...base, measureId: 'mag', plannedEnd: '2026-07-30' },
    });
    expect(tooLong.issues?.[0]?.message).toContain('erlaubt höchstens 12 Wochen');
    for (const name of ['x'.repeat(201), 'Träger\u0007', 'Träger \u202Egnuhcs', 'Träger\u0000']) {
      const bad = await b.refused('measures:propose', {
        caseId,
        values: { ...base, measureId: 'mag', provider: { name } },
      });
      expect(bad.code).toBe('VALIDATION_FAILED');
      expect(bad.message.length + (bad.issues?.[0]?.message.length ?? 0)).toBeGreaterThan(0);
      expect(JSON.stringify(bad)).toMatch(/Zeichen|Steuerzeichen/);
    }
    expect(
      (
        await b.refused('measures:propose', {
          caseId,
          values: { ...base, measureId: 'mag', plannedStart: '2026-02-30' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect({ rows: count('measure_assignments'), outbox: outboxSize() }).toEqual(before);
  });

  it('assigns, starts and ends with an outcome; a § 16a offer reads "angeboten"; Nachbetreuung tracked with its time limit', async () => {
    const { caseId, goalId } = await phase3Case();
    const base = {
      needIds: ['school-education'],
      goalId,
      plannedStart: '2026-03-02',
      withLegalConsequencesNotice: false,
      provider: null,
    };
    const mag = await b.call('measures:propose', {
      caseId,
      values: {
        ...base,
        measureId: 'mag',
        plannedEnd: '2026-04-10',
        provider: { name: 'Lager Torgau GmbH' },
      },
    });
    await b.call('measures:transition', { assignmentId: mag.id, event: { type: 'assign' } });
    await b.call('measures:transition', { assignmentId: mag.id, event: { type: 'start' } });
    const noOutcome = await b.refused('measures:transition', {
      assignmentId: mag.id,
      event: { type: 'end' },
    });
    expect(noOutcome.message).toContain('Ergebnis');
    await b.call('measures:transition', {
      assignmentId: mag.id,
      event: { type: 'end', outcome: { code: 'tookUpEmployment', note: null } },
    });
    const offer = await b.call('measures:propose', {
      caseId,
      values: { ...base, measureId: 'kommunal-schuldnerberatung', plannedEnd: null },
      facts: { flags: { debtCounsellingNeed: true } },
    });
    await b.call('measures:transition', { assignmentId: offer.id, event: { type: 'assign' } });
    const list = await b.call('measures:list', { caseId });
    expect(list.find((a) => a.id === mag.id)).toMatchObject({
      status: 'ended',
      statusLabel: 'beendet',
      allowedEvents: [],
      outcome: { code: 'tookUpEmployment' },
    });
    expect(list.find((a) => a.id === offer.id)).toMatchObject({
      form: 'municipalOffer',
      statusLabel: 'angeboten',
      allowedEvents: ['start', 'abort'],
    });
    // aftercare after the job start recorded by the outcome: six calendar months
    const after = await b.call('measures:candidates', {
      caseId,
      needIds: ['school-education'],
      plannedStart: '2026-03-02',
    });
    expect(after.jobStartDate).toBe('2026-03-02');
    const aftercare = after.candidates.find((c) => c.measureId === 'nachbetreuung-16g');
    expect(aftercare?.latestEnd).toBe('2026-09-01');
    // a day the caseworker states is checked, but the answer keeps naming the record's day
    const stated = await b.call('measures:candidates', {
      caseId,
      needIds: ['school-education'],
      plannedStart: '2026-03-02',
      facts: { jobStartDate: '2026-02-02' },
    });
    expect(stated.jobStartDate).toBe('2026-03-02');
    expect(stated.candidates.find((c) => c.measureId === 'nachbetreuung-16g')?.latestEnd).toBe('2026-08-01');
    const nb = await b.call('measures:propose', {
      caseId,
      values: { ...base, measureId: 'nachbetreuung-16g', plannedEnd: '2026-09-01' },
    });
    const tracked = (await b.call('measures:list', { caseId })).find((a) => a.id === nb.id);
    expect(tracked?.aftercare).toMatchObject({ lastDay: '2026-09-01', expired: false });
    expect(tracked?.aftercare?.text).toContain('01.09.2026');
  });
});

describe('cases:phase-check and cases:advance-phase', () => {
  it('explains why a case does not advance, and advances when the conditions hold', async () => {
    const { caseId } = await b.newCase();
    const first = await b.call('cases:phase-check', { caseId });
    expect(first).toMatchObject({ from: 1, to: 2, canAdvance: false });
    expect(first.explanation).toContain('keine Potenzialanalyse');
    const refused = await b.refused('cases:advance-phase', { caseId });
    expect(refused.code).toBe('DOMAIN_RULE_VIOLATED');
    const detail = await b.call('cases:get', { caseId });
    expect(detail.case.phase).toBe(1);
    // a caseworker writes the case (a team lead's workspace is read-only: tests/e2e/team-lead-case.spec.ts)
    expect(detail.mayWrite).toBe(true);

    const full = await phase3Case();
    const p1 = await b.call('cases:advance-phase', { caseId: full.caseId });
    expect(p1.case.phase).toBe(2);
    expect(p1.check.explanation).toContain('Phase 2');
    expect((await b.call('cases:advance-phase', { caseId: full.caseId })).case.phase).toBe(3);
    const stuck = await b.call('cases:phase-check', { caseId: full.caseId });
    expect(stuck.canAdvance).toBe(false);
    expect(stuck.conditions.find((c) => !c.met)?.text).toContain('Kooperationsplan');
    const m = await b.call('measures:propose', {
      caseId: full.caseId,
      values: {
        measureId: 'aktivierung-45',
        needIds: ['school-education'],
        goalId: full.goalId,
        plannedStart: '2026-03-16',
        plannedEnd: '2026-06-12',
        withLegalConsequencesNotice: true,
        provider: { name: 'Bildungsträger Torgau' },
      },
    });
    await b.call('measures:transition', { assignmentId: m.id, event: { type: 'assign' } });
    const ready = await b.call('cases:phase-check', { caseId: full.caseId });
    expect(ready.canAdvance).toBe(true);
    const last = await b.call('cases:advance-phase', { caseId: full.caseId });
    expect(last.case.phase).toBe(4);
    expect(last.check).toMatchObject({ from: 4, to: null, canAdvance: false });
  });
});

describe('Eigenbemühungen', () => {
  it('records proofs and shows them against the agreed frequency', async () => {
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
    await b.call('own-efforts:record-proof', {
      ownEffortId: effort.id,
      proof: { receivedOn: '2026-02-27', form: 'bewerbungsliste', count: 3 },
    });
    const [listed] = await b.call('own-efforts:list', { caseId });
    // today is 02.03.: February (calendar month) ended one short, March has begun
    expect(listed?.balance).toEqual({ expected: 8, proved: 3, missing: 5 });
    expect(listed?.periods).toEqual([
      { from: '2026-02-01', to: '2026-02-28', expected: 4, proved: 3, missing: 1, state: 'missed' },
      { from: '2026-03-01', to: '2026-03-31', expected: 4, proved: 0, missing: 4, state: 'running' },
    ]);
    const before = outboxSize();
    const bad = await b.refused('own-efforts:record-proof', {
      ownEffortId: effort.id,
      proof: { receivedOn: '2026-02-30', form: 'bewerbungsliste' },
    });
    expect(bad.code).toBe('VALIDATION_FAILED');
    const note = await b.refused('own-efforts:record-proof', {
      ownEffortId: effort.id,
      proof: { receivedOn: '2026-02-20', form: 'bewerbungsliste', note: 'Liste \u202Etxet' },
    });
    expect(note.message + JSON.stringify(note.issues)).toContain('Steuerzeichen');
    expect(outboxSize()).toBe(before);
  });
});

describe('appointments', () => {
  it('day view by Berlin day, for an office and an outreach day; reschedule and mark along the rules', async () => {
    const { caseId } = await b.newCase();
    // 00:30 in Berlin on 03.03. is 23:30 UTC on 02.03.
    const early = await b.call('appointments:create', {
      caseId,
      values: { startsAt: '2026-03-02T23:30:00.000Z', durationMinutes: 30, kind: 'beratung' },
    });
    const jva = await b.call('appointments:create', {
      caseId,
      values: {
        startsAt: '2026-03-03T09:00:00+01:00',
        durationMinutes: 60,
        kind: 'jva',
        invitation: 'meldeaufforderung',
      },
    });
    expect(early.invitation).toBe('einladung');
    expect(jva.invitation).toBe('meldeaufforderung');
    const day = await b.call('appointments:list-day', { day: '2026-03-03' });
    expect(day.map((a) => a.id)).toEqual([early.id, jva.id]);
    expect(await b.call('appointments:list-day', { day: '2026-03-02' })).toEqual([]);
    expect(
      (await b.call('appointments:list-day', { day: '2026-03-03', outreach: true })).map((a) => a.id),
    ).toEqual([jva.id]);
    expect(
      (await b.call('appointments:list-day', { day: '2026-03-03', officeId: 'torgau', outreach: false })).map(
        (a) => a.id,
      ),
    ).toEqual([early.id]);
    expect(await b.call('appointments:list-day', { day: '2026-03-03', officeId: 'oschatz' })).toEqual([]);

    const next = await b.call('appointments:next', { caseIds: [caseId] });
    expect(next).toEqual([{ caseId, appointment: expect.objectContaining({ id: early.id }) }]);

    const ahead = await b.refused('appointments:update', {
      appointmentId: jva.id,
      changes: { status: 'wahrgenommen' },
    });
    expect(ahead.code).toBe('INVALID_TRANSITION');
    expect(ahead.message).toContain('noch nicht begonnen');
    const moved = await b.call('appointments:update', {
      appointmentId: jva.id,
      changes: { startsAt: '2026-03-01T09:00:00+01:00' },
    });
    const attended = await b.call('appointments:update', {
      appointmentId: moved.id,
      changes: { status: 'wahrgenommen' },
    });
    expect(attended.status).toBe('wahrgenommen');
    expect((await b.call('cases:get', { caseId })).case.lastContactOn).toBe('2026-03-01');
    const reschedule = await b.refused('appointments:update', {
      appointmentId: jva.id,
      changes: { startsAt: '2026-03-05T09:00:00+01:00' },
    });
    expect(reschedule.message).toContain('Nur ein geplanter Termin');
    const cancelled = await b.call('appointments:update', {
      appointmentId: early.id,
      changes: { status: 'abgesagt' },
    });
    expect(cancelled.status).toBe('abgesagt');
    expect(await b.call('appointments:next', { caseIds: [caseId] })).toEqual([]);
    const before = outboxSize();
    expect(
      (
        await b.refused('appointments:create', {
          caseId,
          values: { startsAt: '2026-02-30T09:00:00+01:00', durationMinutes: 30, kind: 'beratung' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await b.refused('appointments:create', {
          caseId,
          values: {
            startsAt: '2026-03-04T09:00:00+01:00',
            durationMinutes: 30,
            kind: 'beratung',
            location: 'Raum \u202E1',
          },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect(outboxSize()).toBe(before);
  });
});

describe('notes and contacts', () => {
  it('a health note is restricted and never found by search; contacts are listed newest first', async () => {
    const { caseId } = await b.newCase();
    await b.call('notes:create', {
      caseId,
      values: { category: 'Gesundheit', title: 'Teil A', body: 'Rückenleiden Belastungsgrenze' },
    });
    await b.call('notes:create', {
      caseId,
      values: { category: 'Beratung', title: 'Gespräch', body: 'Gabelstapler Interesse' },
    });
    expect((await b.call('cases:list', { query: 'Gabelstapler' })).items.map((c) => c.caseId)).toEqual([
      caseId,
    ]);
    expect((await b.call('cases:list', { query: 'Rückenleiden' })).items).toEqual([]);
    const { notes } = await b.call('cases:get', { caseId });
    expect(notes.find((n) => n.category === 'Gesundheit')?.restricted).toBe(true);
    const moved = notes.find((n) => n.category === 'Beratung');
    const toHealth = await b.call('notes:update', { noteId: moved!.id, changes: { category: 'Gesundheit' } });
    expect(toHealth.restricted).toBe(true);
    expect((await b.call('cases:list', { query: 'Gabelstapler' })).items).toEqual([]);

    await b.call('contacts:create', {
      caseId,
      values: {
        occurredAt: '2026-02-10T10:00:00+01:00',
        channel: 'telefon',
        subject: 'Rückruf',
        reached: false,
      },
    });
    await b.call('contacts:create', {
      caseId,
      values: {
        occurredAt: '2026-02-20T10:00:00+01:00',
        channel: 'aufsuchend',
        subject: 'Besuch im Wohngebiet',
      },
    });
    const contacts = await b.call('contacts:list', { caseId });
    expect(contacts.map((c) => c.channel)).toEqual(['aufsuchend', 'telefon']);
    const before = outboxSize();
    for (const subject of ['x'.repeat(201), 'Anruf\u0008', 'Anruf \u202Eflura']) {
      const bad = await b.refused('contacts:create', {
        caseId,
        values: { occurredAt: '2026-02-21T10:00:00+01:00', channel: 'brief', subject },
      });
      expect(bad.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (
        await b.refused('notes:create', {
          caseId,
          values: { category: 'Beratung', title: 't'.repeat(201), body: '' },
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect(outboxSize()).toBe(before);
  });
});

describe('intake', () => {
  it('finds duplicates by birth date and similar name before creating; creates person, case and household at once', async () => {
    const { caseId } = await b.call('cases:create', {
      officeId: 'torgau',
      caseworkerId: 'ifk-7',
      openedOn: '2026-02-01',
      person: {
        customerNumber: '123A456789',
        firstName: 'Anna',
        lastName: 'Schäfer',
        birthDate: '1985-03-12',
      },
    });
    const same = await b.call('persons:find-duplicates', {
      firstName: 'Anna',
      lastName: 'Schaefer',
      birthDate: '1985-03-12',
    });
    expect(same).toEqual([expect.objectContaining({ caseId, match: 'sameName' })]);
    expect(same[0]?.reason).toContain('12.03.1985');
    const swapped = await b.call('persons:find-duplicates', {
      firstName: 'Schaefer',
      lastName: 'Anna',
      birthDate: '1985-03-12',
    });
    expect(swapped[0]?.match).toBe('swappedNames');
    expect(
      await b.call('persons:find-duplicates', {
        firstName: 'Anna',
        lastName: 'Schaefer',
        birthDate: '1985-03-13',
      }),
    ).toEqual([]);
    expect(
      (
        await b.refused('persons:find-duplicates', {
          firstName: 'Anna',
          lastName: 'S',
          birthDate: '1985-02-30',
        })
      ).code,
    ).toBe('VALIDATION_FAILED');

    const counts = () => ['cases', 'persons', 'households', 'sync_outbox'].map(count);
    const before = counts();
    // refused at the channel: nothing of person, case or household is saved
    const half = await b.refused('cases:create', {
      officeId: 'torgau',
      caseworkerId: 'ifk-7',
      openedOn: '2026-03-01',
      person: { customerNumber: '999A999999', firstName: 'Jonas', lastName: 'Neu', birthDate: '1990-01-01' },
      household: { householdNumber: 'BG-1', members: [{ role: 'unbekannt' }] },
    });
    expect(half.code).toBe('VALIDATION_FAILED');
    expect(counts()).toEqual(before);
    // refused by the write path after case and household were written in the transaction: rolled back
    await expect(
      b.cases.createCase({
        officeId: 'torgau',
        caseworkerId: 'ifk-7',
        openedOn: '2026-03-01',
        person: {
          customerNumber: '999A999999',
          firstName: 'Jonas',
          lastName: 'Neu',
          birthDate: '1990-02-30',
        },
        household: { householdNumber: 'BG-1', members: [{ role: 'applicant' }] },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(counts()).toEqual(before);
    const created = await b.call('cases:create', {
      officeId: 'torgau',
      caseworkerId: 'ifk-7',
      openedOn: '2026-03-01',
      person: { customerNumber: '999A999999', firstName: 'Jonas', lastName: 'Neu', birthDate: '1990-01-01' },
      household: { householdNumber: 'BG-1', members: [{ role: 'applicant', birthDate: '1990-01-01' }] },
    });
    expect(created.householdId).not.toBeNull();
    expect(counts()).toEqual([before[0]! + 1, before[1]! + 1, before[2]! + 1, before[3]! + 3]);
  });
});
