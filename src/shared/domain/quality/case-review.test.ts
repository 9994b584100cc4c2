import { describe, expect, it } from 'vitest';
import {
  caseAuditChangeProblem,
  caseAuditSchema,
  correctionLinkProblem,
  correctionTaskChangeProblem,
  correctionTaskSchema,
  reviewWriteProblem,
  type CorrectionHistoryEntry,
} from './case-review';

const at = '2026-11-02T09:00:00.000Z';
const h = (status: CorrectionHistoryEntry['status'], by: string, note: string | null = null) => ({
  status,
  at,
  by,
  note,
});
const requested = {
  id: 't1',
  caseId: 'c1',
  auditId: 'a1',
  section: 'ziele',
  text: 'Bitte das Ziel mit Schlüsselgröße verknüpfen.',
  caseworkerId: 'ifk-1',
  requestedBy: 'tl-1',
  requestedAt: at,
  status: 'angefordert',
  history: [h('angefordert', 'tl-1')],
};
const done = {
  ...requested,
  status: 'erledigt',
  completionNote: 'Verknüpft.',
  completedAt: at,
  history: [...requested.history, h('erledigt', 'ifk-1', 'Verknüpft.')],
};

describe('who may write what (by role, before anything is read)', () => {
  it('a team lead writes only audits and tasks, never case content, never archives', () => {
    expect(reviewWriteProblem('team_lead', 'notes', 'update', ['body'])).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Als Teamleitung können Sie Fallinhalte nur lesen.',
    });
    expect(reviewWriteProblem('team_lead', 'cases', 'create', ['caseNumber'])?.code).toBe('FORBIDDEN');
    expect(reviewWriteProblem('team_lead', 'case_audits', 'create', ['items'])).toBeNull();
    expect(reviewWriteProblem('team_lead', 'correction_tasks', 'create', ['text'])).toBeNull();
    expect(reviewWriteProblem('team_lead', 'correction_tasks', 'update', ['status', 'history'])).toBeNull();
    expect(reviewWriteProblem('team_lead', 'correction_tasks', 'update', ['completionNote'])?.code).toBe(
      'FORBIDDEN',
    );
    expect(reviewWriteProblem('team_lead', 'case_audits', 'archive', [])?.code).toBe('FORBIDDEN');
  });

  it('a caseworker writes case content, only completes tasks, never audits', () => {
    expect(reviewWriteProblem('caseworker', 'notes', 'update', ['body'])).toBeNull();
    expect(reviewWriteProblem('caseworker', 'case_audits', 'create', ['items'])?.code).toBe('FORBIDDEN');
    expect(reviewWriteProblem('caseworker', 'case_audits', 'update', ['comment'])?.code).toBe('FORBIDDEN');
    expect(reviewWriteProblem('caseworker', 'correction_tasks', 'create', ['text'])?.code).toBe('FORBIDDEN');
    expect(
      reviewWriteProblem(
        'caseworker',
        'correction_tasks',
        'update',
        ['status', 'completionNote', 'history'],
        {
          status: 'erledigt',
        },
      ),
    ).toBeNull();
    expect(
      reviewWriteProblem('caseworker', 'correction_tasks', 'update', ['status', 'history'], {
        status: 'bestaetigt',
      })?.code,
    ).toBe('FORBIDDEN');
    expect(reviewWriteProblem('caseworker', 'correction_tasks', 'update', ['text'])?.code).toBe('FORBIDDEN');
    expect(reviewWriteProblem('caseworker', 'correction_tasks', 'archive', [])?.code).toBe('FORBIDDEN');
  });

  it('other roles write nothing', () => {
    for (const role of ['specialist_admin', 'data_protection'] as const) {
      expect(reviewWriteProblem(role, 'notes', 'update', ['body'])?.code).toBe('FORBIDDEN');
      expect(reviewWriteProblem(role, 'case_audits', 'create', [])?.code).toBe('FORBIDDEN');
    }
  });
});

