/**
 * The entry form of the Potenzialanalyse (one Merkmal): flat form values <-> the domain's criterion
 * entry, validated with the very schema main parses the write with (AssessmentRecordEntryInput,
 * including its refusal of control and bidi characters), messages placed at the form's fields.
 */
import type { CriterionEntry } from '../../../../shared/domain/assessment/assessment';
import { findCriterion, type CriteriaCatalogue } from '../../../../shared/domain/assessment/criteria';
import type { CompetenceClass, EvidenceSource } from '../../../../shared/domain/assessment/vocabulary';
import { AssessmentRecordEntryInput } from '../../../../shared/ipc/contract';

export interface EntryFormValues {
  strengthText: string;
  competenceClass: CompetenceClass | '';
  hasNeed: boolean;
  needFocus: string;
  functionalLimitations: string;
  evidenceSources: EvidenceSource[];
  note: string;
}

/** What record-entry takes (date and author are set by main). */
export type EntryInput = Omit<CriterionEntry, 'recordedOn' | 'recordedBy'>;

/** Form values of a stored entry, or of a new one (found in conversation by default). */
export function formValuesOf(entry: CriterionEntry | undefined): EntryFormValues {
  return {
    strengthText: entry?.strength?.text ?? '',
    competenceClass: entry?.strength?.competenceClass ?? '',
    hasNeed: entry?.need !== null && entry?.need !== undefined,
    needFocus: entry?.need?.focus ?? '',
    functionalLimitations: entry?.functionalLimitations ?? '',
    evidenceSources: entry ? [...entry.evidenceSources] : ['conversation'],
    note: entry?.note ?? '',
  };
}

/** The entry the form stands for; a strength exists once its text or class is given. */
export function entryOf(criterionId: string, v: EntryFormValues, catalogue: CriteriaCatalogue): EntryInput {
  const health = findCriterion(catalogue, criterionId)?.criterion.healthRelated ?? false;
  const strength =
    v.strengthText.trim() !== '' || v.competenceClass !== ''
      ? { text: v.strengthText, competenceClass: v.competenceClass as CompetenceClass }
      : null;
  return {
    criterionId,
    strength,
    need: v.hasNeed ? { focus: v.needFocus } : null,
    functionalLimitations: health && v.functionalLimitations.trim() !== '' ? v.functionalLimitations : null,
    evidenceSources: v.evidenceSources,
    note: v.note,
  };
}

/** Nothing found yet: no strength, no need, no limitation, no note (not worth saving). */
export function isEmptyEntry(entry: EntryInput): boolean {
  return (
    entry.strength === null &&
    entry.need === null &&
    entry.functionalLimitations === null &&
    entry.note.trim() === ''
  );
}

const FIELD_OF: Readonly<Record<string, keyof EntryFormValues>> = {
  'strength.text': 'strengthText',
  'strength.competenceClass': 'competenceClass',
  strength: 'strengthText',
  'need.focus': 'needFocus',
  need: 'needFocus',
  functionalLimitations: 'functionalLimitations',
  evidenceSources: 'evidenceSources',
  note: 'note',
};

/** The form field of a path of the IPC input (entry.strength.text -> strengthText), or undefined. */
export function formFieldOf(path: string): keyof EntryFormValues | undefined {
  const inner = path.replace(/^entry\.?/, '');
  if (FIELD_OF[inner]) return FIELD_OF[inner];
  if (inner.startsWith('evidenceSources')) return 'evidenceSources';
  return undefined;
}

export interface EntryCheck {
  readonly entry: EntryInput;
  /** German messages per form field (empty when the entry can be saved). */
  readonly errors: Partial<Record<keyof EntryFormValues, string>>;
  /** Messages that belong to no field of the form. */
  readonly other: readonly string[];
}

/** Checks the form with the write channel's own input schema. */
export function checkEntry(
  assessmentId: string,
  criterionId: string,
  values: EntryFormValues,
  catalogue: CriteriaCatalogue,
): EntryCheck {
  const entry = entryOf(criterionId, values, catalogue);
  const parsed = AssessmentRecordEntryInput.safeParse({ assessmentId, entry });
  const errors: Partial<Record<keyof EntryFormValues, string>> = {};
  const other: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formFieldOf(issue.path.map(String).join('.'));
      if (field) errors[field] ??= issue.message;
      else if (!other.includes(issue.message)) other.push(issue.message);
    }
  }
  return { entry, errors, other };
}
