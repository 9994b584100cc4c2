import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../common/dates';
import {
  ALLOWED_OUTCOMES,
  allowedEvents,
  ASSIGNMENT_STATUSES,
  ASSIGNMENT_TRANSITIONS,
  assignmentSchema,
  assignmentStatusLabel,
  EXTENDABLE_STATUSES,
  extendAssignment,
  extensionDays,
  OUTCOME_CODES,
  OUTCOME_LABELS,
  proposeAssignment,
  transitionAssignment,
  type Assignment,
  type AssignmentEvent,
  type AssignmentEventType,
  type AssignmentResult,
  type AssignmentStatus,
} from './assignment';
import { defaultMeasureCatalogue, findCatalogueEntry } from './catalogue';
import type { CatalogueEntry } from './catalogue.schema';

const entry = (id: string): CatalogueEntry =>
  findCatalogueEntry(defaultMeasureCatalogue, id) as CatalogueEntry;

function value(result: AssignmentResult): Assignment {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const proposal = (overrides: Partial<Parameters<typeof proposeAssignment>[0]> = {}) =>
  proposeAssignment(
    {
      id: 'A-1',
      caseId: 'C-1',
      entry: entry('mag'),
      catalogueVersion: defaultMeasureCatalogue.version,
      needIds: ['N-1'],
      goalId: 'G-1',
      provider: { name: 'Bildungswerk Torgau' },
      plannedStart: '2026-03-02',
      plannedEnd: '2026-04-12',
      withLegalConsequencesNotice: false,
      ...overrides,
    },
    '2026-03-01',
  );

const outcome = (code: (typeof OUTCOME_CODES)[number], note: string | null = null) => ({ code, note });

/** An assignment brought into `status` along the allowed path. */
function inStatus(status: AssignmentStatus): Assignment {
  let a = value(proposal());
  const path: Record<AssignmentStatus, [AssignmentEvent, IsoDate][]> = {
    proposed: [],
    assigned: [[{ type: 'assign' }, '2026-03-01']],
    started: [
      [{ type: 'assign' }, '2026-03-01'],
      [{ type: 'start' }, '2026-03-02'],
    ],
    ended: [
      [{ type: 'assign' }, '2026-03-01'],
      [{ type: 'start' }, '2026-03-02'],
      [{ type: 'end', outcome: outcome('completedSuccessfully') }, '2026-04-12'],
    ],
    aborted: [[{ type: 'abort', outcome: outcome('proposalWithdrawn') }, '2026-03-01']],
  };
  for (const [event, at] of path[status]) a = value(transitionAssignment(a, event, at));
  return a;
}

/** An event with an outcome that fits where the assignment stands. */
function eventFor(type: AssignmentEventType, from: AssignmentStatus): AssignmentEvent {
  if (type === 'end' || type === 'abort') {
    const code = ALLOWED_OUTCOMES[type][from]?.[0] ?? 'completedSuccessfully';
    return { type, outcome: outcome(code, 'Grund') };
  }
  return { type };
}

const EVENTS: AssignmentEventType[] = ['assign', 'start', 'end', 'abort'];
const ALLOWED: [AssignmentStatus, AssignmentEventType, AssignmentStatus][] = [
  ['proposed', 'assign', 'assigned'],
  ['proposed', 'abort', 'aborted'],
  ['assigned', 'start', 'started'],
  ['assigned', 'abort', 'aborted'],
  ['started', 'end', 'ended'],
  ['started', 'abort', 'aborted'],
];

describe('assignment status machine', () => {
  it('has exactly the documented transitions', () => {
    const table = ASSIGNMENT_STATUSES.flatMap((from) =>
      EVENTS.flatMap((e) => {
        const to = ASSIGNMENT_TRANSITIONS[from][e];
        return to ? [[from, e, to]] : [];
      }),
    );
    expect(table).toEqual(ALLOWED);
    expect(allowedEvents('started')).toEqual(['end', 'abort']);
    expect(allowedEvents('ended')).toEqual([]);
  });

  for (const [from, event, to] of ALLOWED) {
    it(`allows ${from} → ${to} (${event}) and returns a new, valid record`, () => {
      const before = inStatus(from);
      const snapshot = structuredClone(before);
      const after = value(transitionAssignment(before, eventFor(event, from), '2026-04-20'));
      expect(after.status).toBe(to);
      expect(after.history.at(-1)).toEqual({ from, to, on: '2026-04-20' });
      expect(before).toEqual(snapshot);
      expect(after).not.toBe(before);
      expect(assignmentSchema.safeParse(after).success).toBe(true);
    });
  }

  for (const from of ASSIGNMENT_STATUSES) {
    for (const event of EVENTS) {
      if (ASSIGNMENT_TRANSITIONS[from][event]) continue;
      it(`forbids ${event} from ${from}`, () => {
        const result = transitionAssignment(inStatus(from), eventFor(event, from), '2026-04-20');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('INVALID_TRANSITION');
        expect(result.error.reason).toBe('forbiddenTransition');
        expect(result.error.message).toMatch(/^Eine Maßnahme im Status „.+“ kann nicht .+ werden\.$/);
      });
    }
  }

  it('names the status in German in the refusal', () => {
    const result = transitionAssignment(inStatus('ended'), { type: 'start' }, '2026-05-01');
    expect(!result.ok && result.error.message).toBe(
      'Eine Maßnahme im Status „beendet“ kann nicht als angetreten erfasst werden.',
    );
  });

  it('records the dates of assignment, start and end', () => {
    const ended = inStatus('ended');
    expect([ended.assignedOn, ended.startedOn, ended.endedOn]).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-04-12',
    ]);
    expect(ended.outcome).toEqual({ code: 'completedSuccessfully', note: null });
  });
});

