/**
 * What the caseworker states in the measure wizard beyond the case record, as typed: facts the
 * catalogue's rules name (trifft zu / trifft nicht zu), the planned teaching units of a course and
 * the day a job was taken up (Nachbetreuung). Typed values -> the wizard's facts, or a German
 * message at the field.
 */
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import {
  statedFlagsOnly,
  wizardFactsSchema,
  type StatedFlag,
  type WizardFacts,
} from '../../../../shared/domain/measures/wizard';
import type { WizardCandidateDto } from '../../../../shared/ipc/contract';

export interface WizardStatements {
  /** Facts stated (absent: not stated). */
  readonly flags: Partial<Record<StatedFlag, boolean>>;
  /** Planned teaching units as typed ('' = not given). */
  readonly teachingUnits: string;
  /** Day of the job start as typed, TT.MM.JJJJ ('' = not given). */
  readonly jobStart: string;
}

export const NO_STATEMENTS: WizardStatements = { flags: {}, teachingUnits: '', jobStart: '' };

/** A stored draft's statements, whatever an earlier version kept. */
export function statementsOf(stored: Partial<Record<keyof WizardStatements, unknown>>): WizardStatements {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    flags: statedFlagsOnly(
      typeof stored.flags === 'object' && stored.flags !== null
        ? (stored.flags as Record<string, boolean>)
        : undefined,
    ),
    teachingUnits: text(stored.teachingUnits),
    jobStart: text(stored.jobStart),
  };
}

export interface CheckedStatements {
  /** Every valid statement: what the candidates are checked with. */
  readonly facts: WizardFacts;
  /** German messages at the fields that cannot be used as typed. */
  readonly problems: { readonly teachingUnits?: string; readonly jobStart?: string };
}

export function checkStatements(s: WizardStatements): CheckedStatements {
  const problems: { teachingUnits?: string; jobStart?: string } = {};
  const facts: WizardFacts = {};
  if (Object.keys(s.flags).length > 0) facts.flags = { ...s.flags };
  const units = s.teachingUnits.trim();
  if (units !== '') {
    const parsed = wizardFactsSchema.shape.plannedTeachingUnits.safeParse(
      /^\d+$/.test(units) ? Number(units) : Number.NaN,
    );
    if (parsed.success && parsed.data !== undefined) facts.plannedTeachingUnits = parsed.data;
    else problems.teachingUnits = 'Bitte die Unterrichtseinheiten als ganze Zahl angeben (1 bis 5000).';
  }
  if (s.jobStart.trim() !== '') {
    const parsed = parseGermanDate(s.jobStart);
    if (parsed.ok) facts.jobStartDate = parsed.value;
    else problems.jobStart = parsed.message;
  }
  return { facts, problems };
}

/** The statements the chosen measure asks for, as they go with its proposal (none: undefined). */
export function factsForProposal(
  checked: CheckedStatements,
  chosen: Pick<WizardCandidateDto, 'questions' | 'teachingUnits' | 'afterJobStart'>,
): WizardFacts | undefined {
  const { flags, plannedTeachingUnits, jobStartDate } = checked.facts;
  const asked = statedFlagsOnly(Object.fromEntries(chosen.questions.map((q) => [q.flag, flags?.[q.flag]])));
  const facts: WizardFacts = {};
  if (Object.keys(asked).length > 0) facts.flags = asked;
  if (chosen.teachingUnits && plannedTeachingUnits !== undefined)
    facts.plannedTeachingUnits = plannedTeachingUnits;
  if (chosen.afterJobStart && jobStartDate) facts.jobStartDate = jobStartDate;
  return Object.keys(facts).length > 0 ? facts : undefined;
}
