/**
 * Property test: malformed and hostile bodies against every IPC write channel, through the real
 * dispatch in front of the real services and a real encrypted database. Each body must be refused
 * with a stable error code and a German message, and the synced tables, the outbox and the sync
 * state must stay byte for byte as they were. LOTSE_FUZZ_RUNS (default 1000) sets the bodies per channel.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../../src/shared/entities/index';
import { isAppErrorCode } from '../../../src/shared/errors';
import { ipcContract, WRITE_CHANNELS, type IpcChannel } from '../../../src/shared/ipc/contract';
import { COMPETENCE_CLASSES, EVIDENCE_SOURCES } from '../../../src/shared/domain/assessment/vocabulary';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';

const RUNS = Number(process.env['LOTSE_FUZZ_RUNS'] ?? 1000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type WriteChannel = (typeof WRITE_CHANNELS)[number];

interface Fixture {
  caseId: string;
  personId: string;
  noteId: string;
  appointmentId: string;
  consentId: string;
  draftId: string;
  finalizedId: string;
  goalId: string;
  choiceId: string;
  assignmentId: string;
  ownEffortId: string;
  planId: string;
}

const source = EVIDENCE_SOURCES[0];

/** One valid body per write channel (text never looks like a date or an id). */
const VALID: { readonly [C in WriteChannel]: (f: Fixture) => Json } = {
  'cases:create': () => ({
    officeId: 'torgau',
    caseworkerId: 'ifk-7',
    openedOn: '2026-02-01',
    person: { customerNumber: '321D654987', firstName: 'Käthe', lastName: 'Rößler', birthDate: '1988-05-17' },
    household: {
      householdNumber: '09876BG0012345',
      members: [{ role: 'applicant', birthDate: '1988-05-17' }],
    },
  }),
  'cases:update': (f) => ({
    caseId: f.caseId,
    changes: { status: 'ruhend', phase: 2 },
    expectedRowVersion: 0,
  }),
  'persons:update': (f) => ({ personId: f.personId, changes: { town: 'Torgau', returnerToWork: true } }),
  'notes:create': (f) => ({
    caseId: f.caseId,
    values: { category: 'Beratung', title: 'Gespräch', body: 'Text' },
  }),
  'notes:update': (f) => ({ noteId: f.noteId, changes: { body: 'Neuer Text', restricted: false } }),
  'notes:archive': (f) => ({ noteId: f.noteId }),
  'appointments:create': (f) => ({
    caseId: f.caseId,
    values: {
      startsAt: '2026-03-10T09:00:00+01:00',
      durationMinutes: 30,
      kind: 'beratung',
      location: 'Raum',
    },
  }),
  'appointments:update': (f) => ({
    appointmentId: f.appointmentId,
    changes: { startsAt: '2026-03-11T09:00:00+01:00', durationMinutes: 45 },
    expectedRowVersion: 0,
  }),
  'contacts:create': (f) => ({
    caseId: f.caseId,
    values: {
      occurredAt: '2026-02-20T09:00:00+01:00',
      channel: 'telefon',
      subject: 'Rückruf',
      reached: true,
    },
  }),
  'consents:record': (f) => ({
    caseId: f.caseId,
    values: { purpose: 'email_contact', givenOn: '2026-02-01', form: 'schriftlich', scope: 'nur Termine' },
  }),
  'consents:withdraw': (f) => ({ consentId: f.consentId, withdrawnOn: '2026-03-01' }),
  'assessments:create-draft': (f) => ({ caseId: f.caseId, values: { targetOccupation: null } }),
  'assessments:record-entry': (f) => ({
    assessmentId: f.draftId,
    entry: {
      criterionId: 'work-experience',
      strength: { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] },
      need: { focus: 'Praxis' },
      evidenceSources: [source],
      note: 'Gespräch',
    },
  }),
  'assessments:remove-entry': (f) => ({ assessmentId: f.draftId, criterionId: 'work-experience' }),
  'assessments:update-draft': (f) => ({
    assessmentId: f.draftId,
    changes: { integrationForecast: 'within12Months', dominantKeyFactor: 'qualification' },
  }),
  'assessments:finalize': (f) => ({ assessmentId: f.draftId, expectedRowVersion: 0 }),
  'assessments:override-profile': (f) => ({
    assessmentId: f.draftId,
    override: { value: 'none', reason: 'Fachliche Einschätzung' },
  }),
  'assessments:amend': (f) => ({ assessmentId: f.finalizedId, reason: 'Neuer Zielberuf' }),
  'goals:create': (f) => ({
    caseId: f.caseId,
    values: {
      type: 'employment',
      description: 'Arbeit',
      targetDate: '2026-12-31',
      intermediateGoals: [{ id: 'step-1', description: 'Staplerschein', targetDate: '2026-06-30' }],
    },
  }),
  'goals:update': (f) => ({
    goalId: f.goalId,
    changes: { description: 'Arbeit im Lager', targetDate: '2026-11-30' },
  }),
  'strategies:choose': (f) => ({
    caseId: f.caseId,
    values: { strategyId: 'basic-skills', servesNeeds: ['school-education'], note: 'Kurs' },
  }),
  'strategies:archive': (f) => ({ choiceId: f.choiceId }),
  'measures:propose': (f) => ({
    caseId: f.caseId,
    values: {
      measureId: 'aktivierung-45',
      needIds: ['school-education'],
      goalId: f.goalId,
      provider: { name: 'Träger' },
      plannedStart: '2026-03-16',
      plannedEnd: '2026-06-16',
      withLegalConsequencesNotice: false,
    },
  }),
  'measures:transition': (f) => ({
    assignmentId: f.assignmentId,
    event: { type: 'abort', outcome: { code: 'proposalWithdrawn', note: 'Umzug' } },
    on: '2026-03-02',
  }),
  'measures:extend': (f) => ({
    assignmentId: f.assignmentId,
    plannedEnd: '2026-09-30',
    on: '2026-03-02',
  }),
  'own-efforts:create': (f) => ({
    caseId: f.caseId,
    values: {
      description: 'Bewerbungen',
      frequency: { count: 4, per: 'month' },
      proof: 'bewerbungsliste',
      agreedOn: '2026-02-01',
    },
  }),
  'own-efforts:record-proof': (f) => ({
    ownEffortId: f.ownEffortId,
    proof: { receivedOn: '2026-03-01', form: 'bewerbungsliste', count: 2 },
  }),
  'plans:save-draft': (f) => ({
    planId: f.planId,
    changes: { goal: 'Arbeit im Lager', reviewDueOn: '2026-09-01' },
    expectedRowVersion: 0,
  }),
  'plans:hand-over': (f) => ({ planId: f.planId, form: 'ausdruck' }),
};