describe('ending needs an outcome', () => {
  it('ending or aborting without an outcome fails', () => {
    for (const [from, type] of [
      ['started', 'end'],
      ['started', 'abort'],
      ['assigned', 'abort'],
      ['proposed', 'abort'],
    ] as const) {
      for (const missing of [undefined, null]) {
        const result = transitionAssignment(inStatus(from), { type, outcome: missing }, '2026-04-20');
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', reason: 'outcomeRequired' });
          expect(result.error.message).toContain('Bitte das Ergebnis der Maßnahme angeben');
        }
      }
    }
  });

  it('accepts only outcomes that fit where the assignment stands', () => {
    const cases: [AssignmentStatus, 'end' | 'abort', (typeof OUTCOME_CODES)[number], boolean][] = [
      ['started', 'end', 'completedSuccessfully', true],
      ['started', 'end', 'completedWithoutSuccess', true],
      ['started', 'end', 'tookUpEmployment', true],
      ['started', 'end', 'tookUpTraining', true],
      ['started', 'end', 'endedEarly', false],
      ['started', 'end', 'didNotStart', false],
      ['started', 'abort', 'endedEarly', true],
      ['started', 'abort', 'didNotStart', false],
      ['assigned', 'abort', 'didNotStart', true],
      ['assigned', 'abort', 'tookUpEmployment', true],
      ['assigned', 'abort', 'completedSuccessfully', false],
      ['proposed', 'abort', 'proposalWithdrawn', true],
      ['proposed', 'abort', 'didNotStart', false],
    ];
    for (const [from, type, code, ok] of cases) {
      const result = transitionAssignment(
        inStatus(from),
        { type, outcome: outcome(code, 'Grund') },
        '2026-04-20',
      );
      expect(result.ok, `${from} ${type} ${code}`).toBe(ok);
      if (!result.ok) expect(result.error.reason).toBe('outcomeNotAllowed');
    }
    const refused = transitionAssignment(
      inStatus('started'),
      { type: 'end', outcome: outcome('didNotStart') },
      '2026-04-20',
    );
    expect(!refused.ok && refused.error.message).toBe(
      'Das Ergebnis „nicht angetreten“ passt nicht, wenn eine Maßnahme im Status „angetreten“ beendet wird. Möglich: erfolgreich abgeschlossen, regulär beendet, Ziel nicht erreicht, Arbeitsaufnahme, Ausbildungsaufnahme.',
    );
  });

  it('"vorzeitig beendet" and "nicht angetreten" need a reason', () => {
    for (const [from, code] of [
      ['started', 'endedEarly'],
      ['assigned', 'didNotStart'],
    ] as const) {
      for (const note of [null, '   ']) {
        const result = transitionAssignment(
          inStatus(from),
          { type: 'abort', outcome: outcome(code, note) },
          '2026-04-20',
        );
        expect(!result.ok && result.error.reason).toBe('noteRequired');
      }
      const ok = value(
        transitionAssignment(
          inStatus(from),
          { type: 'abort', outcome: outcome(code, '  krank  ') },
          '2026-04-20',
        ),
      );
      expect(ok.outcome).toEqual({ code, note: 'krank' });
    }
  });

  it('refuses a date before the last change', () => {
    const result = transitionAssignment(inStatus('assigned'), { type: 'start' }, '2026-02-28');
    expect(!result.ok && result.error).toEqual({
      code: 'DOMAIN_RULE_VIOLATED',
      reason: 'dateBeforePrevious',
      message: 'Das Datum 28.02.2026 liegt vor dem letzten Statuswechsel am 01.03.2026.',
    });
  });
});