describe('the status machine and history of a correction task', () => {
  it('is requested by a team lead in their own name, status angefordert', () => {
    expect(correctionTaskChangeProblem('team_lead', 'tl-1', null, requested)).toBeNull();
    expect(correctionTaskChangeProblem('caseworker', 'ifk-1', null, requested)?.code).toBe('FORBIDDEN');
    expect(correctionTaskChangeProblem('team_lead', 'tl-2', null, requested)?.code).toBe('FORBIDDEN');
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', null, {
        ...requested,
        status: 'bestaetigt',
        history: [h('bestaetigt', 'tl-1')],
      })?.code,
    ).toBe('INVALID_TRANSITION');
  });

  it('the caseworker completes, the team lead confirms or reopens, each appending one entry', () => {
    expect(correctionTaskChangeProblem('caseworker', 'ifk-1', requested, done)).toBeNull();
    expect(correctionTaskChangeProblem('team_lead', 'tl-1', requested, done)?.code).toBe('FORBIDDEN');
    const confirmed = { ...done, status: 'bestaetigt', history: [...done.history, h('bestaetigt', 'tl-1')] };
    expect(correctionTaskChangeProblem('team_lead', 'tl-1', done, confirmed)).toBeNull();
    expect(correctionTaskChangeProblem('caseworker', 'ifk-1', done, confirmed)?.code).toBe('FORBIDDEN');
    const reopened = {
      ...done,
      status: 'wiedereroeffnet',
      history: [...done.history, h('wiedereroeffnet', 'tl-1', 'Ziel fehlt noch.')],
    };
    expect(correctionTaskChangeProblem('team_lead', 'tl-1', done, reopened)).toBeNull();
    const again = { ...reopened, status: 'erledigt', history: [...reopened.history, h('erledigt', 'ifk-1')] };
    expect(correctionTaskChangeProblem('caseworker', 'ifk-1', reopened, again)).toBeNull();
    // skipping a step
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', requested, {
        ...requested,
        status: 'bestaetigt',
        history: [...requested.history, h('bestaetigt', 'tl-1')],
      })?.code,
    ).toBe('INVALID_TRANSITION');
  });

  it('compares the history whatever order the keys come in (a server JSON store reorders them)', () => {
    const stored = {
      ...requested,
      history: [{ note: null, by: 'tl-1', at, status: 'angefordert' as const }],
    };
    expect(correctionTaskChangeProblem('caseworker', 'ifk-1', stored, done)).toBeNull();
  });

  it('the history is never rewritten: no dropped, changed or foreign entries', () => {
    // dropped entry
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', done, {
        ...done,
        status: 'bestaetigt',
        history: [h('angefordert', 'tl-1'), h('bestaetigt', 'tl-1')],
      })?.code,
    ).toBe('DOMAIN_RULE_VIOLATED');
    // entry in another's name
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', done, {
        ...done,
        status: 'bestaetigt',
        history: [...done.history, h('bestaetigt', 'tl-9')],
      })?.code,
    ).toBe('DOMAIN_RULE_VIOLATED');
    // history changed without a status change
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', done, {
        ...done,
        dueOn: '2026-12-01',
        history: [h('angefordert', 'tl-1', 'umgeschrieben'), done.history[1]!],
      })?.code,
    ).toBe('DOMAIN_RULE_VIOLATED');
    expect(
      correctionTaskChangeProblem('team_lead', 'tl-1', done, { ...done, dueOn: '2026-12-01' }),
    ).toBeNull();
  });

  it('the record rules: history ends with the status, done needs a note, German messages', () => {
    expect(correctionTaskSchema.safeParse(requested).success).toBe(true);
    expect(correctionTaskSchema.safeParse(done).success).toBe(true);
    const noNote = correctionTaskSchema.safeParse({ ...done, completionNote: null });
    expect(noNote.error?.issues[0]?.message).toBe('Bitte kurz beschreiben, was korrigiert wurde.');
    const mismatch = correctionTaskSchema.safeParse({ ...requested, status: 'erledigt' });
    expect(mismatch.error?.issues.map((i) => i.message)).toContain(
      'Der Verlauf muss mit dem aktuellen Status enden.',
    );
    const noText = correctionTaskSchema.safeParse({ ...requested, text: '  ' });
    expect(noText.error?.issues[0]?.message).toBe('Bitte beschreiben, was korrigiert werden soll.');
  });
});

