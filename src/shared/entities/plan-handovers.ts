import {
  FREQUENCY_LABELS,
  HANDOVER_FORM_LABELS,
  PROOF_FORM_LABELS,
  RESPONSIBLE_LABELS,
} from '../domain/plan/cooperation-plan';
import { COMPANION_LANGUAGE_LABELS } from '../domain/plan/plan-texts';
import { defaultLegalRegimes } from '../domain/legal/legal-regimes';
import { planHandoverRecordSchema } from '../domain/plan/cooperation-plan';
import { defineEntity, field as f } from './define';

const s = planHandoverRecordSchema.shape;
const once = { policy: 'set-once' } as const;

/** Eine ausgehändigte Fassung des Kooperationsplans: immutable from its creation. */
export const planHandoversEntity = defineEntity({
  name: 'plan_handovers',
  label: 'ausgehändigter Kooperationsplan',
  fields: {
    planId: f.text(s.planId, once),
    version: f.integer(s.version, once),
    handedOverOn: f.text(s.handedOverOn, once),
    handedOverBy: f.text(s.handedOverBy, once),
    form: f.text(s.form, once),
    contentHash: f.text(s.contentHash, once),
    regimeId: f.text(s.regimeId, once),
    content: f.json(s.content, once),
    templateVersion: f.text(s.templateVersion, once),
    pdfSha256: f.text(s.pdfSha256, once),
  },
  fieldLabels: {
    planId: 'Kooperationsplan',
    version: 'Fassung',
    handedOverOn: 'Ausgehändigt am',
    handedOverBy: 'Ausgehändigt von',
    form: 'Art der Aushändigung',
    contentHash: 'Prüfwert des Inhalts',
    regimeId: 'Regelwerk',
    content: 'Inhalt',
    templateVersion: 'Version der Vorlage',
    pdfSha256: 'Prüfwert des PDF',
  },
  valueLabels: {
    form: HANDOVER_FORM_LABELS,
    regimeId: Object.fromEntries(defaultLegalRegimes.regimes.map((r) => [r.id, r.name])),
    'content.mainSteps.responsible': RESPONSIBLE_LABELS,
    'content.ownEfforts.frequency.per': FREQUENCY_LABELS,
    'content.ownEfforts.proof': PROOF_FORM_LABELS,
    'content.companionLanguage': COMPANION_LANGUAGE_LABELS,
  },
  frozen: () => 'Eine ausgehändigte Fassung des Kooperationsplans wird nie geändert.',
});
