import { AUDIT_STATUS_LABELS } from '../domain/quality/case-review';
import { JUDGEMENT_LABELS, SAMPLE_METHOD_LABELS } from '../domain/quality/audit-sample';
import { caseAuditSchema, caseAuditShapeSchema } from '../domain/quality/case-review';
import { defineEntity, field as f, problemsOf } from './define';

const s = caseAuditShapeSchema.shape;

/**
 * Die Fallprüfung: one case of a team lead's sample per caseworker and quarter (issue 15 item 2),
 * with how it was drawn (seed, method, size, every drawn case), the rubric with the team lead's
 * judgement per item and a comment. Written only by team leads; a closed audit is frozen.
 */
export const caseAuditsEntity = defineEntity({
  name: 'case_audits',
  label: 'Fallprüfung',
  fields: {
    sampleId: f.text(s.sampleId, { policy: 'set-once' }),
    caseworkerId: f.text(s.caseworkerId, { policy: 'set-once' }),
    quarter: f.text(s.quarter, { policy: 'set-once' }),
    seed: f.integer(s.seed, { policy: 'set-once' }),
    method: f.text(s.method, { policy: 'set-once' }),
    sampleSize: f.integer(s.sampleSize, { policy: 'set-once' }),
    drawnCaseIds: f.json(s.drawnCaseIds, { policy: 'set-once' }),
    populationCount: f.integer(s.populationCount, { policy: 'set-once' }),
    populationDigest: f.text(s.populationDigest, { policy: 'set-once' }),
    drawnAt: f.text(s.drawnAt, { policy: 'set-once' }),
    teamLeadId: f.text(s.teamLeadId, { policy: 'set-once' }),
    items: f.json(s.items),
    comment: f.text(s.comment),
    status: f.text(s.status),
    closedOn: f.text(s.closedOn),
  },
  fieldLabels: {
    sampleId: 'Stichprobe',
    caseworkerId: 'Geprüfte Fachkraft',
    quarter: 'Quartal',
    seed: 'Startwert',
    method: 'Verfahren',
    sampleSize: 'Größe der Stichprobe',
    drawnCaseIds: 'Gezogene Fälle',
    populationCount: 'Anzahl Fälle im Bestand',
    populationDigest: 'Prüfsumme des Bestands',
    drawnAt: 'Gezogen am',
    teamLeadId: 'Teamleitung',
    items: 'Prüfpunkte',
    comment: 'Kommentar zur Prüfung',
    status: 'Status',
    closedOn: 'Abgeschlossen am',
  },
  valueLabels: {
    method: SAMPLE_METHOD_LABELS,
    status: AUDIT_STATUS_LABELS,
    'items.judgement': JUDGEMENT_LABELS,
  },
  validate: (record) => problemsOf(caseAuditSchema, record),
  frozen: (r) =>
    r['status'] === 'abgeschlossen' ? 'Eine abgeschlossene Fallprüfung bleibt unverändert.' : null,
});