describe('extending a measure (Verlängerung)', () => {
  it('moves the planned end of an assigned or running measure and records the day in the history', () => {
    for (const status of EXTENDABLE_STATUSES) {
      const a = inStatus(status);
      const extended = value(extendAssignment(a, '2026-06-30', '2026-04-10'));
      expect(extended.status).toBe(status);
      expect(extended.plannedEnd).toBe('2026-06-30');
      expect(extended.history.at(-1)).toEqual({ from: status, to: status, on: '2026-04-10' });
      expect(extensionDays(extended)).toEqual(['2026-04-10']);
      expect(extensionDays(a)).toEqual([]);
      // the record stays valid, and the input is unchanged
      expect(assignmentSchema.safeParse(extended).success).toBe(true);
      expect(a.plannedEnd).toBe('2026-04-12');
    }
  });

  it('refuses proposed, ended and aborted measures', () => {
    for (const status of ['proposed', 'ended', 'aborted'] as const) {
      const result = extendAssignment(inStatus(status), '2026-06-30', '2026-04-20');
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_TRANSITION', reason: 'forbiddenTransition' },
      });
      expect(!result.ok && result.error.message).toContain('kann nicht verlängert werden');
    }
  });

  it('wants an end after the planned end so far, not before the day, on a day after the last change', () => {
    const a = inStatus('started');
    expect(extendAssignment(a, '2026-04-12', '2026-04-01')).toMatchObject({
      ok: false,
      error: {
        reason: 'extensionNotLater',
        message: 'Das neue Ende muss nach dem bisher geplanten Ende am 12.04.2026 liegen.',
      },
    });
    // an open-ended measure can be given an end, but not one before the day of the extension
    const open = { ...a, plannedEnd: null };
    expect(extendAssignment(open, '2026-04-30', '2026-05-02')).toMatchObject({
      ok: false,
      error: { reason: 'extensionNotLater', message: 'Das neue Ende darf nicht vor dem 02.05.2026 liegen.' },
    });
    expect(value(extendAssignment(open, '2026-05-02', '2026-05-02')).plannedEnd).toBe('2026-05-02');
    expect(extendAssignment(a, '2026-06-30', '2026-03-01')).toMatchObject({
      ok: false,
      error: { code: 'DOMAIN_RULE_VIOLATED', reason: 'dateBeforePrevious' },
    });
    // a later status change cannot predate the extension
    const extended = value(extendAssignment(a, '2026-06-30', '2026-04-10'));
    expect(
      transitionAssignment(
        extended,
        { type: 'end', outcome: outcome('completedSuccessfully') },
        '2026-04-09',
      ),
    ).toMatchObject({ ok: false, error: { reason: 'dateBeforePrevious' } });
    expect(
      value(
        transitionAssignment(
          extended,
          { type: 'end', outcome: outcome('completedSuccessfully') },
          '2026-06-30',
        ),
      ).status,
    ).toBe('ended');
  });
});

