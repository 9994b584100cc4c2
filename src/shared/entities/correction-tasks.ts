import { CORRECTION_STATUS_LABELS } from '../domain/quality/case-review';
import { CASE_SECTION_LABELS } from '../domain/quality/quality-rules';
import { correctionTaskSchema, correctionTaskShapeSchema } from '../domain/quality/case-review';
import { defineEntity, field as f, problemsOf } from './define';

const s = correctionTaskShapeSchema.shape;

/**
 * Eine angeforderte Korrektur (issue 15 item 2): requested by the team lead from a case audit, a
 * task in the caseworker's caseload; the caseworker reports it done with a note, the team lead
 * confirms or reopens it. Every status change is appended to the history, which is never
 * rewritten (case-review.ts checks it on the desktop and the server). A confirmed task is frozen.
 */
export const correctionTasksEntity = defineEntity({
  name: 'correction_tasks',
  label: 'Korrektur',
  fields: {
    auditId: f.text(s.auditId, { policy: 'set-once' }),
    section: f.text(s.section, { policy: 'set-once' }),
    ruleId: f.text(s.ruleId, { policy: 'set-once' }),
    text: f.text(s.text, { policy: 'set-once' }),
    dueOn: f.text(s.dueOn),
    caseworkerId: f.text(s.caseworkerId, { policy: 'set-once' }),
    requestedBy: f.text(s.requestedBy, { policy: 'set-once' }),
    requestedAt: f.text(s.requestedAt, { policy: 'set-once' }),
    status: f.text(s.status),
    completionNote: f.text(s.completionNote),
    completedAt: f.text(s.completedAt),
    history: f.json(s.history),
  },
  fieldLabels: {
    auditId: 'Fallprüfung',
    section: 'Bereich der Akte',
    ruleId: 'Prüfpunkt',
    text: 'Korrekturauftrag',
    dueOn: 'Zu erledigen bis',
    caseworkerId: 'Zuständige Fachkraft',
    requestedBy: 'Angefordert von',
    requestedAt: 'Angefordert am',
    status: 'Status',
    completionNote: 'Erledigungsvermerk',
    completedAt: 'Erledigt am',
    history: 'Verlauf der Korrektur',
  },
  valueLabels: {
    section: CASE_SECTION_LABELS,
    status: CORRECTION_STATUS_LABELS,
    'history.status': CORRECTION_STATUS_LABELS,
  },
  validate: (record) => problemsOf(correctionTaskSchema, record),
  frozen: (r) => (r['status'] === 'bestaetigt' ? 'Eine bestätigte Korrektur bleibt unverändert.' : null),
});