// ---------------------------------------------------------------- hostile bodies

type Path = (string | number)[];
function leaves(value: Json, prefix: Path = []): { path: Path; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...prefix, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  return [{ path: prefix, value }];
}
function objects(value: Json, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objects(v, [...prefix, i]));
  if (value !== null && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => objects(v, [...prefix, k]))];
  return [];
}
/** A copy of `root` with the value at `path` replaced (or deleted, or an own key added). */
function edit(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return root;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}
function withOwnKey(root: unknown, path: Path, key: string, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let target = copy;
  for (const k of path) target = target[k] as Record<string, unknown>;
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}
const nested = (depth: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return [v];
};

const isDate = (v: Json) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isDateTime = (v: Json) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);
const isIdKey = (path: Path) => /(^id$|Id$)/.test(String(path.at(-1)));
const REQUIRED_TOP = new Set([
  'caseId',
  'values',
  'changes',
  'noteId',
  'personId',
  'appointmentId',
  'consentId',
  'withdrawnOn',
  'assessmentId',
  'entry',
  'criterionId',
  'override',
  'reason',
  'goalId',
  'choiceId',
  'assignmentId',
  'event',
  'plannedEnd',
  'ownEffortId',
  'proof',
  'planId',
  'form',
  'person',
  'officeId',
  'caseworkerId',
  'openedOn',
]);
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Hostile edits that no valid body survives: refused without any filter. */
function certainlyInvalid(valid: Json): fc.Arbitrary<unknown> {
  const all = leaves(valid);
  const strings = all.filter((l) => typeof l.value === 'string');
  const numbers = all.filter((l) => typeof l.value === 'number');
  const booleans = all.filter((l) => typeof l.value === 'boolean');
  const dates = all.filter((l) => isDate(l.value));
  const dateTimes = all.filter((l) => isDateTime(l.value));
  const ids = strings.filter((l) => isIdKey(l.path));
  const strictObjects = objects(valid).filter((p) => p.length === 0 || p.length === 1);
  const topRequired = Object.keys(valid as object).filter((k) => REQUIRED_TOP.has(k));
  const pick = <T>(list: readonly T[]) => fc.nat().map((i) => list[i % list.length]!);
  const set = (path: Path, value: unknown) =>
    edit(valid, path, (parent, key) => {
      parent[key] = value;
    });
  const options: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(undefined, null, 'text', 42, true, [], [valid], '{"__proto__":{}}'),
    fc
      .tuple(
        pick(strictObjects),
        fc.constantFrom(...PROTOTYPE_KEYS, 'isAdmin', 'rowVersion', 'id'),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([path, key, value]) => withOwnKey(valid, path, key, value)),
    fc
      .tuple(pick(strictObjects), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([path, key, value]) => withOwnKey(valid, path, `x-${key}`, value)),
    fc.tuple(pick(all), fc.integer({ min: 2, max: 400 })).map(([l, depth]) => set(l.path, nested(depth))),
  ];
  if (topRequired.length > 0)
    options.push(
      pick(topRequired).map((key) =>
        edit(valid, [key], (parent, k) => {
          delete parent[k];
        }),
      ),
    );
  if (strings.length > 0)
    options.push(
      fc
        .tuple(pick(strings), fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\u007f'))
        .map(([l, bad]) => set(l.path, `${String(l.value)}${bad}`)),
      pick(strings).map((l) => set(l.path, 'x'.repeat(200_000))),
      fc.tuple(pick(strings), fc.constantFrom(42, true, {}, [], -0.5)).map(([l, v]) => set(l.path, v)),
    );
  if (numbers.length > 0)
    options.push(
      fc
        .tuple(pick(numbers), fc.constantFrom('5', true, {}, 1.5, -1, Number.MAX_SAFE_INTEGER * 4))
        .map(([l, v]) => set(l.path, v)),
    );
  if (booleans.length > 0)
    options.push(fc.tuple(pick(booleans), fc.constantFrom('true', 1, 0, {})).map(([l, v]) => set(l.path, v)));
  if (dates.length > 0)
    options.push(
      fc
        .tuple(
          pick(dates),
          fc.constantFrom(
            '0000-00-00',
            '2026-13-45',
            '2026-02-30',
            '2026-3-1',
            '01.03.2026',
            '2026-03-01T00:00:00Z',
          ),
        )
        .map(([l, v]) => set(l.path, v)),
    );
  if (dateTimes.length > 0)
    options.push(
      fc
        .tuple(
          pick(dateTimes),
          fc.constantFrom('0000-00-00T00:00:00Z', '2026-13-45T10:00:00+01:00', '2026-03-01', 'morgen'),
        )
        .map(([l, v]) => set(l.path, v)),
    );
  if (ids.length > 0)
    options.push(
      fc
        .tuple(
          pick(ids),
          fc.constantFrom('../x', 'a/b', '..', '', '/etc/passwd', 'C:\\x', 'x'.repeat(65), 'id with space'),
        )
        .map(([l, v]) => set(l.path, v)),
    );
  return fc.oneof(...options);
}