describe('proposeAssignment', () => {
  it('creates a proposal naming needs, goal, provider, dates and the catalogue version', () => {
    const a = value(proposal());
    expect(a).toMatchObject({
      status: 'proposed',
      measureId: 'mag',
      measureTitle: 'Maßnahme bei einem Arbeitgeber (MAG)',
      catalogueVersion: '2026.2',
      kind: 'assignment',
      needIds: ['N-1'],
      goalId: 'G-1',
      provider: { id: null, name: 'Bildungswerk Torgau' },
      history: [{ from: null, to: 'proposed', on: '2026-03-01' }],
    });
    expect(assignmentSchema.safeParse(a).success).toBe(true);
    const referral = value(proposal({ entry: entry('fbw-bildungsgutschein'), provider: null }));
    expect(referral.kind).toBe('referral');
    expect(assignmentStatusLabel('assigned', referral.kind)).toBe('übergeleitet');
    expect(assignmentStatusLabel('assigned', 'assignment')).toBe('zugewiesen');
  });

  it('refuses a proposal without a need, for a refused measure, or with a forbidden Rechtsfolgenbelehrung', () => {
    const noNeed = proposal({ needIds: [] });
    expect(!noNeed.ok && noNeed.error.reason).toBe('needRequired');
    const refused = proposal({ eligibility: { measureId: 'mag', status: 'not_eligible' } });
    expect(!refused.ok && refused.error.reason).toBe('notEligible');
    expect(proposal({ eligibility: { measureId: 'mag', status: 'eligible_with_warnings' } }).ok).toBe(true);
    const coaching = proposal({ entry: entry('coaching-16k'), withLegalConsequencesNotice: true });
    expect(!coaching.ok && coaching.error.message).toBe(
      '„Ganzheitliche Betreuung (Coaching)“ darf nicht mit einer Rechtsfolgenbelehrung verbunden werden (freiwilliges Angebot).',
    );
    const municipal = proposal({
      entry: entry('kommunal-schuldnerberatung'),
      withLegalConsequencesNotice: true,
    });
    expect(!municipal.ok && municipal.error.reason).toBe('legalConsequencesNoticeNotAllowed');
    expect(proposal({ withLegalConsequencesNotice: true }).ok).toBe(true);
  });
});

describe('assignment record schema', () => {
  const valid = () => structuredClone(inStatus('ended'));
  const messages = (a: unknown) => {
    const r = assignmentSchema.safeParse(a);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('accepts records in every status', () => {
    for (const s of ASSIGNMENT_STATUSES) expect(messages(inStatus(s)), s).toEqual([]);
    const abortedAfterStart = value(
      transitionAssignment(
        inStatus('started'),
        { type: 'abort', outcome: outcome('tookUpEmployment') },
        '2026-03-20',
      ),
    );
    expect(messages(abortedAfterStart)).toEqual([]);
  });

  it('rejects inconsistent records with German messages', () => {
    expect(messages({ ...valid(), outcome: null })).toContain(
      'Eine beendete oder abgebrochene Maßnahme braucht ein Ergebnis.',
    );
    expect(messages({ ...inStatus('started'), outcome: outcome('tookUpEmployment') })).toContain(
      'Ein Ergebnis gibt es erst am Ende der Maßnahme.',
    );
    expect(messages({ ...valid(), outcome: outcome('didNotStart', 'x') })[0]).toContain(
      'passt nicht zum Status „beendet“',
    );
    expect(messages({ ...valid(), endedOn: null })).toContain('Im Status „beendet“ fehlt das Datum.');
    expect(messages({ ...inStatus('proposed'), assignedOn: '2026-03-01' })).toContain(
      'Im Status „vorgeschlagen“ ist dieses Datum nicht zulässig.',
    );
    expect(messages({ ...valid(), startedOn: '2026-05-01' })).toContain(
      'Die Daten von Vorschlag, Zuweisung, Antritt und Ende sind nicht in zeitlicher Reihenfolge.',
    );
    expect(messages({ ...valid(), plannedEnd: '2026-03-01' })).toContain(
      'Das geplante Ende liegt vor dem geplanten Beginn.',
    );
    expect(messages({ ...valid(), history: [{ from: null, to: 'proposed', on: '2026-03-01' }] })).toContain(
      'Der Verlauf endet nicht im aktuellen Status.',
    );
    expect(messages({ ...valid(), needIds: [] })).toContain(
      'Bitte mindestens einen Handlungsbedarf angeben, dem die Maßnahme dient.',
    );
    expect(messages({ ...valid(), extra: 1 }).length).toBe(1);
  });

  it('labels every outcome in German', () => {
    for (const c of OUTCOME_CODES) expect(OUTCOME_LABELS[c].length).toBeGreaterThan(3);
  });
});
