import { DUPLICATE_DECISION_LABELS, DUPLICATE_MATCH_LABELS } from '../domain/case/duplicates';
import { duplicateSuspectSchema } from '../domain/case/duplicates';
import { defineEntity, field as f } from './define';

const s = duplicateSuspectSchema.shape;

/**
 * Eine mögliche Doppelerfassung, found by the server when a person created on a laptop arrives
 * (issue 12 item 6). Only the server creates it; the caseworker records the decision.
 */
export const duplicateSuspectsEntity = defineEntity({
  name: 'duplicate_suspects',
  label: 'Mögliche Doppelerfassung',
  createdBy: 'server',
  fields: {
    personId: f.text(s.personId, { policy: 'set-once' }),
    otherPersonId: f.text(s.otherPersonId, { policy: 'set-once' }),
    otherCaseId: f.text(s.otherCaseId, { policy: 'set-once' }),
    otherCaseNumber: f.text(s.otherCaseNumber, { policy: 'set-once' }),
    match: f.text(s.match, { policy: 'set-once' }),
    reason: f.text(s.reason, { policy: 'set-once' }),
    decision: f.text(s.decision),
    decidedBy: f.text(s.decidedBy),
    decidedOn: f.text(s.decidedOn),
  },
  fieldLabels: {
    personId: 'Neu erfasste Person',
    otherPersonId: 'Vorhandene Person',
    otherCaseId: 'Vorhandener Fall',
    otherCaseNumber: 'Aktenzeichen des vorhandenen Falls',
    match: 'Art der Übereinstimmung',
    reason: 'Begründung',
    decision: 'Entscheidung',
    decidedBy: 'Entschieden von',
    decidedOn: 'Entschieden am',
  },
  valueLabels: { match: DUPLICATE_MATCH_LABELS, decision: DUPLICATE_DECISION_LABELS },
});