describe('case audits', () => {
  const audit = {
    id: 'a1',
    caseId: 'c1',
    sampleId: 's1',
    caseworkerId: 'ifk-1',
    quarter: '2026-Q4',
    seed: 42,
    method: 'zufall',
    sampleSize: 2,
    drawnCaseIds: ['c1', 'c2'],
    populationCount: 10,
    populationDigest: '0a1b2c3d',
    drawnAt: at,
    teamLeadId: 'tl-1',
    items: [{ ruleId: 'goalSet', title: 'Ziel', found: true, findingCount: 1, judgement: null }],
  };

  it('only a team lead, in their own name', () => {
    expect(caseAuditChangeProblem('team_lead', 'tl-1', null, audit)).toBeNull();
    expect(caseAuditChangeProblem('team_lead', 'tl-2', null, audit)?.code).toBe('FORBIDDEN');
    expect(caseAuditChangeProblem('caseworker', 'ifk-1', audit, { ...audit, comment: 'x' })?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('closing needs every item judged and a date; the case belongs to the sample', () => {
    expect(caseAuditSchema.safeParse(audit).success).toBe(true);
    const open = caseAuditSchema.safeParse({ ...audit, status: 'abgeschlossen', closedOn: '2026-11-03' });
    expect(open.error?.issues[0]?.message).toBe(
      'Bitte jeden Prüfpunkt bewerten, bevor die Prüfung abgeschlossen wird.',
    );
    const judged = { ...audit, items: [{ ...audit.items[0]!, judgement: 'erfuellt' }] };
    expect(
      caseAuditSchema.safeParse({ ...judged, status: 'abgeschlossen', closedOn: '2026-11-03' }).success,
    ).toBe(true);
    expect(caseAuditSchema.safeParse({ ...audit, caseId: 'c9' }).error?.issues[0]?.message).toBe(
      'Der Fall gehört nicht zu dieser Stichprobe.',
    );
  });
});

describe('a correction belongs to its audit', () => {
  const audit = {
    caseId: 'c1',
    archived: false,
    record: {
      caseworkerId: 'ifk-1',
      items: [{ ruleId: 'ziel-schluesselgroesse' }, { ruleId: 'plan-aktuell' }],
    },
  };
  it('accepts a task of the audited case for the audited caseworker, with or without a rubric item', () => {
    expect(correctionLinkProblem(requested, audit)).toBeNull();
    expect(correctionLinkProblem({ ...requested, ruleId: 'plan-aktuell' }, audit)).toBeNull();
    expect(correctionLinkProblem({ ...requested, ruleId: null }, audit)).toBeNull();
  });
  it('refuses a task without its audit, of another case, for someone else or for an item not in the audit', () => {
    const code = (task: Record<string, unknown>, a: typeof audit | null) =>
      correctionLinkProblem(task, a)?.message;
    expect(code(requested, null)).toBe('Die Fallprüfung dieser Korrektur gibt es nicht.');
    expect(code(requested, { ...audit, archived: true })).toBe(
      'Die Fallprüfung dieser Korrektur gibt es nicht.',
    );
    expect(code(requested, { ...audit, caseId: 'c2' })).toBe('Die Fallprüfung gehört zu einem anderen Fall.');
    expect(code({ ...requested, caseworkerId: 'ifk-2' }, audit)).toBe(
      'Eine Korrektur geht an die Integrationsfachkraft der geprüften Akte.',
    );
    expect(code({ ...requested, ruleId: 'erfunden' }, audit)).toBe(
      'Diesen Prüfpunkt gibt es in dieser Fallprüfung nicht.',
    );
    expect(correctionLinkProblem(requested, null)?.code).toBe('DOMAIN_RULE_VIOLATED');
  });
});