/** Random replacements, deletions and extra keys, kept when the contract refuses them. */
function randomlyMalformed(channel: IpcChannel, valid: Json): fc.Arbitrary<unknown> {
  const all = [[], ...leaves(valid).map((l) => l.path), ...objects(valid)] as Path[];
  return fc
    .tuple(fc.nat(), fc.constantFrom('delete', 'replace'), fc.jsonValue({ maxDepth: 3 }))
    .map(([i, op, value]) => {
      const path = all[i % all.length]!;
      if (path.length === 0) return value;
      return edit(valid, path, (parent, key) => {
        if (op === 'delete') delete parent[key];
        else parent[key] = value;
      });
    })
    .filter((body) => !ipcContract[channel].input.safeParse(body).success);
}

// ---------------------------------------------------------------- the database

const FINGERPRINTED = [...ENTITY_NAMES, 'sync_outbox', 'sync_state'];

function fingerprint(b: WriteBackend): string {
  const hash = createHash('sha256');
  for (const table of FINGERPRINTED) {
    const rows = b.t.raw.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all();
    hash.update(`${table}:${rows.length}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

const ENGLISH =
  /\b(Invalid|Expected|expected|Required|required|Unrecognized|received|must|Too (big|small))\b/;
function german(text: string): boolean {
  return text.trim().length > 0 && !ENGLISH.test(text);
}

describe('IPC write channels: hostile bodies', () => {
  let b: WriteBackend;
  let f: Fixture;

  beforeAll(async () => {
    b = await createWriteBackend();
    const { caseId, personId } = await b.newCase();
    const note = await b.call('notes:create', {
      caseId,
      values: { category: 'Beratung', title: 'T', body: 'B' },
    });
    const appointment = await b.call('appointments:create', {
      caseId,
      values: { startsAt: '2026-03-10T09:00:00+01:00', durationMinutes: 30, kind: 'beratung' },
    });
    const consent = await b.call('consents:record', {
      caseId,
      values: { purpose: 'email_contact', givenOn: '2026-02-01', form: 'schriftlich' },
    });
    // a finalized assessment of this case and a draft in a second case
    const draft = await b.call('assessments:create-draft', { caseId, values: {} });
    const strength = { text: 'Zuverlässig', competenceClass: COMPETENCE_CLASSES[0] };
    await b.call('assessments:record-entry', {
      assessmentId: draft.id,
      entry: {
        criterionId: 'school-education',
        need: { focus: 'Abschluss' },
        strength,
        evidenceSources: [source],
      } as never,
    });
    await b.call('assessments:update-draft', {
      assessmentId: draft.id,
      changes: { integrationForecast: 'beyond12Months' },
    });
    const finalized = await b.call('assessments:finalize', { assessmentId: draft.id });
    const other = await b.newCase();
    const openDraft = await b.call('assessments:create-draft', { caseId: other.caseId, values: {} });
    const goal = await b.call('goals:create', {
      caseId,
      values: { type: 'employment', description: 'Arbeit' },
    });
    const choice = await b.call('strategies:choose', {
      caseId,
      values: { strategyId: 'school-leaving-certificate', servesNeeds: ['school-education'] },
    });
    const assignment = await b.call('measures:propose', {
      caseId,
      values: {
        measureId: 'aktivierung-45',
        needIds: ['school-education'],
        goalId: goal.id,
        provider: null,
        plannedStart: '2026-03-16',
        plannedEnd: null,
        withLegalConsequencesNotice: false,
      },
    });
    const effort = await b.call('own-efforts:create', {
      caseId,
      values: { description: 'Bewerbungen', agreedOn: '2026-02-01' },
    });
    const plan = await b.call('plans:save-draft', {
      caseId,
      values: { planDate: '2026-03-02', points: {} } as never,
    });
    f = {
      caseId,
      personId,
      noteId: note.id,
      appointmentId: appointment.id,
      consentId: consent.id,
      draftId: openDraft.id,
      finalizedId: finalized.id,
      goalId: goal.id,
      choiceId: choice.id,
      assignmentId: assignment.id,
      ownEffortId: effort.id,
      planId: plan.id,
    };
  });
  afterAll(async () => {
    await b?.t.destroy();
  });

  it('covers every write channel', () => {
    expect(Object.keys(VALID).sort()).toEqual([...WRITE_CHANNELS].sort());
  });

  for (const channel of WRITE_CHANNELS) {
    it(`${channel}: ${RUNS} malformed bodies are refused with a code and a German message; nothing changes`, async () => {
      const valid = VALID[channel](f);
      const parsed = ipcContract[channel].input.safeParse(valid);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const before = fingerprint(b);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            { weight: 3, arbitrary: certainlyInvalid(valid) },
            { weight: 2, arbitrary: randomlyMalformed(channel, valid) },
          ),
          async (body) => {
            const result = await b.dispatch(channel, body);
            expect(result.ok, JSON.stringify(body)?.slice(0, 300)).toBe(false);
            if (result.ok) return;
            expect(isAppErrorCode(result.error.code)).toBe(true);
            expect(german(result.error.message), result.error.message).toBe(true);
            for (const issue of result.error.issues ?? [])
              expect(german(issue.message), issue.message).toBe(true);
          },
        ),
        { numRuns: RUNS, seed: 20261201 },
      );
      expect(fingerprint(b)).toBe(before);
    });
  }
});
